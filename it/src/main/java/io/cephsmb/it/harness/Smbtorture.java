package io.cephsmb.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs smbtorture against a target with subunit output and a hard time limit. */
public final class Smbtorture {
  private final String program;

  private Smbtorture(String program) {
    this.program = program;
  }

  /** Finds smbtorture (Debian's samba-testsuite) or fails saying what to install. */
  public static Smbtorture locate() {
    return new Smbtorture(Exec.require("smbtorture", "samba-testsuite"));
  }

  /** One suite's run on one target. */
  public record Run(
      String target,
      String suite,
      List<Subunit.TestResult> tests,
      double seconds,
      boolean timedOut,
      int exitCode,
      String output) {

    /** Count of tests with the outcome. */
    public long count(Subunit.Outcome o) {
      return tests.stream().filter(t -> t.outcome() == o).count();
    }

    public long passed() {
      return tests.stream().filter(t -> t.outcome().passed()).count();
    }

    public long failed() {
      return tests.stream().filter(t -> t.outcome().failed()).count();
    }

    public long skipped() {
      return tests.stream()
          .filter(t -> t.outcome() == Subunit.Outcome.SKIP || t.outcome() == Subunit.Outcome.XFAIL)
          .count();
    }

    /** The result of a test, or null if the run has none by that name. */
    public Subunit.TestResult test(String name) {
      for (Subunit.TestResult t : tests) {
        if (t.name().equals(name)) {
          return t;
        }
      }
      return null;
    }
  }

  /** The command line for a suite; rpc suites go over named pipes (ncacn_np) to the same port. */
  public List<String> command(Endpoint e, String suite, int timeoutSeconds, List<String> options) {
    List<String> c = new ArrayList<>();
    c.add(program);
    c.add(suite.startsWith("rpc.") ? "ncacn_np:" + e.host() : e.unc());
    c.add("--smb-ports=" + e.port());
    c.add("-U");
    c.add(e.userPercentPassword());
    c.add("--format=subunit");
    c.add("--fullname");
    c.add("--maximum-runtime=" + timeoutSeconds);
    for (String o : options) {
      c.add("--option=" + o);
    }
    c.add(suite);
    return c;
  }

  /**
   * Runs one suite; kills smbtorture (and what it forked) after {@code timeout} and reports that as
   * an error result named after the suite. A run that exits non-zero without any failing test, or
   * reports no test at all, also gets such an error.
   */
  public Run run(String target, Endpoint e, String suite, Duration timeout, List<String> options) {
    Path dir;
    try {
      dir = Files.createTempDirectory("harness-smbtorture-");
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    try {
      int limit = (int) Math.max(1, timeout.toSeconds());
      // smbtorture's own limit first; the harness' kill a little later
      Exec.Result r =
          Exec.run(command(e, suite, limit, options), timeout.plusSeconds(10), null, Map.of(), dir);
      List<Subunit.TestResult> tests = new ArrayList<>(Subunit.parse(r.stdout()));
      boolean anyFailed = tests.stream().anyMatch(t -> t.outcome().failed());
      boolean timedOut =
          r.timedOut() || (r.stdout() + r.stderr()).contains("maximum runtime exceeded");
      if (timedOut) {
        String why = "time limit of " + limit + " s reached: smbtorture killed";
        boolean marked = false;
        for (int i = 0; i < tests.size(); i++) {
          Subunit.TestResult t = tests.get(i);
          if (t.detail().equals(Subunit.NO_RESULT)) {
            tests.set(i, new Subunit.TestResult(t.name(), Subunit.Outcome.ERROR, why));
            marked = true;
          }
        }
        if (!marked) {
          // it hung between tests: the suite itself is the error
          tests.removeIf(t -> t.name().equals(suite));
          tests.add(new Subunit.TestResult(suite, Subunit.Outcome.ERROR, why));
        }
      } else if (tests.isEmpty() || (r.exitCode() != 0 && !anyFailed)) {
        tests.removeIf(t -> t.name().equals(suite));
        tests.add(
            new Subunit.TestResult(
                suite,
                Subunit.Outcome.ERROR,
                "smbtorture exited "
                    + r.exitCode()
                    + " with no failing test:\n"
                    + Exec.tail(r.stderr() + r.stdout(), 2000)));
      }
      return new Run(
          target,
          suite,
          tests,
          r.seconds(),
          timedOut,
          r.exitCode(),
          r.stdout() + "\n" + r.stderr());
    } finally {
      Exec.deleteTree(dir);
    }
  }
}
