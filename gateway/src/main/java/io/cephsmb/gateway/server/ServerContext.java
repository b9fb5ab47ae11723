package io.cephsmb.gateway.server;

import io.cephsmb.gateway.msnlmp.NtlmServerConfig;
import io.cephsmb.gateway.mssmb2.Smb2Command;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every connection of one server shares: the config, the user and share directories, the
 * command handlers, the blocking executor and the id generators. Thread-safe.
 */
public final class ServerContext {
  private final SmbServerConfig config;
  private final UserDirectory users;
  private final ShareRegistry shares;
  private final Map<Smb2Command, CommandHandler> handlers;
  private final ExecutorService blocking;
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final AtomicLong sessionIds;
  private final java.util.concurrent.atomic.AtomicInteger treeIds =
      new java.util.concurrent.atomic.AtomicInteger(1);
  private final NtlmServerConfig ntlmConfig;
  private final Map<Long, SmbSession> globalSessions =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * A server context.
   *
   * @param handlers the command handlers; commands without one are answered STATUS_NOT_SUPPORTED
   */
  public ServerContext(
      SmbServerConfig config,
      UserDirectory users,
      ShareRegistry shares,
      Map<Smb2Command, CommandHandler> handlers,
      ExecutorService blocking,
      Clock clock) {
    this.config = config;
    this.users = users;
    this.shares = shares;
    this.handlers = new EnumMap<>(handlers);
    this.blocking = blocking;
    this.clock = clock;
    // Random high bits so that SessionIds are not guessable across restarts; never 0 or -1.
    this.sessionIds = new AtomicLong((random.nextLong() & 0x0000_FFFF_0000_0000L) | 1L);
    this.ntlmConfig = config.ntlmConfig();
  }

  /** The config. */
  public SmbServerConfig config() {
    return config;
  }

  /** The user directory. */
  public UserDirectory users() {
    return users;
  }

  /** The share registry. */
  public ShareRegistry shares() {
    return shares;
  }

  /** The handler for a command, or null. */
  CommandHandler handler(Smb2Command command) {
    return handlers.get(command);
  }

  /** The bounded executor for blocking work. */
  public ExecutorService blocking() {
    return blocking;
  }

  /** The random source for salts, challenges and nonces. */
  public SecureRandom random() {
    return random;
  }

  /** The clock. */
  public Clock clock() {
    return clock;
  }

  /** A new SessionId, never 0 or all ones. */
  long nextSessionId() {
    return sessionIds.getAndIncrement();
  }

  /**
   * A new TreeId: unique on this server, so that a TreeId of another session or connection never
   * names a tree of this one; never 0 or all ones.
   */
  int nextTreeId() {
    int id = treeIds.getAndIncrement();
    if (id == 0 || id == -1) {
      treeIds.set(1);
      return treeIds.getAndIncrement();
    }
    return id;
  }

  /**
   * [MS-SMB2] 3.3.1.5 GlobalSessionTable: the sessions of every connection of this node, by
   * SessionId (PreviousSessionId and binding requests name sessions of other connections).
   */
  SmbSession globalSession(long sessionId) {
    return globalSessions.get(sessionId);
  }

  void registerSession(SmbSession s) {
    globalSessions.put(s.sessionId(), s);
  }

  void unregisterSession(SmbSession s) {
    globalSessions.remove(s.sessionId(), s);
  }

  /** The number of sessions on this node (tests). */
  int globalSessionCount() {
    return globalSessions.size();
  }

  /** What NTLM says about the server. */
  NtlmServerConfig ntlmConfig() {
    return ntlmConfig;
  }
}
