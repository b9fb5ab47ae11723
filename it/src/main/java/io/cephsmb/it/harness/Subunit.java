package io.cephsmb.it.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parser of the subunit v1 text stream smbtorture writes with {@code --format=subunit}: lines
 * {@code test: NAME}, then one of {@code success:}, {@code failure:}, {@code error:}, {@code
 * skip:}, {@code xfail:}, {@code uxsuccess:} with the same name, optionally followed by {@code [}
 * and a detail block closed by a line {@code ]}. Every other line ({@code time:}, {@code
 * progress:}, the tests' own output) is ignored. A test that started but has no outcome (the
 * program died or was killed) is reported as an error.
 */
public final class Subunit {
  private Subunit() {}

  /** The detail of a test that started but has no outcome. */
  public static final String NO_RESULT = "started but no result (smbtorture died or was killed)";

  /** The outcome of one test. */
  public enum Outcome {
    SUCCESS,
    FAILURE,
    ERROR,
    SKIP,
    XFAIL,
    UXSUCCESS;

    /** Passed: success (or an unexpected success). */
    public boolean passed() {
      return this == SUCCESS || this == UXSUCCESS;
    }

    /** Failed: failure or error. */
    public boolean failed() {
      return this == FAILURE || this == ERROR;
    }

    /** Lower-case name for output. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One test's result; {@code detail} is the bracketed block (may be empty). */
  public record TestResult(String name, Outcome outcome, String detail) {}

  /** Parses a whole stream; results in the order the tests finished. */
  public static List<TestResult> parse(String text) {
    Map<String, TestResult> done = new LinkedHashMap<>();
    List<String> started = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.startsWith("test: ")) {
        started.add(line.substring(6).trim());
        continue;
      }
      int colon = line.indexOf(": ");
      if (colon <= 0) {
        continue;
      }
      Outcome o = outcome(line.substring(0, colon));
      if (o == null) {
        continue;
      }
      String rest = line.substring(colon + 2);
      String detail = "";
      String name = rest.trim();
      if (rest.endsWith(" [")) {
        name = rest.substring(0, rest.length() - 2).trim();
        StringBuilder d = new StringBuilder();
        int j = i + 1;
        while (j < lines.length && !lines[j].equals("]")) {
          d.append(lines[j]).append('\n');
          j++;
        }
        detail = d.toString().trim();
        i = j;
      } else if (rest.endsWith("]") && rest.contains(" [")) {
        // one-line detail: "skip: name [reason]"
        int open = rest.indexOf(" [");
        name = rest.substring(0, open).trim();
        detail = rest.substring(open + 2, rest.length() - 1).trim();
      }
      done.put(name, new TestResult(name, o, detail));
    }
    for (String s : started) {
      if (!done.containsKey(s)) {
        done.put(
            s,
            new TestResult(
                s, Outcome.ERROR, "started but no result (smbtorture died or was killed)"));
      }
    }
    return new ArrayList<>(done.values());
  }

  private static Outcome outcome(String word) {
    switch (word) {
      case "success":
      case "successful":
        return Outcome.SUCCESS;
      case "failure":
      case "fail":
        return Outcome.FAILURE;
      case "error":
        return Outcome.ERROR;
      case "skip":
        return Outcome.SKIP;
      case "xfail":
        return Outcome.XFAIL;
      case "uxsuccess":
        return Outcome.UXSUCCESS;
      default:
        return null;
    }
  }
}
