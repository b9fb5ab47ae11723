package io.cephsmb.gateway.cli;

import static io.cephsmb.omapkv.Futures.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.cephdev.CephDevClusterExtension;
import io.cephsmb.cephdev.DevCluster;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.KvStore;
import io.cephsmb.omapkv.RadosClient;
import io.cephsmb.omapkv.Records;
import io.cephsmb.omapkv.WriteOp;
import io.cephsmb.omapkv.rados.LibradosClient;
import io.cephsmb.radoslock.ClusterEpoch;
import io.cephsmb.radoslock.NodeRecord;
import io.cephsmb.radoslock.NodeStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code cephsmb state, user, share} against the dev cluster. */
@ExtendWith(CephDevClusterExtension.class)
class CliIT {
  private final DevCluster cluster;
  private String ns;

  CliIT(DevCluster cluster) {
    this.cluster = cluster;
  }

  record Run(int code, String out, String err) {}

  private Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] full = new String[args.length + 4];
    System.arraycopy(args, 0, full, 0, args.length);
    full[args.length] = "--conf=" + cluster.confPath();
    full[args.length + 1] = "--id=" + cluster.clientId();
    full[args.length + 2] = "--namespace=" + ns;
    full[args.length + 3] = "--pool=" + cluster.statePool();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), full);
    return new Run(code, out.toString(), err.toString());
  }

  @BeforeEach
  void seed() {
    ns = "cli-" + UUID.randomUUID();
    try (RadosClient c = LibradosClient.connect(cluster.confPath(), cluster.clientId())) {
      KvStore kv = new KvStore(c.store(cluster.statePool(), ns));
      NodeRecord n =
          new NodeRecord(
              "gw1", 3, "127.0.0.1:0/42", 4242, List.of("10.0.0.1:445"), NodeStatus.UP, 1);
      join(
          kv.objects()
              .write(
                  "cluster.state",
                  WriteOp.builder()
                      .omapSet(
                          Map.of(
                              "node.gw1", Records.encode(NodeRecord.CODEC, 7, n),
                              "epoch", Records.encode(ClusterEpoch.CODEC, 3, new ClusterEpoch(3)),
                              "node.bad", Bytes.utf8("not a record"),
                              "mystery", Bytes.utf8("??")))
                      .build()));
    }
  }

  @Test
  void lsListsObjectsWithKeyCounts() {
    Run r = cli("state", "ls");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().matches("(?s)cluster\\.state\\s+4 keys\\s*"), r.out());
    Run j = cli("state", "ls", "--json");
    assertEquals("{\"cluster.state\":4}", j.out().trim());
  }

  @Test
  void getDecodesKnownRecordsAndShowsBadOnes() {
    Run r = cli("state", "get", "cluster.state", "--json");
    assertEquals(0, r.code(), r.err());
    String out = r.out();
    assertTrue(
        out.contains(
            "\"node.gw1\":{\"type\":\"node\",\"version\":1,\"seqnum\":7,\"value\":{\"id\":\"gw1\",\"incarnation\":3,"),
        out);
    assertTrue(out.contains("\"status\":\"UP\""), out);
    assertTrue(
        out.contains(
            "\"epoch\":{\"type\":\"epoch\",\"version\":1,\"seqnum\":3,\"value\":{\"epoch\":3}}"),
        out);
    assertTrue(out.contains("\"node.bad\":{\"type\":\"node\",\"error\":\"record too short"), out);
    assertTrue(out.contains("\"mystery\":{\"type\":\"unknown\",\"hex\":\"3f3f\"}"), out);
    Run one = cli("state", "get", "cluster.state", "epoch");
    assertEquals(0, one.code(), one.err());
    assertTrue(one.out().startsWith("cluster.state\n  epoch = {"), one.out());
    assertTrue(!one.out().contains("node.gw1"), one.out());
  }

  @Test
  void dumpPrintsEveryObject() {
    Run r = cli("state", "dump");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("cluster.state\n"), r.out());
    assertTrue(r.out().contains("  node.gw1 = "), r.out());
  }

  @Test
  void usersAndSharesThroughTheCli() {
    Run add = cli("user", "add", "alice", "--password", "pw1", "--uid", "1000");
    assertEquals(0, add.code(), add.err());
    assertTrue(add.out().contains("added user alice (rid 1000)"), add.out());
    Run dup = cli("user", "add", "ALICE", "--password", "x");
    assertEquals(1, dup.code());
    assertTrue(dup.err().contains("user ALICE exists"), dup.err());
    assertEquals(0, cli("user", "passwd", "alice", "--password", "pw2").code());
    Run list = cli("user", "list", "--json");
    assertEquals(
        "[{\"name\":\"alice\",\"rid\":1000,\"uid\":1000,\"gid\":-1,\"disabled\":false}]",
        list.out().trim());
    Run state = cli("state", "get", "passdb", "--json");
    assertTrue(state.out().contains("\"ntHash\":\"<redacted>\""), state.out());
    assertEquals(0, cli("user", "del", "alice").code());
    assertEquals(1, cli("user", "del", "alice").code());

    assertEquals(0, cli("share", "add", "data", "--path", "/", "--comment", "all").code());
    Run bad = cli("share", "add", "x/y", "--path", "/");
    assertEquals(1, bad.code());
    assertTrue(bad.err().contains("invalid share name"), bad.err());
    assertEquals(0, cli("share", "set", "data", "--encrypt", "true").code());
    Run shares = cli("share", "list", "--json");
    assertTrue(
        shares
            .out()
            .contains(
                "\"name\":\"data\",\"path\":\"/\",\"comment\":\"all\",\"readOnly\":false,\"encryptData\":true"),
        shares.out());
    assertEquals(0, cli("share", "del", "data").code());
    assertEquals("[]", cli("share", "list", "--json").out().trim());
  }

  @Test
  void aMissingPoolIsAClearErrorAndExitCodeOne() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out),
            new PrintWriter(err),
            "state",
            "ls",
            "--conf=" + cluster.confPath(),
            "--pool=no-such-pool");
    assertEquals(1, code);
    assertTrue(err.toString().contains("no-such-pool"), err.toString());
  }
}
