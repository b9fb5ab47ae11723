package io.cephsmb.it.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.it.harness.Subunit.Outcome;
import io.cephsmb.it.harness.Subunit.TestResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The knownfail rules: unlisted failures and listed passes break the run. */
class KnownFailTest {

  private static final KnownFail LIST =
      KnownFail.parse(
          List.of(
              "# the gateway's known failures",
              "",
              "smb2.session.reauth5",
              "smb2.streams\\..*   # every streams test",
              "smb2.delete-on-close-perms.OVERWRITE_IF Existing"));

  private static TestResult r(String name, Outcome o) {
    return new TestResult(name, o, "");
  }

  @Test
  void anUnlistedFailureIsAViolation() {
    List<KnownFail.Violation> v = LIST.check(List.of(r("smb2.session.reauth4", Outcome.FAILURE)));
    assertEquals(1, v.size());
    assertEquals("smb2.session.reauth4", v.get(0).test());
    assertTrue(v.get(0).reason().contains("not in the knownfail list"));
  }

  @Test
  void anUnlistedErrorIsAViolation() {
    assertEquals(1, LIST.check(List.of(r("smb2.connect", Outcome.ERROR))).size());
  }

  @Test
  void aListedTestThatPassesIsAViolationUntilRemoved() {
    List<KnownFail.Violation> v = LIST.check(List.of(r("smb2.session.reauth5", Outcome.SUCCESS)));
    assertEquals(1, v.size());
    assertTrue(v.get(0).reason().contains("remove it"), v.get(0).reason());
    // by regex too
    assertEquals(1, LIST.check(List.of(r("smb2.streams.io", Outcome.SUCCESS))).size());
  }

  @Test
  void aListedFailurePasses() {
    assertTrue(
        LIST.check(
                List.of(
                    r("smb2.session.reauth5", Outcome.FAILURE),
                    r("smb2.streams.rename", Outcome.ERROR),
                    r("smb2.delete-on-close-perms.OVERWRITE_IF Existing", Outcome.FAILURE)))
            .isEmpty());
  }

  @Test
  void passesOfUnlistedTestsAndSkipsAreFine() {
    assertTrue(
        LIST.check(
                List.of(
                    r("smb2.connect", Outcome.SUCCESS),
                    r("smb2.session.expire1n", Outcome.SKIP),
                    r("smb2.session.reauth5", Outcome.SKIP),
                    r("smb2.read.bug14607", Outcome.XFAIL)))
            .isEmpty());
  }

  @Test
  void linesAreWholeNameMatchesAndCommentsAreIgnored() {
    assertEquals(3, LIST.entries().size());
    assertTrue(LIST.listed("smb2.streams.io"));
    assertFalse(LIST.listed("smb2.session.reauth50"), "a line matches the whole name");
    assertFalse(LIST.listed("xsmb2.session.reauth5"));
    assertFalse(LIST.listed("smb2.delete-on-close-perms.OVERWRITE_IF"));
  }

  @Test
  void anEmptyListMakesEveryFailureAViolation() {
    assertEquals(1, KnownFail.empty().check(List.of(r("smb2.connect", Outcome.FAILURE))).size());
  }

  @Test
  void theGatewayListInTheRepositoryParses(@TempDir Path tmp) throws Exception {
    Path repoList =
        Path.of(System.getProperty("cephsmb.repo.root", "..")).resolve("it/knownfail/gateway.txt");
    assertTrue(Files.exists(repoList), repoList.toString());
    KnownFail.load(repoList);
    Path f = tmp.resolve("k.txt");
    Files.writeString(f, "smb2.ioctl.*\n[unbalanced\n");
    KnownFail k = KnownFail.load(f);
    assertTrue(k.listed("smb2.ioctl.sparse_file_flag"));
    assertTrue(k.listed("[unbalanced"), "a line that is no regex is taken literally");
  }
}
