package io.cephsmb.it.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.it.harness.Subunit.Outcome;
import io.cephsmb.it.harness.Subunit.TestResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The subunit parser on smbtorture 4.17 output captured against the Samba reference. */
class SubunitTest {

  private static String resource(String name) throws IOException {
    try (InputStream in = SubunitTest.class.getResourceAsStream("/subunit/" + name)) {
      assertNotNull(in, name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Map<String, TestResult> byName(List<TestResult> rs) {
    return rs.stream().collect(Collectors.toMap(TestResult::name, Function.identity()));
  }

  @Test
  void connectAndReadWithASkipAndItsReason() throws IOException {
    List<TestResult> rs = Subunit.parse(resource("smb2.connect-read.txt"));
    assertEquals(
        List.of(
            "smb2.connect",
            "smb2.read.eof",
            "smb2.read.position",
            "smb2.read.dir",
            "smb2.read.access",
            "smb2.read.bug14607"),
        rs.stream().map(TestResult::name).toList());
    Map<String, TestResult> m = byName(rs);
    assertEquals(Outcome.SUCCESS, m.get("smb2.connect").outcome());
    assertEquals(Outcome.SUCCESS, m.get("smb2.read.access").outcome());
    TestResult skip = m.get("smb2.read.bug14607");
    assertEquals(Outcome.SKIP, skip.outcome());
    assertTrue(
        skip.detail().contains("FSCTL_SMBTORTURE_GLOBAL_READ_RESPONSE_BODY_PADDING8"),
        skip.detail());
  }

  @Test
  void epmapperFailuresWithDetailAmidTheTestsOwnOutput() throws IOException {
    List<TestResult> rs = Subunit.parse(resource("rpc.epmapper.txt"));
    Map<String, TestResult> m = byName(rs);
    assertEquals(5, rs.size(), rs.toString());
    assertEquals(Outcome.SUCCESS, m.get("epmapper.Map_simple").outcome());
    assertEquals(Outcome.SUCCESS, m.get("epmapper.Lookup_simple").outcome());
    assertEquals(Outcome.SUCCESS, m.get("epmapper.Lookup_terminate_search").outcome());
    assertEquals(Outcome.FAILURE, m.get("epmapper.Map_full").outcome());
    assertEquals(
        "../../source4/torture/rpc/epmapper.c:254: Expression `ok' failed: test_Insert failed",
        m.get("epmapper.Map_full").detail());
    TestResult ins = m.get("epmapper.Insert_noreplace");
    assertEquals(Outcome.FAILURE, ins.outcome());
    assertTrue(ins.detail().contains("NT_STATUS_RPC_PROCNUM_OUT_OF_RANGE"), ins.detail());
  }

  @Test
  void sessionSuiteCounts() throws IOException {
    List<TestResult> rs = Subunit.parse(resource("smb2.session.txt"));
    Map<Outcome, Long> counts =
        rs.stream().collect(Collectors.groupingBy(TestResult::outcome, Collectors.counting()));
    assertEquals(56L, counts.get(Outcome.SUCCESS));
    assertEquals(3L, counts.get(Outcome.FAILURE));
    assertEquals(7L, counts.get(Outcome.SKIP));
    assertEquals(Outcome.FAILURE, byName(rs).get("smb2.session.reauth5").outcome());
    assertEquals(Outcome.SKIP, byName(rs).get("smb2.session.expire1n").outcome());
  }

  @Test
  void aTestStartedButNeverFinishedIsAnError() throws IOException {
    // smbtorture stopped by --maximum-runtime in the middle of smb2.bench.echo
    List<TestResult> rs = Subunit.parse(resource("smb2.bench.echo-killed.txt"));
    assertEquals(1, rs.size());
    assertEquals("smb2.bench.echo", rs.get(0).name());
    assertEquals(Outcome.ERROR, rs.get(0).outcome());
  }

  @Test
  void everyOutcomeKeywordAndOneLineDetails() {
    String text =
        String.join(
            "\n",
            "time: 2026-11-25 00:06:10.472513",
            "test: a.ok",
            "success: a.ok",
            "test: a.err",
            "error: a.err [",
            "NT_STATUS_CONNECTION_DISCONNECTED",
            "  second line",
            "]",
            "test: a.skip",
            "skip: a.skip [not supported]",
            "test: a.xf",
            "xfail: a.xf",
            "test: a.ux",
            "uxsuccess: a.ux",
            "test: a.name with spaces",
            "failure: a.name with spaces [",
            "]",
            "progress: 5",
            "");
    Map<String, TestResult> m = byName(Subunit.parse(text));
    assertEquals(6, m.size(), m.toString());
    assertEquals(Outcome.SUCCESS, m.get("a.ok").outcome());
    assertEquals(Outcome.ERROR, m.get("a.err").outcome());
    assertEquals("NT_STATUS_CONNECTION_DISCONNECTED\n  second line", m.get("a.err").detail());
    assertEquals(Outcome.SKIP, m.get("a.skip").outcome());
    assertEquals("not supported", m.get("a.skip").detail());
    assertEquals(Outcome.XFAIL, m.get("a.xf").outcome());
    assertEquals(Outcome.UXSUCCESS, m.get("a.ux").outcome());
    assertEquals(Outcome.FAILURE, m.get("a.name with spaces").outcome());
    assertEquals("", m.get("a.name with spaces").detail());
  }
}
