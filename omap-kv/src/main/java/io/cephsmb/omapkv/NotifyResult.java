package io.cephsmb.omapkv;

import java.util.Map;
import java.util.Set;

/**
 * The outcome of a notify.
 *
 * @param acks the reply of each watcher that acked in time
 * @param timedOut the watchers that did not ack in time
 */
public record NotifyResult(Map<WatcherId, Bytes> acks, Set<WatcherId> timedOut) {

  public NotifyResult {
    acks = Map.copyOf(acks);
    timedOut = Set.copyOf(timedOut);
  }

  /**
   * One watch: the watching client's global id and the watch's cookie.
   *
   * @param clientId the global id ({@link RadosClient#instanceId()})
   * @param cookie the watch's cookie ({@link Watch#cookie()})
   */
  public record WatcherId(long clientId, long cookie) {}
}
