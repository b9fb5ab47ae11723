package io.cephsmb.gateway.cli;

import static io.cephsmb.omapkv.Futures.join;

import io.cephsmb.gateway.config.ShareConfig;
import io.cephsmb.gateway.config.ShareRecord;
import io.cephsmb.omapkv.Json;
import io.cephsmb.omapkv.RecordFormats;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cephsmb share add|set|del|list}: the shares in {@code config}. */
@Command(
    name = "share",
    description = "Manage the gateway's shares",
    mixinStandardHelpOptions = true,
    subcommands = {
      ShareCommand.Add.class,
      ShareCommand.Set.class,
      ShareCommand.Del.class,
      ShareCommand.ListShares.class
    })
final class ShareCommand {

  @Command(name = "add", description = "Add a share")
  static final class Add extends ClusterCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "share name")
    String name;

    @Option(names = "--path", required = true, description = "directory inside CephFS, e.g. /")
    String path;

    @Option(names = "--comment", defaultValue = "", description = "comment")
    String comment;

    @Option(names = "--read-only", description = "refuse writes")
    boolean readOnly;

    @Option(names = "--encrypt", description = "SMB 3.x clients must encrypt")
    boolean encrypt;

    @Option(names = "--continuously-available", description = "persistent handles (when built)")
    boolean ca;

    @Option(
        names = "--case-sensitive",
        description = "compare names with case (default: case-insensitive, case-preserving)")
    boolean caseSensitive;

    @Override
    public Integer call() {
      return withStore(
          (store, kv) -> {
            ShareRecord s =
                join(
                    new ShareConfig(kv)
                        .add(
                            new ShareRecord(
                                name, path, comment, readOnly, encrypt, ca, caseSensitive)));
            out().println("added share " + s.name() + " -> " + s.path());
          });
    }
  }

  @Command(name = "set", description = "Change a share (only the options given)")
  static final class Set extends ClusterCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "share name")
    String name;

    @Option(names = "--path", description = "directory inside CephFS")
    String path;

    @Option(names = "--comment", description = "comment")
    String comment;

    @Option(names = "--read-only", arity = "1", description = "true or false")
    Boolean readOnly;

    @Option(names = "--encrypt", arity = "1", description = "true or false")
    Boolean encrypt;

    @Option(names = "--continuously-available", arity = "1", description = "true or false")
    Boolean ca;

    @Option(names = "--case-sensitive", arity = "1", description = "true or false")
    Boolean caseSensitive;

    @Override
    public Integer call() {
      return withStore(
          (store, kv) -> {
            ShareRecord s =
                join(
                    new ShareConfig(kv)
                        .update(
                            name,
                            cur ->
                                new ShareRecord(
                                    cur.name(),
                                    path != null ? path : cur.path(),
                                    comment != null ? comment : cur.comment(),
                                    readOnly != null ? readOnly : cur.readOnly(),
                                    encrypt != null ? encrypt : cur.encryptData(),
                                    ca != null ? ca : cur.continuouslyAvailable(),
                                    caseSensitive != null ? caseSensitive : cur.caseSensitive())));
            out().println("changed share " + s.name());
          });
    }
  }

  @Command(name = "del", description = "Delete a share")
  static final class Del extends ClusterCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "share name")
    String name;

    @Override
    public Integer call() {
      return withStore(
          (store, kv) -> {
            join(new ShareConfig(kv).delete(name));
            out().println("deleted share " + name);
          });
    }
  }

  @Command(name = "list", description = "List the shares")
  static final class ListShares extends ClusterCommand implements Callable<Integer> {
    @Override
    public Integer call() {
      return withStore(
          (store, kv) -> {
            List<ShareRecord> shares = join(new ShareConfig(kv).list());
            if (json) {
              out().println(Json.write(RecordFormats.tree(shares)));
            } else {
              out()
                  .printf("%-20s %-30s %-5s %-7s %s%n", "name", "path", "ro", "encrypt", "comment");
              for (ShareRecord s : shares) {
                out()
                    .printf(
                        "%-20s %-30s %-5s %-7s %s%n",
                        s.name(), s.path(), s.readOnly(), s.encryptData(), s.comment());
              }
            }
          });
    }
  }
}
