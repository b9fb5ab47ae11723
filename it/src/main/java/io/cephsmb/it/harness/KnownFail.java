package io.cephsmb.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A list of tests that are known to fail on a target (e.g. {@code it/knownfail/gateway.txt}): one
 * full test name or Java regular expression per line (matched against the whole name), {@code #}
 * starts a comment, blank lines are ignored. The list may only shrink: {@link #check} reports a
 * failing test that no line lists and a passing test that a line lists.
 */
public final class KnownFail {

  /** One line of the list. */
  public record Entry(int line, String text, Pattern pattern) {
    boolean matches(String testName) {
      return text.equals(testName) || pattern.matcher(testName).matches();
    }
  }

  /** Why a run breaks the list. */
  public record Violation(String test, Subunit.Outcome outcome, String reason) {}

  private final List<Entry> entries;

  private KnownFail(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** An empty list: every failure is a violation. */
  public static KnownFail empty() {
    return new KnownFail(List.of());
  }

  /** Reads a list file. */
  public static KnownFail load(Path file) {
    try {
      return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read knownfail list " + file, e);
    }
  }

  /** Parses the lines of a list. */
  public static KnownFail parse(List<String> lines) {
    List<Entry> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      int hash = l.indexOf('#');
      if (hash >= 0) {
        l = l.substring(0, hash);
      }
      l = l.strip();
      if (l.isEmpty()) {
        continue;
      }
      Pattern p;
      try {
        p = Pattern.compile(l);
      } catch (PatternSyntaxException e) {
        p = Pattern.compile(Pattern.quote(l));
      }
      out.add(new Entry(i + 1, l, p));
    }
    return new KnownFail(out);
  }

  /** The entries. */
  public List<Entry> entries() {
    return entries;
  }

  /** Whether a line lists the test. */
  public boolean listed(String testName) {
    for (Entry e : entries) {
      if (e.matches(testName)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The violations of a run: a failure or error no line lists, and a success that a line lists (it
   * must be removed from the list). Skips and expected failures are neither.
   */
  public List<Violation> check(List<Subunit.TestResult> results) {
    List<Violation> v = new ArrayList<>();
    for (Subunit.TestResult r : results) {
      boolean listed = listed(r.name());
      if (r.outcome().failed() && !listed) {
        v.add(new Violation(r.name(), r.outcome(), "fails and is not in the knownfail list"));
      } else if (r.outcome().passed() && listed) {
        v.add(
            new Violation(
                r.name(),
                r.outcome(),
                "passes but is in the knownfail list: remove it (the list may only shrink)"));
      }
    }
    return v;
  }
}
