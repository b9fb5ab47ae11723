package io.cephsmb.gateway.config;

import static io.cephsmb.omapkv.Futures.join;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.gateway.msnlmp.NtlmCrypto;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.KvStore;
import io.cephsmb.omapkv.WriteOp;
import io.cephsmb.omapkv.memory.MemoryCluster;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** passdb and config on the twin. */
class ConfigStoresTest {
  private MemoryCluster cluster;
  private KvStore kv;

  @BeforeEach
  void setUp() {
    cluster = new MemoryCluster().createPool(".smb");
    kv = new KvStore(cluster.connect().store(".smb", "gw"));
  }

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  static Bytes hash(String pw) {
    return Bytes.wrap(NtlmCrypto.ntHash(pw));
  }

  @Test
  void usersAreAddedWithRisingRidsAndLookedUpCaseInsensitively() {
    PassDb db = new PassDb(kv);
    assertEquals(1000, join(db.add("Alice", hash("a"), 2000, 2000)).rid());
    assertEquals(1001, join(db.add("bob", hash("b"), -1, -1)).rid());
    assertArrayEquals(NtlmCrypto.ntHash("a"), join(db.ntHash("ALICE")).orElseThrow());
    assertEquals(Optional.empty(), join(db.ntHash("carol")));
    assertEquals(List.of("Alice", "bob"), join(db.list()).stream().map(UserRecord::name).toList());
  }

  @Test
  void duplicateUnknownAndInvalidUsersAreClearErrors() {
    PassDb db = new PassDb(kv);
    join(db.add("alice", hash("a"), -1, -1));
    ConfigException dup =
        assertThrows(ConfigException.class, () -> join(db.add("ALICE", hash("x"), -1, -1)));
    assertTrue(dup.getMessage().contains("exists"), dup.getMessage());
    assertThrows(ConfigException.class, () -> join(db.setHash("nobody", hash("x"))));
    assertThrows(ConfigException.class, () -> join(db.delete("nobody")));
    assertThrows(ConfigException.class, () -> db.add("", hash("x"), -1, -1));
    assertThrows(ConfigException.class, () -> db.add("a\nb", hash("x"), -1, -1));
    assertArrayEquals(NtlmCrypto.ntHash("a"), join(db.ntHash("alice")).orElseThrow());
  }

  @Test
  void passwdAndDelete() {
    PassDb db = new PassDb(kv);
    join(db.add("alice", hash("old"), -1, -1));
    join(db.setHash("alice", hash("new")));
    assertArrayEquals(NtlmCrypto.ntHash("new"), join(db.ntHash("alice")).orElseThrow());
    join(db.delete("Alice"));
    assertEquals(Optional.empty(), join(db.get("alice")));
  }

  @Test
  void concurrentAddsOfOneNameGiveOneWinner() {
    PassDb db = new PassDb(kv);
    List<CompletableFuture<UserRecord>> fs =
        List.of(
            db.add("same", hash("1"), -1, -1),
            db.add("SAME", hash("2"), -1, -1),
            db.add("Same", hash("3"), -1, -1));
    assertEquals(1, fs.stream().filter(f -> f.handle((v, e) -> e == null).join()).count());
    assertEquals(1, join(db.list()).size());
  }

  @Test
  void aCorruptUserRecordIsAnErrorNotALogon() {
    join(
        kv.objects()
            .write(PassDb.OID, WriteOp.builder().omapSet("user.eve", Bytes.utf8("junk")).build()));
    PassDb db = new PassDb(kv);
    assertThrows(io.cephsmb.omapkv.CorruptRecordException.class, () -> join(db.ntHash("eve")));
  }

  @Test
  void sharesAddSetDeleteAndValidate() {
    ShareConfig c = new ShareConfig(kv);
    join(c.add(new ShareRecord("Data", "/data", "d", false, false, false)));
    assertEquals("/data", join(c.lookup("DATA")).orElseThrow().path());
    join(
        c.update("data", s -> new ShareRecord(s.name(), "/other", s.comment(), true, true, false)));
    ShareRecord s = join(c.lookup("data")).orElseThrow();
    assertEquals("/other", s.path());
    assertTrue(s.readOnly() && s.encryptData());
    assertThrows(
        ConfigException.class,
        () -> join(c.add(new ShareRecord("data", "/x", "", false, false, false))));
    for (String bad : new String[] {"a/b", "IPC$", "", "x:y", "q?"}) {
      assertThrows(
          ConfigException.class,
          () -> c.add(new ShareRecord(bad, "/", "", false, false, false)),
          bad);
    }
    for (String bad : new String[] {"relative", "/a/../b", "/a//b", "/a/./b"}) {
      assertThrows(
          ConfigException.class,
          () -> c.add(new ShareRecord("p", bad, "", false, false, false)),
          bad);
    }
    join(c.delete("DATA"));
    assertEquals(Optional.empty(), join(c.lookup("data")));
    assertEquals(Optional.empty(), join(c.lookup("in/valid")));
  }

  @Test
  void theServerGuidIsCreatedOnceAndKept() {
    ShareConfig c = new ShareConfig(kv);
    GlobalConfig g1 = join(c.global());
    GlobalConfig g2 =
        join(new ShareConfig(new KvStore(cluster.connect().store(".smb", "gw"))).global());
    assertEquals(g1.serverGuid(), g2.serverGuid());
    GlobalConfig g3 = join(c.setGlobal(true, false));
    assertEquals(g1.serverGuid(), g3.serverGuid());
    assertTrue(join(c.global()).signingRequired());
  }
}
