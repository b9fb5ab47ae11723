package io.cephsmb.dcerpc.ndr;

import java.util.Objects;

/** One operation parameter: its name, [in]/[out] direction and type. */
public record Param(String name, Direction direction, NdrType type) {
  /** [in], [out] or [in, out]. */
  public enum Direction {
    IN,
    OUT,
    IN_OUT;

    boolean isIn() {
      return this != OUT;
    }

    boolean isOut() {
      return this != IN;
    }
  }

  public Param {
    Objects.requireNonNull(name);
    Objects.requireNonNull(direction);
    Objects.requireNonNull(type);
  }
}
