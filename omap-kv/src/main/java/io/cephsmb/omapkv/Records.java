package io.cephsmb.omapkv;

/** Wraps record bodies in {@link Envelope}s and unwraps them, rejecting what it cannot read. */
public final class Records {
  private Records() {}

  /** A decoded record with its envelope's sequence number. */
  public record Versioned<T>(T value, int version, long seqnum) {}

  /** Encodes {@code value} in the codec's newest format, in an envelope with {@code seqnum}. */
  public static <T> Bytes encode(RecordCodec<T> codec, long seqnum, T value) {
    return new Envelope(codec.version(), seqnum, codec.encode(value)).encode();
  }

  /**
   * Decodes a stored record.
   *
   * @throws CorruptRecordException if the envelope or body is malformed
   * @throws UnknownRecordVersionException if the body format is newer than the codec knows
   */
  public static <T> Versioned<T> decode(RecordCodec<T> codec, Bytes raw) {
    Envelope e = Envelope.decode(raw);
    if (e.version() > codec.version()) {
      throw new UnknownRecordVersionException(codec.type(), e.version(), codec.version());
    }
    try {
      return new Versioned<>(codec.decode(e.version(), e.body()), e.version(), e.seqnum());
    } catch (IndexOutOfBoundsException | java.nio.BufferUnderflowException ex) {
      throw new CorruptRecordException(codec.type() + " record body truncated: " + ex);
    }
  }
}
