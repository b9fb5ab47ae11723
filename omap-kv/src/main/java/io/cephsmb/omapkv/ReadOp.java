package io.cephsmb.omapkv;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One compound read operation on one RADOS object, executed atomically: guards, then reads, all
 * against the same state of the object. On a missing object the whole operation fails with {@link
 * ObjectNotFoundException}. A failing guard fails the operation with the guard's error (see {@link
 * WriteOp} for guard semantics).
 *
 * <p>At most one {@link OmapGetByKeys}, one {@link OmapGetVals}, one {@link ReadData} and one
 * {@link Stat} per operation; the results are in the matching fields of {@link ReadResult}.
 */
public final class ReadOp {

  /** One step of a read operation. */
  public sealed interface Step
      permits AssertExists,
          AssertVersion,
          OmapCmp,
          OmapGetByKeys,
          OmapGetVals,
          ReadData,
          Stat,
          GetXattr {}

  /** Guard: the object exists. */
  public record AssertExists() implements Step {}

  /** Guard: the object's version is exactly {@code version}. */
  public record AssertVersion(long version) implements Step {}

  /**
   * Guard: {@code stored(key) op value}; a missing key is the empty value. Only {@link CmpOp#EQ},
   * {@link CmpOp#LT} and {@link CmpOp#GT} (the OSD rejects the others with -EINVAL).
   */
  public record OmapCmp(String key, CmpOp op, Bytes value) implements Step {
    public OmapCmp {
      Objects.requireNonNull(key);
      Objects.requireNonNull(op);
      Objects.requireNonNull(value);
    }
  }

  /** Reads the given omap keys; missing keys are absent from the result. */
  public record OmapGetByKeys(SortedSet<String> keys) implements Step {
    public OmapGetByKeys {
      keys = Collections.unmodifiableSortedSet(new TreeSet<>(keys));
    }
  }

  /**
   * Reads up to {@code max} omap entries in key order, after {@code startAfter} (empty = from the
   * first) and whose keys begin with {@code prefix} (empty = all). {@link ReadResult#more()} says
   * whether entries remain past the last one returned. The OSD returns at most {@code
   * osd_max_omap_entries_per_request} entries (1024 by default) whatever {@code max} says, with
   * {@code more} set: page on with the last key as {@code startAfter}.
   */
  public record OmapGetVals(String startAfter, String prefix, int max) implements Step {
    public OmapGetVals {
      Objects.requireNonNull(startAfter);
      Objects.requireNonNull(prefix);
      if (max <= 0) {
        throw new IllegalArgumentException("max must be positive: " + max);
      }
    }
  }

  /** Reads {@code length} bytes of data at {@code offset} (fewer at the end of the object). */
  public record ReadData(long offset, int length) implements Step {
    public ReadData {
      if (offset < 0 || length < 0) {
        throw new IllegalArgumentException("offset " + offset + ", length " + length);
      }
    }
  }

  /** Reads the object's size and modification time (whole seconds: {@code rados_read_op_stat}). */
  public record Stat() implements Step {}

  /** Reads one xattr (absent from the result if missing). */
  public record GetXattr(String name) implements Step {
    public GetXattr {
      Objects.requireNonNull(name);
    }
  }

  private final List<Step> steps;
  private final Duration timeout;

  private ReadOp(List<Step> steps, Duration timeout) {
    this.steps = List.copyOf(steps);
    this.timeout = timeout;
  }

  public List<Step> steps() {
    return steps;
  }

  /** How long the store may take before failing with {@link TimedOutException}; null = none. */
  public Duration timeout() {
    return timeout;
  }

  @Override
  public String toString() {
    return "ReadOp" + steps;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ReadOp}. */
  public static final class Builder {
    private final List<Step> steps = new ArrayList<>();
    private Duration timeout;

    private Builder() {}

    public Builder add(Step step) {
      Objects.requireNonNull(step);
      if (!(step instanceof AssertExists
              || step instanceof AssertVersion
              || step instanceof OmapCmp
              || step instanceof GetXattr)
          && steps.stream().anyMatch(s -> s.getClass() == step.getClass())) {
        throw new IllegalArgumentException(
            "only one " + step.getClass().getSimpleName() + " per read");
      }
      steps.add(step);
      return this;
    }

    public Builder assertExists() {
      return add(new AssertExists());
    }

    public Builder assertVersion(long version) {
      return add(new AssertVersion(version));
    }

    public Builder omapCmp(String key, CmpOp op, Bytes value) {
      return add(new OmapCmp(key, op, value));
    }

    public Builder omapGetByKeys(String... keys) {
      return add(new OmapGetByKeys(new TreeSet<>(Arrays.asList(keys))));
    }

    public Builder omapGetByKeys(Collection<String> keys) {
      return add(new OmapGetByKeys(new TreeSet<>(keys)));
    }

    public Builder omapGetVals(String startAfter, String prefix, int max) {
      return add(new OmapGetVals(startAfter, prefix, max));
    }

    public Builder readData(long offset, int length) {
      return add(new ReadData(offset, length));
    }

    public Builder stat() {
      return add(new Stat());
    }

    public Builder getXattr(String name) {
      return add(new GetXattr(name));
    }

    public Builder timeout(Duration d) {
      this.timeout = d;
      return this;
    }

    public ReadOp build() {
      return new ReadOp(steps, timeout);
    }
  }
}
