package io.cephsmb.gateway.cli;

import static io.cephsmb.omapkv.Futures.join;

import io.cephsmb.gateway.config.ConfigException;
import io.cephsmb.gateway.config.PassDb;
import io.cephsmb.gateway.config.UserRecord;
import io.cephsmb.gateway.msnlmp.NtlmCrypto;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.Json;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cephsmb user add|passwd|del|list}: the users in {@code passdb}. */
@Command(
    name = "user",
    description = "Manage the gateway's users (NT hashes in RADOS, never passwords)",
    mixinStandardHelpOptions = true,
    subcommands = {
      UserCommand.Add.class,
      UserCommand.Passwd.class,
      UserCommand.Del.class,
      UserCommand.ListUsers.class
    })
final class UserCommand {

  /** Where the password comes from: an option, one line of stdin, or a prompt (twice). */
  static final class PasswordSource {
    @Option(names = "--password", description = "the password (visible to ps: prefer stdin)")
    String password;

    @Option(names = "--password-stdin", description = "read the password from standard input")
    boolean stdin;

    // Java 17: System.console() is null without a terminal, which is what is checked here
    @SuppressWarnings("SystemConsoleNull")
    static String read(PasswordSource src) {
      if (src != null && src.password != null) {
        return src.password;
      }
      if (src != null && src.stdin) {
        try {
          String l =
              new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                  .readLine();
          if (l == null) {
            throw new ConfigException("no password on standard input");
          }
          return l;
        } catch (IOException e) {
          throw new ConfigException("cannot read standard input: " + e.getMessage());
        }
      }
      Console c = System.console();
      if (c == null) {
        throw new ConfigException("no terminal: use --password-stdin");
      }
      String a = new String(c.readPassword("New password: "));
      String b = new String(c.readPassword("Retype new password: "));
      if (!a.equals(b)) {
        throw new ConfigException("the passwords differ");
      }
      return a;
    }
  }

  static Bytes hash(PasswordSource src) {
    String pw = PasswordSource.read(src);
    if (pw.isEmpty()) {
      throw new ConfigException("empty password");
    }
    return Bytes.wrap(NtlmCrypto.ntHash(pw));
  }

  @Command(name = "add", description = "Add a user")
  static final class Add extends ClusterCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "user name")
    String name;

    @ArgGroup(exclusive = true)
    PasswordSource password;

    @Option(names = "--uid", defaultValue = "-1", description = "POSIX uid for new files")
    int uid;

    @Option(names = "--gid", defaultValue = "-1", description = "POSIX gid for new files")
    int gid;

    @Override
    public Integer call() {
      return withStore(
          (store, kv) -> {
            UserRecord u = join(new PassDb(kv).add(name, hash(password), uid, gid));
            out().println("added user " + u.name() + " (rid " + u.rid() + ")");
          });
    }
  }

  @Command(name = "passwd", description = "Set a user's password")
  static final class Passwd extends ClusterCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "user name")
    String name;

    @ArgGroup(exclusive = true)
    PasswordSource password;

    @Override
    public Integer call() {
      return withStore(
          (store, kv) -> {
            join(new PassDb(kv).setHash(name, hash(password)));
            out().println("password of " + name + " changed");
          });
    }
  }

  @Command(name = "del", description = "Delete a user")
  static final class Del extends ClusterCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "user name")
    String name;

    @Override
    public Integer call() {
      return withStore(
          (store, kv) -> {
            join(new PassDb(kv).delete(name));
            out().println("deleted user " + name);
          });
    }
  }

  @Command(name = "list", description = "List the users")
  static final class ListUsers extends ClusterCommand implements Callable<Integer> {
    @Override
    public Integer call() {
      return withStore(
          (store, kv) -> {
            List<UserRecord> users = join(new PassDb(kv).list());
            if (json) {
              List<Map<String, Object>> rows =
                  users.stream()
                      .map(
                          u -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("name", u.name());
                            m.put("rid", u.rid());
                            m.put("uid", u.uid());
                            m.put("gid", u.gid());
                            m.put("disabled", u.disabled());
                            return m;
                          })
                      .toList();
              out().println(Json.write(rows));
            } else {
              out().printf("%-24s %6s %6s %6s %s%n", "name", "rid", "uid", "gid", "disabled");
              for (UserRecord u : users) {
                out()
                    .printf(
                        "%-24s %6d %6d %6d %s%n",
                        u.name(), u.rid(), u.uid(), u.gid(), u.disabled());
              }
            }
          });
    }
  }
}
