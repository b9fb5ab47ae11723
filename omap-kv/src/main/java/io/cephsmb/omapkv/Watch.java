package io.cephsmb.omapkv;

/** A registered watch; {@link #close()} unregisters it. */
public interface Watch extends AutoCloseable {

  /** The watch's cookie (the id notifiers see beside this client's id). */
  long cookie();

  /**
   * Milliseconds since the watch was last confirmed by the OSD.
   *
   * @throws KvException if the watch is broken (then close it and watch again)
   */
  long check();

  @Override
  void close();
}
