package io.cephsmb.gateway.server;

import io.cephsmb.gateway.crypto.Smb2Cipher;
import io.cephsmb.gateway.crypto.Smb2NonceGenerator;
import io.cephsmb.gateway.crypto.Smb2SessionKeys;
import io.cephsmb.gateway.crypto.Smb2Signer;
import io.cephsmb.gateway.crypto.Smb2SigningAlgorithm;
import io.cephsmb.gateway.msspng.SpnegoAcceptor;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

/**
 * [MS-SMB2] 3.3.1.8 Session: who authenticated, the keys, and the tree connects. The state changes
 * only through {@link #transition}. Event-loop confined: every field is read and written on the
 * connection's event loop.
 */
public final class SmbSession {
  private final long sessionId;
  private final SmbConnection connection;
  // volatile: the session is also looked up from other connections' event loops
  // (GlobalSessionTable)
  private volatile SessionState state = SessionState.IN_PROGRESS;
  private SpnegoAcceptor acceptor;
  private byte[] preauthHash;
  private String user;
  private String domain;
  private boolean guest;
  private boolean anonymous;
  private boolean signingRequired;
  private boolean encryptData;
  private Smb2SessionKeys keys;
  private volatile Smb2Signer signer;
  private Smb2Cipher cipher;
  private Smb2NonceGenerator nonces;
  private final Map<Integer, TreeConnect> trees = new HashMap<>();

  SmbSession(long sessionId, SmbConnection connection) {
    this.sessionId = sessionId;
    this.connection = connection;
  }

  /** Session.Connection: the connection the session was established on. */
  SmbConnection connection() {
    return connection;
  }

  /** Session.SessionId. */
  public long sessionId() {
    return sessionId;
  }

  SessionState state() {
    return state;
  }

  /**
   * The one place the state changes: IN_PROGRESS to VALID or CLOSED, VALID to EXPIRED or CLOSED,
   * EXPIRED to VALID (re-authentication) or CLOSED. CLOSED is final.
   */
  void transition(SessionState to) {
    boolean ok;
    switch (state) {
      case IN_PROGRESS:
        ok = to == SessionState.VALID || to == SessionState.CLOSED;
        break;
      case VALID:
        ok = to == SessionState.EXPIRED || to == SessionState.CLOSED;
        break;
      case EXPIRED:
        ok = to == SessionState.VALID || to == SessionState.CLOSED;
        break;
      default:
        ok = false;
    }
    if (!ok) {
      throw new IllegalStateException("session " + state + " -> " + to);
    }
    state = to;
    if (to == SessionState.CLOSED) {
      trees.clear();
      acceptor = null;
    }
  }

  SpnegoAcceptor acceptor() {
    return acceptor;
  }

  void acceptor(SpnegoAcceptor a) {
    acceptor = a;
  }

  byte[] preauthHash() {
    return preauthHash;
  }

  void preauthHash(byte[] h) {
    preauthHash = h;
  }

  /** The authenticated user name, or null before authentication. */
  public String user() {
    return user;
  }

  /** The domain the user named. */
  public String domain() {
    return domain;
  }

  /** Whether this is a guest session (SMB2_SESSION_FLAG_IS_GUEST). */
  public boolean isGuest() {
    return guest;
  }

  /** Whether this is an anonymous session (SMB2_SESSION_FLAG_IS_NULL). */
  public boolean isAnonymous() {
    return anonymous;
  }

  /** Session.SigningRequired. */
  public boolean signingRequired() {
    return signingRequired;
  }

  /** Session.EncryptData. */
  public boolean encryptData() {
    return encryptData;
  }

  /** The signer for this session's SigningKey, or null (guest, anonymous, not yet valid). */
  Smb2Signer signer() {
    return signer;
  }

  /**
   * Session.SessionKey ([MS-SMB2] 3.3.1.8), what named-pipe RPC calls see as the transport session
   * key; empty for anonymous and guest sessions.
   */
  public byte[] sessionKey() {
    return keys == null ? new byte[0] : keys.sessionKey();
  }

  /** The keys, or null. */
  Smb2SessionKeys keys() {
    return keys;
  }

  Smb2Cipher cipher() {
    return cipher;
  }

  Smb2NonceGenerator nonces() {
    return nonces;
  }

  /** Whether messages of this session can be encrypted (3.x keys exist). */
  boolean canEncrypt() {
    return keys != null && keys.encryptionKey().isPresent() && cipher != null;
  }

  /** Records the authenticated identity (first authentication and re-authentication). */
  void authenticated(String user, String domain, boolean guest, boolean anonymous) {
    this.user = user;
    this.domain = domain;
    this.guest = guest;
    this.anonymous = anonymous;
  }

  /**
   * Whether this session was authenticated by the named user {@code name} ([MS-SMB2] 3.3.5.5.3,
   * PreviousSessionId): not anonymous, not guest, the same user name without case (the passdb's
   * names are case-insensitive). Event loop of this session's connection.
   */
  boolean isUser(String name) {
    return (state == SessionState.VALID || state == SessionState.EXPIRED)
        && user != null
        && !user.isEmpty()
        && !anonymous
        && !guest
        && name != null
        && user.equalsIgnoreCase(name);
  }

  /** Installs the keys and the signing/encryption policy. */
  void secure(
      Smb2SessionKeys keys,
      Smb2SigningAlgorithm algorithm,
      Smb2Cipher cipher,
      boolean signingRequired,
      boolean encryptData,
      SecureRandom random) {
    this.keys = keys;
    this.signer = keys == null ? null : new Smb2Signer(algorithm, keys.signingKey());
    this.cipher = cipher;
    this.nonces = cipher == null ? null : new Smb2NonceGenerator(cipher, random);
    this.signingRequired = signingRequired;
    this.encryptData = encryptData;
  }

  TreeConnect tree(int treeId) {
    return trees.get(treeId);
  }

  TreeConnect addTree(
      int id, ShareDefinition share, boolean ipc, boolean encrypt, int maximalAccess) {
    TreeConnect t = new TreeConnect(id, share, ipc, encrypt, maximalAccess);
    trees.put(id, t);
    return t;
  }

  boolean removeTree(int treeId) {
    return trees.remove(treeId) != null;
  }

  int treeCount() {
    return trees.size();
  }
}
