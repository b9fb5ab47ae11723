package io.cephsmb.gateway.cli;

import static io.cephsmb.omapkv.Futures.join;

import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.Json;
import io.cephsmb.omapkv.KvStore;
import io.cephsmb.omapkv.ReadSet;
import io.cephsmb.omapkv.RecordFormats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code cephsmb state ls|get|dump}: the raw state in RADOS, decoded. Unknown or corrupt records
 * are shown as such (with their bytes), never skipped and never fatal.
 */
@Command(
    name = "state",
    description = "Inspect the gateway's state objects in RADOS",
    mixinStandardHelpOptions = true,
    subcommands = {StateCommand.Ls.class, StateCommand.Get.class, StateCommand.Dump.class})
final class StateCommand {

  /** Options shared by the three subcommands. */
  static class Common extends ClusterCommand {
    /** The decoded entries of one object. */
    Map<String, Object> decode(KvStore kv, String oid, List<String> keys) {
      SortedMap<String, Bytes> entries =
          keys.isEmpty()
              ? join(kv.listAll(oid, ""))
              : join(kv.read(oid, ReadSet.of(keys))).entries();
      RecordFormats formats = RecordFormats.load();
      Map<String, Object> out = new LinkedHashMap<>();
      entries.forEach((k, v) -> out.put(k, formats.describe(oid, k, v)));
      return out;
    }

    void printObject(String oid, Map<String, Object> decoded) {
      out().println(oid);
      decoded.forEach((k, v) -> out().println("  " + k + " = " + Json.write(v)));
    }
  }

  @Command(name = "ls", description = "List the objects in the namespace with their key counts")
  static final class Ls extends Common implements Callable<Integer> {
    @Override
    public Integer call() {
      return withStore(
          (store, kv) -> {
            Map<String, Object> all = new LinkedHashMap<>();
            for (String oid : join(store.listObjects())) {
              all.put(oid, join(kv.listAll(oid, "")).size());
            }
            if (json) {
              out().println(Json.write(all));
            } else {
              all.forEach((oid, n) -> out().printf("%-40s %6s keys%n", oid, n));
            }
          });
    }
  }

  @Command(name = "get", description = "Print one object's records (all, or the keys named)")
  static final class Get extends Common implements Callable<Integer> {
    @Parameters(index = "0", description = "object name")
    String oid;

    @Parameters(index = "1..*", description = "omap keys (default: all)")
    List<String> keys = new ArrayList<>();

    @Override
    public Integer call() {
      return withStore(
          (store, kv) -> {
            Map<String, Object> decoded = decode(kv, oid, keys);
            if (json) {
              out().println(Json.write(decoded));
            } else {
              printObject(oid, decoded);
            }
          });
    }
  }

  @Command(name = "dump", description = "Print every object's records in the namespace")
  static final class Dump extends Common implements Callable<Integer> {
    @Override
    public Integer call() {
      return withStore(
          (store, kv) -> {
            Map<String, Object> all = new LinkedHashMap<>();
            for (String oid : join(store.listObjects())) {
              all.put(oid, decode(kv, oid, List.of()));
            }
            if (json) {
              out().println(Json.write(all));
            } else {
              all.forEach((oid, d) -> printDecoded(oid, d));
            }
          });
    }

    @SuppressWarnings("unchecked")
    private void printDecoded(String oid, Object d) {
      printObject(oid, (Map<String, Object>) d);
    }
  }
}
