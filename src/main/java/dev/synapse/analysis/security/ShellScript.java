package dev.synapse.analysis.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the script of a shell started through an argument array: {@code ["bash", "-c", SCRIPT]},
 * {@code exec.Command("sh", "-c", SCRIPT)}, {@code new ProcessBuilder("sh", "-c", SCRIPT)},
 * {@code spawn("sh", ["-c", SCRIPT])}, {@code exec(new String[]{"cmd.exe", "/c", SCRIPT})}. The
 * argument-array form runs no shell for the other elements, but the shell parses its script, so
 * untrusted text in it is command injection (CWE-78). Stateless.
 */
final class ShellScript {
  private ShellScript() {}

  /**
   * @param args the evaluated arguments of a process-starting call, in order; an argument that is
   *     a positional list ({@link Value#listItems}) is read element by element
   * @return the value of the element after a constant shell program name and a constant script
   *     flag ({@link FlowWords#SHELL_PROGRAMS}, {@link FlowWords#SHELL_SCRIPT_FLAGS}), or
   *     null when the arguments have no such shape
   */
  static Value script(List<Value> args) {
    List<Value> flat = new ArrayList<>(args.size() + 4);
    for (Value v : args) {
      List<Value> items = v.listItems();
      if (items != null && !items.isEmpty()) flat.addAll(items);
      else flat.add(v);
    }
    for (int i = 0; i + 2 < flat.size(); i++) {
      if (isConstant(flat.get(i), FlowWords.SHELL_PROGRAMS)
          && isConstant(flat.get(i + 1), FlowWords.SHELL_SCRIPT_FLAGS)) {
        return flat.get(i + 2).flatten();
      }
    }
    return null;
  }

  private static boolean isConstant(Value v, java.util.Set<String> names) {
    return v.constant instanceof String s && names.contains(s.trim().toLowerCase(Locale.ROOT));
  }
}
