package io.cephsmb.it.harness;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Compliance mode: named smbtorture suites against one or more targets, results per suite and per
 * test side by side, the knownfail check for the gateway, and JSON.
 */
public final class Compliance {

  /** The suites run when none are named: the baseline's list. */
  public static final List<String> DEFAULT_SUITES =
      List.of(
          "smb2.connect",
          "smb2.credits",
          "smb2.session",
          "smb2.create",
          "smb2.read",
          "smb2.rw",
          "smb2.dir",
          "smb2.getinfo",
          "smb2.setinfo",
          "smb2.rename",
          "smb2.delete-on-close-perms",
          "smb2.sharemode",
          "smb2.streams",
          "smb2.maxfid",
          "smb2.timestamps",
          "smb2.ioctl",
          "smb2.compound",
          "rpc.srvsvc",
          "rpc.epmapper");

  /** Everything a compliance run produced. */
  public record Report(
      List<String> targets,
      List<String> suites,
      List<Smbtorture.Run> runs,
      Map<String, List<KnownFail.Violation>> violations) {

    /** Whether any target broke its knownfail list. */
    public boolean ok() {
      return violations.values().stream().allMatch(List::isEmpty);
    }

    /** The run of a suite on a target, or null. */
    public Smbtorture.Run run(String target, String suite) {
      for (Smbtorture.Run r : runs) {
        if (r.target().equals(target) && r.suite().equals(suite)) {
          return r;
        }
      }
      return null;
    }
  }

  private final Smbtorture torture;
  private final Duration suiteTimeout;
  private final Map<String, Duration> suiteTimeouts;

  /**
   * @param suiteTimeout the time limit of a suite unless {@code suiteTimeouts} names one
   */
  public Compliance(
      Smbtorture torture, Duration suiteTimeout, Map<String, Duration> suiteTimeouts) {
    this.torture = torture;
    this.suiteTimeout = suiteTimeout;
    this.suiteTimeouts = Map.copyOf(suiteTimeouts);
  }

  /**
   * Runs every suite on every target (suite by suite, targets interleaved), then checks each target
   * against its knownfail list (targets without one are not checked).
   */
  public Report run(
      List<Target> targets,
      List<String> suites,
      Map<String, KnownFail> knownFail,
      PrintStream progress) {
    List<Smbtorture.Run> runs = new ArrayList<>();
    for (String suite : suites) {
      for (Target t : targets) {
        Duration limit = suiteTimeouts.getOrDefault(suite, suiteTimeout);
        Smbtorture.Run r = torture.run(t.name(), t.endpoint(), suite, limit, List.of());
        progress.printf(
            Locale.ROOT,
            "%-28s %-18s %3d passed %3d failed %3d skipped  %6.1f s%s%n",
            suite,
            t.name(),
            r.passed(),
            r.failed(),
            r.skipped(),
            r.seconds(),
            r.timedOut() ? "  TIME LIMIT" : "");
        runs.add(r);
      }
    }
    Map<String, List<KnownFail.Violation>> violations = new LinkedHashMap<>();
    for (Target t : targets) {
      KnownFail kf = knownFail.get(t.name());
      if (kf == null) {
        continue;
      }
      List<Subunit.TestResult> all = new ArrayList<>();
      for (Smbtorture.Run r : runs) {
        if (r.target().equals(t.name())) {
          all.addAll(r.tests());
        }
      }
      violations.put(t.name(), kf.check(all));
    }
    List<String> names = targets.stream().map(Target::name).toList();
    return new Report(names, List.copyOf(suites), runs, violations);
  }

  /** Prints the per-suite table, the per-test table and the knownfail verdicts. */
  public static void print(Report rep, PrintStream out, boolean allTests) {
    out.println();
    out.println("Per suite: passed / failed+error / skipped (seconds)");
    StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-28s", "suite"));
    for (String t : rep.targets()) {
      h.append(String.format(Locale.ROOT, " | %-24s", t));
    }
    out.println(h);
    out.println("-".repeat(h.length()));
    for (String s : rep.suites()) {
      StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-28s", s));
      for (String t : rep.targets()) {
        Smbtorture.Run r = rep.run(t, s);
        String cell =
            r == null
                ? "-"
                : String.format(
                    Locale.ROOT,
                    "%d / %d / %d (%.0f s)%s",
                    r.passed(),
                    r.failed(),
                    r.skipped(),
                    r.seconds(),
                    r.timedOut() ? " TL" : "");
        b.append(String.format(Locale.ROOT, " | %-24s", cell));
      }
      out.println(b);
    }
    out.println();
    out.println(allTests ? "Per test:" : "Per test (only those not passing everywhere):");
    for (String s : rep.suites()) {
      Set<String> names = new LinkedHashSet<>();
      for (String t : rep.targets()) {
        Smbtorture.Run r = rep.run(t, s);
        if (r != null) {
          r.tests().forEach(x -> names.add(x.name()));
        }
      }
      for (String n : names) {
        List<String> cells = new ArrayList<>();
        boolean allPassed = true;
        for (String t : rep.targets()) {
          Smbtorture.Run r = rep.run(t, s);
          Subunit.TestResult x = r == null ? null : r.test(n);
          cells.add(x == null ? "-" : x.outcome().label());
          allPassed &= x != null && x.outcome().passed();
        }
        if (allTests || !allPassed) {
          StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %-60s", n));
          for (String c : cells) {
            b.append(String.format(Locale.ROOT, " | %-10s", c));
          }
          out.println(b);
        }
      }
    }
    for (Map.Entry<String, List<KnownFail.Violation>> e : rep.violations().entrySet()) {
      out.println();
      if (e.getValue().isEmpty()) {
        out.println("knownfail (" + e.getKey() + "): OK");
      } else {
        out.println("knownfail (" + e.getKey() + "): " + e.getValue().size() + " violation(s)");
        for (KnownFail.Violation v : e.getValue()) {
          out.println("  " + v.test() + " [" + v.outcome().label() + "]: " + v.reason());
        }
      }
    }
  }

  /** The report as a JSON-ready tree. */
  public static Map<String, Object> toJson(Report rep) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("mode", "compliance");
    root.put("targets", rep.targets());
    root.put("suites", rep.suites());
    List<Object> runs = new ArrayList<>();
    for (Smbtorture.Run r : rep.runs()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("target", r.target());
      m.put("suite", r.suite());
      m.put("seconds", r.seconds());
      m.put("timed_out", r.timedOut());
      m.put("exit_code", r.exitCode());
      m.put("passed", r.passed());
      m.put("failed", r.failed());
      m.put("skipped", r.skipped());
      List<Object> tests = new ArrayList<>();
      for (Subunit.TestResult t : r.tests()) {
        Map<String, Object> tm = new LinkedHashMap<>();
        tm.put("name", t.name());
        tm.put("outcome", t.outcome().label());
        if (!t.detail().isEmpty()) {
          tm.put("detail", t.detail());
        }
        tests.add(tm);
      }
      m.put("tests", tests);
      runs.add(m);
    }
    root.put("runs", runs);
    Map<String, Object> kf = new LinkedHashMap<>();
    for (Map.Entry<String, List<KnownFail.Violation>> e : rep.violations().entrySet()) {
      List<Object> vs = new ArrayList<>();
      for (KnownFail.Violation v : e.getValue()) {
        vs.add(Map.of("test", v.test(), "outcome", v.outcome().label(), "reason", v.reason()));
      }
      kf.put(e.getKey(), vs);
    }
    root.put("knownfail_violations", kf);
    root.put("ok", rep.ok());
    return root;
  }
}
