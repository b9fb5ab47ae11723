package io.cephsmb.gateway.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * The pool the bulk data of READ and WRITE moves through: direct memory (what libcephfs reads into
 * and writes from, and what the socket sends from, without another copy).
 *
 * <p>Netty's default pool has 4 MiB chunks; anything larger (an 8 MiB READ or WRITE at the default
 * MaxReadSize/MaxWriteSize) is a fresh allocation each time, which the kernel maps and zero-fills
 * page by page on first touch and unmaps when freed. This pool has one arena of 32 MiB chunks
 * (three 8 MiB requests in flight fit in one; a client such as smbclient keeps two), no per-thread
 * caches (the buffers are freed on other threads than they were allocated on), and keeps its first
 * chunk for the life of the process: a chunk is given back to the system when nothing in it is in
 * use, and a small allocation that is never freed keeps the first one in use. Further chunks,
 * needed only while more than three large requests are in flight, go back when they empty. Direct
 * memory is bounded by {@code -XX:MaxDirectMemorySize} (see {@code bin/cephsmb}).
 */
public final class IoBuffers {
  /** Frames at least this long are assembled in a buffer of their own from {@link #ALLOC}. */
  public static final int LARGE = 64 * 1024;

  /** The allocator. */
  public static final ByteBufAllocator ALLOC =
      new PooledByteBufAllocator(true, 0, 1, 8192, 12, 0, 0, false);

  /** Never released: keeps the first chunk allocated. */
  @SuppressWarnings("unused")
  private static final ByteBuf PIN = ALLOC.directBuffer(1, 1);

  private IoBuffers() {}
}
