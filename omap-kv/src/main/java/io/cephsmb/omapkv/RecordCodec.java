package io.cephsmb.omapkv;

/**
 * Encodes and decodes one record type's body. A codec writes its newest format ({@link #version()})
 * and reads every format up to it; {@link Records} rejects newer ones.
 *
 * @param <T> the record's Java type
 */
public interface RecordCodec<T> {

  /** The record type's name (for messages and the CLI). */
  String type();

  /** The newest body format this codec writes and reads. */
  int version();

  /** The body of {@code value} in format {@link #version()}. */
  Bytes encode(T value);

  /**
   * Decodes a body written in format {@code version} (at most {@link #version()}).
   *
   * @throws CorruptRecordException if the body is malformed
   */
  T decode(int version, Bytes body);
}
