package dev.synapse.analysis.security;

import dev.synapse.analysis.lang.Language;
import java.util.List;

/**
 * Which element a removing call takes out of a positional list, so that list positions stay
 * exact after it: {@code pop()}/{@code pop(i)} (Python lists, JavaScript arrays), {@code popleft()}
 * (Python {@code collections.deque}), {@code shift()} (JavaScript, Ruby), {@code poll()},
 * {@code pollFirst()}, {@code removeFirst()}, {@code pollLast()}, {@code removeLast()} (Java
 * {@code Deque}), {@code remove(i)} / {@code removeAt(i)} / {@code delete_at(i)} by index, and
 * Python's {@code list.remove(x)}, which removes the first element equal to {@code x}.
 * Stateless; the names are container semantics of the languages, not framework APIs.
 */
final class ListRemoval {
  /** The result when the removed position cannot be decided. */
  static final int UNKNOWN = -1;
  /** The result when the call is not a removal from a list. */
  static final int NOT_REMOVAL = -2;

  private ListRemoval() {}

  /**
   * @param lname the lower-cased method name
   * @param lang the source language
   * @param argc the number of arguments
   * @param arg the constant value of the first argument, or null
   * @param items the list's elements (not null)
   * @return the index removed (0-based, within {@code items}), {@link #UNKNOWN} when the call
   *     removes an element whose position is not decidable, or {@link #NOT_REMOVAL}
   */
  static int index(String lname, Language lang, int argc, Object arg, List<Value> items) {
    int size = items.size();
    switch (lname) {
      case "pop":
        if (argc == 0) return size == 0 ? UNKNOWN : size - 1;
        if (argc == 1 && lang == Language.PYTHON) return position(arg, size);
        return NOT_REMOVAL;
      case "popleft": case "shift": case "poll": case "pollfirst": case "removefirst":
        return argc == 0 ? (size == 0 ? UNKNOWN : 0) : NOT_REMOVAL;
      case "polllast": case "removelast":
        return argc == 0 ? (size == 0 ? UNKNOWN : size - 1) : NOT_REMOVAL;
      case "remove":
        if (argc != 1) return NOT_REMOVAL;
        if (lang == Language.PYTHON) {
          if (arg == null) return UNKNOWN;
          for (int i = 0; i < size; i++) {
            if (arg.equals(items.get(i).constant)) return i;
          }
          return UNKNOWN;
        }
        return arg instanceof Long n && n >= 0 && n < size ? (int) (long) n : NOT_REMOVAL;
      case "removeat": case "delete_at":
        return argc == 1 ? position(arg, size) : NOT_REMOVAL;
      default:
        return NOT_REMOVAL;
    }
  }

  private static int position(Object arg, int size) {
    if (!(arg instanceof Long n)) return UNKNOWN;
    long i = n < 0 ? size + n : n;
    return i >= 0 && i < size ? (int) i : UNKNOWN;
  }
}
