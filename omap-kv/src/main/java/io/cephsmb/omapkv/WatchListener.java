package io.cephsmb.omapkv;

import java.util.concurrent.CompletableFuture;

/** Receives the notifies on a watched object. */
public interface WatchListener {

  /**
   * A notify arrived. The store acks it with the reply once the returned future completes (an
   * exceptionally completed or never completed future means no ack: the notifier sees this watcher
   * time out). Called on a store thread: do not block.
   *
   * @param notifyId the notify's id
   * @param notifierId the notifying client's global id
   * @param payload the notify's payload
   */
  CompletableFuture<Bytes> onNotify(long notifyId, long notifierId, Bytes payload);

  /**
   * The watch failed (for example the connection to the OSD was lost long enough for the OSD to
   * drop it); no further notifies arrive on it. The owner should close it and watch again.
   */
  void onError(KvException error);
}
