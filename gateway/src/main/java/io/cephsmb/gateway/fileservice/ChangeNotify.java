package io.cephsmb.gateway.fileservice;

import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2ChangeNotifyRequest;
import io.cephsmb.gateway.server.CommandHandler;
import io.cephsmb.gateway.server.RequestContext;
import io.cephsmb.gateway.server.Response;
import io.cephsmb.gateway.server.ShareDefinition;
import io.cephsmb.vfs.VfsPath;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * [MS-SMB2] 3.3.5.19 Receiving an SMB2 CHANGE_NOTIFY Request, node-local and coarse: a request on a
 * directory open goes async (interim STATUS_PENDING) and completes with STATUS_NOTIFY_ENUM_DIR
 * ("enumerate the directory again", which Windows clients handle by re-reading it) when a name in
 * the directory (or below it, with SMB2_WATCH_TREE) is created, removed or renamed through this
 * node and the CompletionFilter asks for names; a change while no request waits is kept and answers
 * the next request at once. STATUS_CANCELLED on CANCEL, STATUS_NOTIFY_CLEANUP when the directory is
 * closed. A CHANGE_NOTIFY that is not the last request of a compound is STATUS_INTERNAL_ERROR, as
 * Windows ([MS-SMB2] 3.3.5.2.7, the async request in the middle of a compound).
 *
 * <p>Not done: itemized FILE_NOTIFY_INFORMATION entries, attribute/size/time filters, and changes
 * made through other nodes or directly on CephFS (they need a cross-node feed, e.g. RADOS
 * watch/notify).
 */
final class ChangeNotify implements CommandHandler {
  /** FILE_NOTIFY_CHANGE_FILE_NAME | FILE_NOTIFY_CHANGE_DIR_NAME. */
  static final int NAME_FILTERS = 0x1 | 0x2;

  private final FileService fs;
  private final Map<FileOpen, Watch> watches = new ConcurrentHashMap<>();

  ChangeNotify(FileService fs) {
    this.fs = fs;
  }

  /** What one directory open waits for. */
  private static final class Watch {
    boolean tree;
    int filter;
    boolean changed;
    final ArrayDeque<CompletableFuture<Response>> waiting = new ArrayDeque<>();
  }

  @Override
  public CompletableFuture<Response> handle(RequestContext rc) {
    Smb2ChangeNotifyRequest req = Smb2ChangeNotifyRequest.decode(rc.message());
    FileOpen o = fs.lookup(rc, req.fileId());
    if (!o.directory) {
      throw FileService.fail(NtStatus.INVALID_PARAMETER, "CHANGE_NOTIFY on a file");
    }
    if (!o.has(Access.FILE_READ_DATA)) {
      throw FileService.fail(NtStatus.ACCESS_DENIED, "CHANGE_NOTIFY without FILE_LIST_DIRECTORY");
    }
    if (req.outputBufferLength() > rc.server().config().maxTransactSize()) {
      throw FileService.fail(NtStatus.INVALID_PARAMETER, "OutputBufferLength");
    }
    if (rc.header().nextCommand() != 0) {
      throw FileService.fail(NtStatus.INTERNAL_ERROR, "CHANGE_NOTIFY inside a compound");
    }
    Watch w = watches.computeIfAbsent(o, k -> new Watch());
    CompletableFuture<Response> f = new CompletableFuture<>();
    synchronized (w) {
      w.tree = (req.flags() & Smb2ChangeNotifyRequest.WATCH_TREE) != 0;
      w.filter = req.completionFilter();
      if (w.changed) {
        w.changed = false;
        return CompletableFuture.completedFuture(enumDir());
      }
      w.waiting.add(f);
    }
    rc.onCancel(
        () -> {
          synchronized (w) {
            w.waiting.remove(f);
          }
          f.complete(Response.error(NtStatus.CANCELLED));
        });
    rc.goAsync();
    return f;
  }

  private static Response enumDir() {
    return Response.of(NtStatus.NOTIFY_ENUM_DIR, Smb2ChangeNotifyRequest::encodeEmptyResponse);
  }

  /** A name in directory {@code dir} of {@code share} was created, removed or renamed. */
  void changed(ShareDefinition share, VfsPath dir) {
    if (watches.isEmpty()) {
      return;
    }
    for (Map.Entry<FileOpen, Watch> e : watches.entrySet()) {
      FileOpen o = e.getKey();
      Watch w = e.getValue();
      if (!o.share.path().equals(share.path())) {
        continue;
      }
      CompletableFuture<Response> f = null;
      synchronized (w) {
        boolean here = o.path().equals(dir) || (w.tree && o.path().isPrefixOf(dir));
        if (!here || (w.filter & NAME_FILTERS) == 0) {
          continue;
        }
        f = w.waiting.poll();
        if (f == null) {
          w.changed = true;
        }
      }
      if (f != null) {
        f.complete(enumDir());
      }
    }
  }

  /** The open is closing: its waiting requests complete with STATUS_NOTIFY_CLEANUP. */
  void closed(FileOpen o) {
    Watch w = watches.remove(o);
    if (w == null) {
      return;
    }
    synchronized (w) {
      for (CompletableFuture<Response> f : w.waiting) {
        f.complete(
            Response.of(NtStatus.NOTIFY_CLEANUP, Smb2ChangeNotifyRequest::encodeEmptyResponse));
      }
      w.waiting.clear();
    }
  }
}
