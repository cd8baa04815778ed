package dev.synapse.github;

import dev.synapse.signal.Finding;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What Synapse last told a pull request, kept in a hidden HTML comment inside its summary
 * comment (so any node, after any restart, finds it again with the comment): the head reviewed,
 * the open findings and the fingerprints already commented inline. Bounded to
 * {@value #MAX_STATE_CHARS} characters: summaries and recommendations are cut to
 * {@value #MAX_FIELD_CHARS} characters, and past the budget the lowest-ranked open findings are
 * left out of the state (counted in {@code omitted}).
 *
 * @param head head SHA of the last published review, or null
 * @param open open findings after that review, most severe first
 * @param commented fingerprints that already have an inline comment in this pull request
 * @param omitted open findings left out of the state for size
 */
public record PullRequestState(String head, List<Finding> open, Set<String> commented, int omitted) {
  /** First line of the summary comment: how it is found again. */
  public static final String MARKER = "<!-- synapse:summary -->";
  /** Largest encoded state, in characters. */
  public static final int MAX_STATE_CHARS = 30_000;
  /** Longest summary or recommendation kept in the state. */
  public static final int MAX_FIELD_CHARS = 200;
  /** Most commented fingerprints kept. */
  public static final int MAX_COMMENTED = 1_000;
  private static final String STATE_PREFIX = "<!-- synapse:state ";
  private static final String STATE_SUFFIX = " -->";

  /** A pull request Synapse has not commented on. */
  public static final PullRequestState EMPTY = new PullRequestState(null, List.of(), Set.of(), 0);

  public PullRequestState {
    open = List.copyOf(open);
    commented = Set.copyOf(commented);
  }

  /** @return the fingerprints of the open findings */
  public Set<String> openFingerprints() {
    Set<String> out = new LinkedHashSet<>();
    for (Finding f : open) out.add(f.fingerprint());
    return out;
  }

  /** @return the hidden comment holding this state ({@code --} escaped so it cannot end the comment) */
  public String encode() {
    JsonArray fps = new JsonArray();
    int n = 0;
    for (String fp : commented) {
      if (n++ >= MAX_COMMENTED) break;
      fps.add(fp);
    }
    JsonArray findings = new JsonArray();
    int omittedNow = omitted;
    int size = 200 + fps.encode().length();
    for (Finding f : open) {
      JsonObject j = f.toJson();
      j.put("summary", cut(f.summary()));
      if (f.recommendation() != null) j.put("recommendation", cut(f.recommendation()));
      j.remove("agent");
      int len = j.encode().length() + 1;
      if (size + len > MAX_STATE_CHARS) {
        omittedNow++;
        continue;
      }
      size += len;
      findings.add(j);
    }
    JsonObject state = new JsonObject().put("v", 1).put("head", head).put("open", findings)
        .put("commented", fps).put("omitted", omittedNow);
    return STATE_PREFIX + state.encode().replace("--", "-\\u002d") + STATE_SUFFIX;
  }

  /** @return the state found in a comment body, or {@link #EMPTY} when it holds none or a broken one */
  public static PullRequestState decode(String body) {
    if (body == null) return EMPTY;
    int start = body.indexOf(STATE_PREFIX);
    if (start < 0) return EMPTY;
    int end = body.indexOf(STATE_SUFFIX, start + STATE_PREFIX.length());
    if (end < 0) return EMPTY;
    try {
      JsonObject json = new JsonObject(body.substring(start + STATE_PREFIX.length(), end));
      List<Finding> open = new ArrayList<>();
      for (Object o : json.getJsonArray("open", new JsonArray())) {
        if (o instanceof JsonObject j) open.add(Finding.fromJson(j));
      }
      Set<String> commented = new LinkedHashSet<>();
      for (Object o : json.getJsonArray("commented", new JsonArray())) commented.add(String.valueOf(o));
      return new PullRequestState(json.getString("head"), open, commented, json.getInteger("omitted", 0));
    } catch (RuntimeException e) {
      return EMPTY;
    }
  }

  private static String cut(String s) {
    if (s == null) return "";
    return s.length() <= MAX_FIELD_CHARS ? s : s.substring(0, MAX_FIELD_CHARS - 1) + "…";
  }
}
