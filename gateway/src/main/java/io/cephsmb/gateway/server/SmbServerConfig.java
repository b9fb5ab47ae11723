package io.cephsmb.gateway.server;

import io.cephsmb.gateway.crypto.Smb2Cipher;
import io.cephsmb.gateway.crypto.Smb2Dialect;
import io.cephsmb.gateway.crypto.Smb2SigningAlgorithm;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The settings of one SMB server.
 *
 * @param bindAddress the address to listen on
 * @param port the TCP port (445; 0 picks a free one)
 * @param serverGuid ServerGuid, stable per gateway cluster ([MS-SMB2] 3.3.1.5)
 * @param dialects the dialects offered
 * @param signingRequired whether SecurityMode says SMB2_NEGOTIATE_SIGNING_REQUIRED
 * @param encryptionSupported whether encryption is offered (3.x)
 * @param encryptData global EncryptData: every session of a 3.x client is encrypted
 * @param rejectUnencryptedAccess RejectUnencryptedAccess ([MS-SMB2] 3.3.1.5)
 * @param ciphers the ciphers offered to 3.1.1 clients (the client's order decides)
 * @param signingAlgorithms the signing algorithms offered to 3.1.1 clients
 * @param leasing whether SMB2_GLOBAL_CAP_LEASING is announced (the file service owns leases)
 * @param maxTransactSize MaxTransactSize for 2.1 and later (2.0.2 gets 64 KiB)
 * @param maxReadSize MaxReadSize for 2.1 and later
 * @param maxWriteSize MaxWriteSize for 2.1 and later
 * @param maxCredits the most credits (outstanding MessageIds) a connection may hold
 * @param maxAsyncRequests the most requests a connection may have going asynchronously
 * @param netbiosName the server's NetBIOS name, for NTLM
 * @param domainName the NetBIOS domain or workgroup, for NTLM
 * @param dnsDomainName the DNS domain, for NTLM
 * @param allowAnonymous whether anonymous (null session) logons succeed
 * @param guestAccount the account whose logons are guest sessions, or null
 * @param idleTimeout a connection without traffic for this long is closed
 * @param authTimeout a connection without an authenticated session after this long is closed
 * @param interimDelay a request still running after this long gets an interim (PENDING) response
 * @param blockingThreads the size of the executor for blocking work
 * @param blockingQueue the length of its queue
 * @param eventLoopThreads the number of event-loop threads that run the protocol for all
 *     connections (each connection stays on one); fewer threads than cores means fewer sleeps and
 *     wake-ups per small request, as each thread serves several connections per wake-up
 * @param eventLoopSpin how long an (epoll) event loop keeps polling after its last events before it
 *     sleeps; zero: it sleeps at once (see {@code SpinThenWait})
 */
public record SmbServerConfig(
    String bindAddress,
    int port,
    UUID serverGuid,
    Set<Smb2Dialect> dialects,
    boolean signingRequired,
    boolean encryptionSupported,
    boolean encryptData,
    boolean rejectUnencryptedAccess,
    List<Smb2Cipher> ciphers,
    List<Smb2SigningAlgorithm> signingAlgorithms,
    boolean leasing,
    int maxTransactSize,
    int maxReadSize,
    int maxWriteSize,
    int maxCredits,
    int maxAsyncRequests,
    String netbiosName,
    String domainName,
    String dnsDomainName,
    boolean allowAnonymous,
    String guestAccount,
    Duration idleTimeout,
    Duration authTimeout,
    Duration interimDelay,
    int blockingThreads,
    int blockingQueue,
    int eventLoopThreads,
    Duration eventLoopSpin) {
  /** The NTLM settings that go with this server's names (for SMB and for DCE/RPC). */
  public io.cephsmb.gateway.msnlmp.NtlmServerConfig ntlmConfig() {
    return new io.cephsmb.gateway.msnlmp.NtlmServerConfig(
        domainName,
        netbiosName,
        dnsDomainName,
        netbiosName.toLowerCase(java.util.Locale.ROOT),
        new io.cephsmb.gateway.msnlmp.NtlmVersion(
            10, 0, 20348, io.cephsmb.gateway.msnlmp.NtlmVersion.REVISION_W2K3),
        allowAnonymous);
  }

  /** 8 MiB: the default MaxTransactSize, MaxReadSize and MaxWriteSize. */
  public static final int EIGHT_MIB = 8 * 1024 * 1024;

  /** Checks the values. */
  public SmbServerConfig {
    dialects = dialects.isEmpty() ? EnumSet.noneOf(Smb2Dialect.class) : EnumSet.copyOf(dialects);
    ciphers = List.copyOf(ciphers);
    signingAlgorithms = List.copyOf(signingAlgorithms);
    if (dialects.isEmpty()) {
      throw new IllegalArgumentException("no dialects");
    }
    if (port < 0
        || port > 65535
        || maxCredits < 1
        || maxAsyncRequests < 1
        || eventLoopThreads < 1
        || eventLoopSpin.isNegative()) {
      throw new IllegalArgumentException("bad port or limits");
    }
    if (maxTransactSize < 65536 || maxReadSize < 65536 || maxWriteSize < 65536) {
      throw new IllegalArgumentException("transact/read/write sizes below 64 KiB");
    }
  }

  /** The defaults: every dialect, signing enabled, encryption offered, 127.0.0.1:445. */
  public static Builder builder() {
    return new Builder();
  }

  /** The largest frame the transport accepts: the largest write plus room for the headers. */
  public int maxFrameSize() {
    return Math.max(maxWriteSize, maxTransactSize) + 64 * 1024;
  }

  /** A builder with defaults. */
  public static final class Builder {
    private String bindAddress = "127.0.0.1";
    private int port = 445;
    private UUID serverGuid = UUID.nameUUIDFromBytes("cephsmb".getBytes(UTF8));
    private Set<Smb2Dialect> dialects = EnumSet.allOf(Smb2Dialect.class);
    private boolean signingRequired;
    private boolean encryptionSupported = true;
    private boolean encryptData;
    private boolean rejectUnencryptedAccess = true;
    private List<Smb2Cipher> ciphers =
        List.of(
            Smb2Cipher.AES_128_GCM,
            Smb2Cipher.AES_128_CCM,
            Smb2Cipher.AES_256_GCM,
            Smb2Cipher.AES_256_CCM);
    private List<Smb2SigningAlgorithm> signingAlgorithms =
        List.of(
            Smb2SigningAlgorithm.AES_GMAC,
            Smb2SigningAlgorithm.AES_CMAC,
            Smb2SigningAlgorithm.HMAC_SHA256);
    private boolean leasing;
    private int maxCredits = 8192;
    private int maxAsyncRequests = 256;
    private String netbiosName = "CEPHSMB";
    private String domainName = "WORKGROUP";
    private String dnsDomainName = "";
    private boolean allowAnonymous;
    private String guestAccount;
    private Duration idleTimeout = Duration.ofMinutes(15);
    private Duration authTimeout = Duration.ofSeconds(60);
    private Duration interimDelay = Duration.ofMillis(500);
    private int blockingThreads = 16;
    private int blockingQueue = 1024;
    private int eventLoopThreads = defaultEventLoopThreads();
    private Duration eventLoopSpin =
        Duration.ofNanos(1000 * Long.getLong("cephsmb.eventLoopSpinMicros", 50));

    private static final java.nio.charset.Charset UTF8 = java.nio.charset.StandardCharsets.UTF_8;

    Builder() {}

    /** The listen address. */
    public Builder bindAddress(String v) {
      bindAddress = v;
      return this;
    }

    /** The port (0: any free one). */
    public Builder port(int v) {
      port = v;
      return this;
    }

    /** The ServerGuid. */
    public Builder serverGuid(UUID v) {
      serverGuid = v;
      return this;
    }

    /** The dialects offered. */
    public Builder dialects(Set<Smb2Dialect> v) {
      dialects = v;
      return this;
    }

    /** Whether signing is required. */
    public Builder signingRequired(boolean v) {
      signingRequired = v;
      return this;
    }

    /** Whether encryption is offered. */
    public Builder encryptionSupported(boolean v) {
      encryptionSupported = v;
      return this;
    }

    /** Global EncryptData. */
    public Builder encryptData(boolean v) {
      encryptData = v;
      return this;
    }

    /** RejectUnencryptedAccess. */
    public Builder rejectUnencryptedAccess(boolean v) {
      rejectUnencryptedAccess = v;
      return this;
    }

    /** The ciphers offered. */
    public Builder ciphers(List<Smb2Cipher> v) {
      ciphers = v;
      return this;
    }

    /** The signing algorithms offered. */
    public Builder signingAlgorithms(List<Smb2SigningAlgorithm> v) {
      signingAlgorithms = v;
      return this;
    }

    /** Whether leasing is announced. */
    public Builder leasing(boolean v) {
      leasing = v;
      return this;
    }

    /** The credit limit per connection. */
    public Builder maxCredits(int v) {
      maxCredits = v;
      return this;
    }

    /** The async request limit per connection. */
    public Builder maxAsyncRequests(int v) {
      maxAsyncRequests = v;
      return this;
    }

    /** The NetBIOS name. */
    public Builder netbiosName(String v) {
      netbiosName = v;
      return this;
    }

    /** The NetBIOS domain. */
    public Builder domainName(String v) {
      domainName = v;
      return this;
    }

    /** The DNS domain. */
    public Builder dnsDomainName(String v) {
      dnsDomainName = v;
      return this;
    }

    /** Whether anonymous logons are allowed. */
    public Builder allowAnonymous(boolean v) {
      allowAnonymous = v;
      return this;
    }

    /** The guest account, or null. */
    public Builder guestAccount(String v) {
      guestAccount = v;
      return this;
    }

    /** The idle timeout. */
    public Builder idleTimeout(Duration v) {
      idleTimeout = v;
      return this;
    }

    /** The authentication timeout. */
    public Builder authTimeout(Duration v) {
      authTimeout = v;
      return this;
    }

    /** The delay before an interim response. */
    public Builder interimDelay(Duration v) {
      interimDelay = v;
      return this;
    }

    /** The blocking executor size. */
    public Builder blockingThreads(int v) {
      blockingThreads = v;
      return this;
    }

    /** The number of event-loop threads. */
    public Builder eventLoopThreads(int v) {
      eventLoopThreads = v;
      return this;
    }

    /**
     * How long an event loop polls after its last events before it sleeps (default 50 µs; 0 sleeps
     * at once; {@code -Dcephsmb.eventLoopSpinMicros=N} sets another default). On the quiet 2-core
     * dev machine 50 µs raised smb2.bench.echo from about 59k to 68k/s (no wake-up per request) and
     * left the file workloads as they were; an idle server still blocks after 50 µs.
     */
    public Builder eventLoopSpin(Duration v) {
      eventLoopSpin = v;
      return this;
    }

    /**
     * Half the processors, at least one: the event loops only parse, check and answer; blocking
     * work runs on the executor and in libcephfs's own threads, which need the other half. {@code
     * -Dcephsmb.eventLoopThreads=N} overrides it.
     */
    static int defaultEventLoopThreads() {
      int forced = Integer.getInteger("cephsmb.eventLoopThreads", 0);
      return forced > 0 ? forced : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /** The config. */
    public SmbServerConfig build() {
      return new SmbServerConfig(
          bindAddress,
          port,
          serverGuid,
          dialects,
          signingRequired,
          encryptionSupported,
          encryptData,
          rejectUnencryptedAccess,
          ciphers,
          signingAlgorithms,
          leasing,
          EIGHT_MIB,
          EIGHT_MIB,
          EIGHT_MIB,
          maxCredits,
          maxAsyncRequests,
          netbiosName,
          domainName,
          dnsDomainName,
          allowAnonymous,
          guestAccount,
          idleTimeout,
          authTimeout,
          interimDelay,
          blockingThreads,
          blockingQueue,
          eventLoopThreads,
          eventLoopSpin);
    }
  }
}
