package io.cephsmb.gateway.daemon;

import static io.cephsmb.omapkv.Futures.join;

import io.cephsmb.gateway.config.GlobalConfig;
import io.cephsmb.gateway.config.PassDb;
import io.cephsmb.gateway.config.ShareConfig;
import io.cephsmb.gateway.fileservice.FileService;
import io.cephsmb.gateway.fileservice.ShareVfsProvider;
import io.cephsmb.gateway.openfiles.OpenFileTable;
import io.cephsmb.gateway.oplock.OplockManager;
import io.cephsmb.gateway.pipe.NamedPipes;
import io.cephsmb.gateway.rpc.RpcServices;
import io.cephsmb.gateway.server.SmbServer;
import io.cephsmb.gateway.server.SmbServerConfig;
import io.cephsmb.omapkv.KvStore;
import io.cephsmb.omapkv.RadosClient;
import io.cephsmb.omapkv.rados.LibradosClient;
import io.cephsmb.radoslock.ClusterNode;
import io.cephsmb.radoslock.ClusterView;
import io.cephsmb.vfs.VfsException;
import io.cephsmb.vfs.cephfs.CephFsMounts;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gateway node: connects to RADOS, joins the cluster as a new incarnation, removes the open
 * records its earlier incarnations left, and serves SMB with the users, shares and settings kept in
 * RADOS. If the cluster fences it, it stops serving at once ({@link #fenced()} completes).
 */
public final class GatewayNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayNode.class);

  /**
   * How to start a node.
   *
   * @param conf ceph.conf
   * @param cephxId the cephx client id
   * @param pool the state pool
   * @param namespace the gateway cluster's RADOS namespace
   * @param nodeId this node's stable name
   * @param bindAddress the SMB listen address
   * @param port the SMB port (0: a free one)
   * @param fsName the CephFS file system the shares live in ({@code client_fs})
   * @param localRoot if not null, serve the shares from this local directory instead of CephFS
   *     (embedded mode for tests: share path {@code /a} is {@code localRoot/a})
   * @param epmapperPort the DCE/RPC endpoint mapper's TCP port (135 in production; 0: a free one;
   *     -1: no DCE/RPC over TCP; the named pipes of IPC$ are served either way)
   * @param rpcPort the TCP port of srvsvc and wkssvc (0: a free one, found through the epmapper)
   */
  public record Bootstrap(
      Path conf,
      String cephxId,
      String pool,
      String namespace,
      String nodeId,
      String bindAddress,
      int port,
      String fsName,
      Path localRoot,
      int epmapperPort,
      int rpcPort) {
    /** The default file system name. */
    public static final String DEFAULT_FS = "cephfs";

    /** Shares on the CephFS file system {@value #DEFAULT_FS}; SMB only (no DCE/RPC over TCP). */
    public Bootstrap(
        Path conf,
        String cephxId,
        String pool,
        String namespace,
        String nodeId,
        String bindAddress,
        int port) {
      this(conf, cephxId, pool, namespace, nodeId, bindAddress, port, DEFAULT_FS, null, -1, 0);
    }

    /** This bootstrap with shares served from a local directory. */
    public Bootstrap withLocalRoot(Path root) {
      return new Bootstrap(
          conf,
          cephxId,
          pool,
          namespace,
          nodeId,
          bindAddress,
          port,
          fsName,
          root,
          epmapperPort,
          rpcPort);
    }

    /** This bootstrap with DCE/RPC over TCP: the endpoint mapper on {@code epmapper}. */
    public Bootstrap withRpc(int epmapper, int rpc) {
      return new Bootstrap(
          conf,
          cephxId,
          pool,
          namespace,
          nodeId,
          bindAddress,
          port,
          fsName,
          localRoot,
          epmapper,
          rpc);
    }
  }

  /**
   * Tunables of a node beyond the bootstrap.
   *
   * @param oplockBreakTimeout how long an oplock or lease break waits for the client's
   *     acknowledgment before the waiting open proceeds ([MS-SMB2] 3.3.2.1; 35 s as Windows)
   * @param leasing whether leases are granted (SMB2_GLOBAL_CAP_LEASING announced)
   * @param allowAnonymous whether anonymous (null session) logons succeed; an anonymous session
   *     reaches IPC$ only (a disk share refuses its TREE_CONNECT, as Samba without {@code guest
   *     ok}), and srvsvc/wkssvc refuse it
   */
  public record Options(
      java.time.Duration oplockBreakTimeout, boolean leasing, boolean allowAnonymous) {
    /** Anonymous logons allowed (as Samba's default). */
    public Options(java.time.Duration oplockBreakTimeout, boolean leasing) {
      this(oplockBreakTimeout, leasing, true);
    }

    /** 35 s, leasing on, anonymous logons allowed. */
    public static Options defaults() {
      return new Options(java.time.Duration.ofSeconds(35), true, true);
    }
  }

  private final RadosClient client;
  private final ClusterNode node;
  private final SmbServer server;
  private final CephFsMounts mounts;
  private final FileService files;
  private final RpcServices rpc;
  private final NamedPipes pipes;
  private final CompletableFuture<String> fenced = new CompletableFuture<>();
  private final java.util.concurrent.atomic.AtomicBoolean serverClosed =
      new java.util.concurrent.atomic.AtomicBoolean();
  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  private GatewayNode(
      RadosClient client,
      ClusterNode node,
      SmbServer server,
      CephFsMounts mounts,
      FileService files,
      RpcServices rpc,
      NamedPipes pipes) {
    this.client = client;
    this.node = node;
    this.server = server;
    this.mounts = mounts;
    this.files = files;
    this.rpc = rpc;
    this.pipes = pipes;
  }

  /**
   * Starts a node; fails (and releases what it took) if any step fails.
   *
   * @throws InterruptedException if interrupted while binding the SMB port
   */
  public static GatewayNode start(Bootstrap b) throws InterruptedException {
    return start(b, Options.defaults());
  }

  /**
   * Starts a node with {@code o}; fails (and releases what it took) if any step fails.
   *
   * @throws InterruptedException if interrupted while binding the SMB port
   */
  public static GatewayNode start(Bootstrap b, Options o) throws InterruptedException {
    RadosClient client = LibradosClient.connect(b.conf(), b.cephxId());
    ClusterNode node = null;
    CephFsMounts mounts = null;
    OplockManager oplocks = null;
    try {
      KvStore kv = new KvStore(client.store(b.pool(), b.namespace()));
      ShareConfig shares = new ShareConfig(kv);
      GlobalConfig global = join(shares.global());
      CompletableFuture<String> fencedSignal = new CompletableFuture<>();
      node =
          new ClusterNode(
              client,
              b.pool(),
              b.namespace(),
              ClusterNode.Config.defaults(b.nodeId(), List.of(b.bindAddress() + ":" + b.port())),
              new ClusterNode.Listener() {
                @Override
                public void viewChanged(ClusterView view) {
                  LOG.debug("cluster epoch {}", view.epoch());
                }

                @Override
                public void fenced(String reason) {
                  fencedSignal.complete(reason);
                }
              });
      join(node.start());
      int purged = join(new OpenFileTable(kv).purgeNode(b.nodeId(), node.incarnation()));
      SmbServerConfig config =
          SmbServerConfig.builder()
              .bindAddress(b.bindAddress())
              .port(b.port())
              .serverGuid(uuid(global.serverGuid().toArray()))
              .signingRequired(global.signingRequired())
              .encryptData(global.encryptData())
              .netbiosName(netbiosName(b.nodeId()))
              .leasing(o.leasing())
              .allowAnonymous(o.allowAnonymous())
              .build();
      ShareVfsProvider vfs;
      if (b.localRoot() != null) {
        vfs = ShareVfsProvider.local(b.localRoot());
      } else {
        try {
          mounts =
              CephFsMounts.open(
                  CephFsMounts.Config.defaults(
                      b.conf(),
                      b.cephxId(),
                      b.fsName() == null ? Bootstrap.DEFAULT_FS : b.fsName()));
        } catch (VfsException e) {
          throw new IllegalStateException(
              "mounting CephFS " + b.fsName() + ": " + e.getMessage(), e);
        }
        vfs = ShareVfsProvider.cephFs(mounts);
      }
      ClusterNode member = node;
      // the open-file objects have their own store, whose cache covers as many files as a busy
      // node keeps open (an entry is a few hundred bytes): a close, or a reopen of a file it
      // removed, then starts from the cache and costs one round trip instead of two
      KvStore openFiles =
          new KvStore(
              client.store(b.pool(), b.namespace()),
              io.cephsmb.omapkv.RetryPolicy.DEFAULT,
              OPEN_FILE_CACHE);
      OpenFileTable table =
          new OpenFileTable(
              openFiles,
              (nodeId, incarnation) -> {
                // a node that joined again since is a newer incarnation: older records are stale
                var view = member.view();
                var rec = view == null ? null : view.nodes().get(nodeId);
                return rec != null && rec.incarnation() > incarnation;
              });
      oplocks = new OplockManager(b.nodeId(), table, o.oplockBreakTimeout());
      oplocks.startMailbox(kv);
      FileService files =
          new FileService(vfs, table, b.nodeId(), node.incarnation(), oplocks, o.leasing());
      RpcServices rpc;
      try {
        rpc =
            RpcServices.startForGateway(
                b.epmapperPort() < 0
                    ? null
                    : (java.net.Inet4Address) java.net.InetAddress.getByName(b.bindAddress()),
                b.epmapperPort(),
                b.rpcPort(),
                shares,
                new PassDb(kv),
                rpcNtlm(config.ntlmConfig()),
                io.cephsmb.dcerpc.mssrvs.ServerIdentity.of(
                    config.netbiosName(), config.domainName(), "cephsmb " + b.nodeId()));
      } catch (java.net.UnknownHostException | RuntimeException e) {
        throw new IllegalStateException(
            "cannot serve DCE/RPC on " + b.bindAddress() + ":" + b.epmapperPort() + ": " + e, e);
      }
      NamedPipes pipes = new NamedPipes(rpc.pipes());
      SmbServer server;
      try {
        server =
            SmbServer.start(
                config,
                new RadosUserDirectory(new PassDb(kv)),
                new RadosShareRegistry(shares),
                pipes.wrap(files.handlers()));
      } catch (RuntimeException | InterruptedException e) {
        rpc.close();
        throw e;
      }
      GatewayNode g = new GatewayNode(client, node, server, mounts, files, rpc, pipes);
      CompletableFuture<?> unused =
          fencedSignal.thenAccept(
              reason -> {
                LOG.error("node {} fenced ({}): no longer serving", b.nodeId(), reason);
                g.stopServing();
                g.fenced.complete(reason);
              });
      LOG.info(
          "node {} (incarnation {}) serving SMB on {}; removed {} stale opens",
          b.nodeId(),
          node.incarnation(),
          server.localAddress(),
          purged);
      return g;
    } catch (RuntimeException | InterruptedException e) {
      if (oplocks != null) {
        oplocks.close();
      }
      if (mounts != null) {
        mounts.close();
      }
      if (node != null) {
        node.close();
      }
      client.close();
      throw e;
    }
  }

  /**
   * The NTLM settings of DCE/RPC over TCP: anonymous NTLM binds stay refused there whatever SMB
   * allows (an anonymous SMB session reaches IPC$, where srvsvc and wkssvc refuse it).
   */
  private static io.cephsmb.gateway.msnlmp.NtlmServerConfig rpcNtlm(
      io.cephsmb.gateway.msnlmp.NtlmServerConfig c) {
    return new io.cephsmb.gateway.msnlmp.NtlmServerConfig(
        c.nbDomainName(),
        c.nbComputerName(),
        c.dnsDomainName(),
        c.dnsComputerName(),
        c.version(),
        false);
  }

  static UUID uuid(byte[] b) {
    ByteBuffer bb = ByteBuffer.wrap(b);
    return new UUID(bb.getLong(), bb.getLong());
  }

  /** A NetBIOS name (at most 15 characters, upper case) from the node name. */
  static String netbiosName(String nodeId) {
    String n = nodeId.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9-]", "-");
    return n.length() > 15 ? n.substring(0, 15) : n;
  }

  /** The SMB port served. */
  public int port() {
    return server.port();
  }

  /** Open-file objects whose last state a node remembers (see where the table is made). */
  static final int OPEN_FILE_CACHE = 65_536;

  /** This node's incarnation in the cluster. */
  public long incarnation() {
    return node.incarnation();
  }

  /** Completes with the reason if the cluster fences this node. */
  public CompletableFuture<String> fenced() {
    return fenced;
  }

  /** The file service (open count for tests). */
  public FileService files() {
    return files;
  }

  private void stopServing() {
    if (serverClosed.compareAndSet(false, true)) {
      server.close();
      rpc.close();
      if (mounts != null) {
        mounts.close();
      }
      files.oplocks().close();
    }
  }

  /** The named pipes of IPC$ (open count for tests). */
  public NamedPipes pipes() {
    return pipes;
  }

  /** The endpoint mapper's port, or -1 without DCE/RPC over TCP. */
  public int epmapperPort() {
    return rpc.epmapperPort();
  }

  /** Stops serving, leaves the cluster cleanly (unless fenced), disconnects. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    stopServing();
    if (fenced.isDone()) {
      node.close();
      client.close();
      return;
    }
    try {
      join(node.leave());
    } catch (RuntimeException e) {
      LOG.warn("leaving the cluster failed (the leader will notice): {}", e.getMessage());
    }
    node.close();
    client.close();
  }
}
