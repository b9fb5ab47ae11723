package io.cephsmb.gateway.pipe;

import io.cephsmb.dcerpc.np.PipeEndpoint;
import io.cephsmb.dcerpc.server.RpcServer;
import io.cephsmb.dcerpc.server.TransportIdentity;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2Command;
import io.cephsmb.gateway.mssmb2.Smb2FileId;
import io.cephsmb.gateway.server.CommandHandler;
import io.cephsmb.gateway.server.RequestContext;
import io.cephsmb.gateway.server.Response;
import io.cephsmb.gateway.server.Smb2StatusException;
import io.cephsmb.gateway.server.SmbConnection;
import io.cephsmb.gateway.server.SmbServer;
import io.cephsmb.gateway.server.SmbSession;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The named pipes of the IPC$ share: which pipe names exist (each served by an {@link RpcServer})
 * and the table of pipe opens of this node ([MS-SMB2] 3.3.1.10, FileId -> {@link PipeOpen}). Each
 * open is its own DCE/RPC connection, closed with the handle, the tree connect, the session or the
 * SMB connection.
 *
 * <p>{@link #wrap} takes the handlers the server would otherwise use (engine and file service) and
 * returns them with the commands of IPC$ tree connects routed here; requests on other trees go to
 * the wrapped handlers unchanged, and so do FSCTLs on IPC$ that are not pipe FSCTLs (e.g.
 * FSCTL_VALIDATE_NEGOTIATE_INFO). Event-loop confined except the pipe instances themselves.
 */
public final class NamedPipes {
  private static final Logger LOG = LoggerFactory.getLogger(NamedPipes.class);

  private final Map<String, RpcServer> pipes;
  private final Map<Long, PipeOpen> opens = new ConcurrentHashMap<>();
  private final Map<SmbConnection, Boolean> hooked = new ConcurrentHashMap<>();
  private final AtomicLong nextVolatile = new AtomicLong(new SecureRandom().nextInt() & 0xffffffL);

  /**
   * @param pipes the RPC server behind each pipe name (without {@code \PIPE\}, matched without
   *     case), e.g. {@code srvsvc}, {@code wkssvc}, {@code epmapper}
   */
  public NamedPipes(Map<String, RpcServer> pipes) {
    this.pipes =
        pipes.entrySet().stream()
            .collect(
                Collectors.toUnmodifiableMap(
                    e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
  }

  /**
   * {@code handlers} (the complete table the server would use, engine handlers included) with the
   * commands of IPC$ tree connects served by the pipes; pass the result to {@code SmbServer.start}.
   */
  public Map<Smb2Command, CommandHandler> wrap(Map<Smb2Command, CommandHandler> handlers) {
    Map<Smb2Command, CommandHandler> all = SmbServer.engineHandlers();
    all.putAll(handlers);
    Map<Smb2Command, CommandHandler> out = new EnumMap<>(all);
    route(out, Smb2Command.CREATE, new PipeHandlers.Create(this));
    route(out, Smb2Command.CLOSE, new PipeHandlers.Close(this));
    route(out, Smb2Command.READ, new PipeHandlers.Read(this));
    route(out, Smb2Command.WRITE, new PipeHandlers.Write(this));
    route(out, Smb2Command.FLUSH, new PipeHandlers.Flush(this));
    route(out, Smb2Command.QUERY_INFO, new PipeHandlers.QueryInfo(this));
    route(out, Smb2Command.SET_INFO, new PipeHandlers.SetInfo(this));
    route(out, Smb2Command.QUERY_DIRECTORY, new PipeHandlers.NotOnPipes(this));
    CommandHandler ioctl = all.get(Smb2Command.IOCTL);
    out.put(Smb2Command.IOCTL, new PipeIoctl(this, ioctl));
    out.put(Smb2Command.TREE_DISCONNECT, closing(all.get(Smb2Command.TREE_DISCONNECT), true));
    out.put(Smb2Command.LOGOFF, closing(all.get(Smb2Command.LOGOFF), false));
    return out;
  }

  private static void route(
      Map<Smb2Command, CommandHandler> table, Smb2Command cmd, CommandHandler pipe) {
    CommandHandler other = table.get(cmd);
    table.put(
        cmd,
        rc -> {
          if (rc.tree() != null && rc.tree().ipc()) {
            return pipe.handle(rc);
          }
          if (other == null) {
            return CompletableFuture.completedFuture(Response.error(NtStatus.NOT_SUPPORTED));
          }
          return other.handle(rc);
        });
  }

  /**
   * TREE_DISCONNECT or LOGOFF as {@code engine} answers it, then the pipes of that tree connect or
   * session closed ([MS-SMB2] 3.3.5.7, 3.3.5.6).
   */
  private CommandHandler closing(CommandHandler engine, boolean tree) {
    return rc -> {
      SmbConnection c = rc.connection();
      long sessionId = rc.sessionId();
      int treeId = rc.treeId();
      return engine
          .handle(rc)
          .thenApply(
              r -> {
                if (r.status() == NtStatus.SUCCESS) {
                  for (PipeOpen o : List.copyOf(opens.values())) {
                    if (o.connection() == c
                        && o.sessionId() == sessionId
                        && (!tree || o.treeId() == treeId)) {
                      close(o);
                    }
                  }
                }
                return r;
              });
    };
  }

  /** The RPC server of a pipe name as a client sends it ({@code srvsvc}, {@code \PIPE\srvsvc}). */
  RpcServer server(String name) {
    String key = canonical(name);
    return key == null ? null : pipes.get(key);
  }

  /** The pipe name without a leading {@code \} or {@code PIPE\}, lower case; null if empty. */
  static String canonical(String name) {
    String n = name;
    if (n.startsWith("\\")) {
      n = n.substring(1);
    }
    if (n.regionMatches(true, 0, "PIPE\\", 0, 5)) {
      n = n.substring(5);
    }
    return n.isEmpty() || n.contains("\\") ? null : n.toLowerCase(Locale.ROOT);
  }

  /** Opens an instance of {@code server} for the session of {@code rc}. Event loop. */
  PipeOpen open(RequestContext rc, String name, RpcServer server) {
    SmbSession s = rc.session();
    String principal =
        s == null || s.isAnonymous() || s.user() == null
            ? ""
            : (s.domain() == null || s.domain().isEmpty() ? "" : s.domain() + "\\") + s.user();
    TransportIdentity id =
        new TransportIdentity(principal, s == null ? new byte[0] : s.sessionKey());
    String canonical = canonical(name);
    PipeEndpoint endpoint = PipeEndpoint.open(server, "\\PIPE\\" + canonical, id);
    long v = nextVolatile.incrementAndGet();
    PipeOpen o =
        new PipeOpen(
            new Smb2FileId(v ^ 0x5049504500000000L, v),
            rc.connection(),
            rc.sessionId(),
            rc.treeId(),
            canonical,
            endpoint);
    opens.put(v, o);
    SmbConnection c = rc.connection();
    if (hooked.putIfAbsent(c, Boolean.TRUE) == null) {
      c.onClose(() -> connectionClosed(c));
      c.onSessionClosed(
          session -> {
            sessionClosed(c, session.sessionId());
            return java.util.concurrent.CompletableFuture.completedFuture(null);
          });
    }
    return o;
  }

  /** The pipe open {@code id} names for this request, or STATUS_FILE_CLOSED. */
  PipeOpen lookup(RequestContext rc, Smb2FileId id) {
    PipeOpen o = find(rc, id);
    if (o == null) {
      throw new Smb2StatusException(NtStatus.FILE_CLOSED, "unknown pipe FileId");
    }
    return o;
  }

  /** The pipe open {@code id} names for this request, or null. */
  PipeOpen find(RequestContext rc, Smb2FileId id) {
    Smb2FileId f = rc.resolveFileId(id);
    if (f == null) {
      return null;
    }
    PipeOpen o = opens.get(f.volatileId());
    if (o == null
        || o.fileId().persistent() != f.persistent()
        || o.connection() != rc.connection()
        || o.sessionId() != rc.sessionId()
        || o.treeId() != rc.treeId()) {
      return null;
    }
    return o;
  }

  /** Closes an open: its pipe instance and RPC connection. */
  void close(PipeOpen o) {
    if (opens.remove(o.fileId().volatileId(), o)) {
      o.endpoint().close();
    }
  }

  /** The number of instances of pipe {@code name} open on this node. */
  int instances(String name) {
    int n = 0;
    for (PipeOpen o : opens.values()) {
      if (o.name().equals(name)) {
        n++;
      }
    }
    return n;
  }

  /** The number of pipe opens on this node (tests, metrics). */
  public int openCount() {
    return opens.size();
  }

  /** A session torn down by SESSION_SETUP (failed re-authentication, PreviousSessionId). */
  private void sessionClosed(SmbConnection c, long sessionId) {
    for (PipeOpen o : List.copyOf(opens.values())) {
      if (o.connection() == c && o.sessionId() == sessionId) {
        close(o);
      }
    }
  }

  private void connectionClosed(SmbConnection c) {
    hooked.remove(c);
    for (PipeOpen o : List.copyOf(opens.values())) {
      if (o.connection() == c) {
        close(o);
      }
    }
    LOG.debug("connection closed; {} pipe opens left", opens.size());
  }
}
