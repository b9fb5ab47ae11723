package io.cephsmb.omapkv;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One compound write operation on one RADOS object: guards followed by mutations, applied
 * atomically in order. If any guard fails, nothing is applied and the operation fails with the
 * guard's error; otherwise every mutation is applied and the object's version increases. RADOS
 * versions are positions in the placement group's log, so a write may advance an object's version
 * by more than one (writes to other objects of the same placement group and failed writes consume
 * positions too); only equality and order of versions are meaningful. A failed operation leaves the
 * object's version unchanged.
 *
 * <p>Immutable; build with {@link #builder()}. Semantics (the real cluster and the twin agree, the
 * contract suite proves it):
 *
 * <ul>
 *   <li>{@link AssertExists}: fails with {@link ObjectNotFoundException} if the object does not
 *       exist.
 *   <li>{@link AssertVersion}: fails with {@link GuardFailedException} unless the object's version
 *       equals the given one (librados: -ERANGE if the object's version is newer than the given
 *       one, -EOVERFLOW if it is older). A missing object has version 0: the guard fails with
 *       {@link GuardFailedException} (-EOVERFLOW). Asserting version 0 always fails with {@link
 *       InvalidArgumentException} (-EINVAL).
 *   <li>{@link OmapCmp}: compares the stored value of an omap key with a given value; a missing key
 *       compares as the empty value. Fails with {@link GuardFailedException} (-ECANCELED). The OSD
 *       implements only {@link CmpOp#EQ}, {@link CmpOp#LT} and {@link CmpOp#GT} here: {@link
 *       CmpOp#NE}, {@link CmpOp#GTE} and {@link CmpOp#LTE} fail the operation with {@link
 *       InvalidArgumentException} (-EINVAL). On a missing object fails with {@link
 *       ObjectNotFoundException}.
 *   <li>{@link CmpXattr}: the same for an xattr (a missing xattr is the empty value).
 *   <li>{@link AssertLocked}: the object carries the named cls_lock exclusive lock held by the
 *       calling client with this cookie and tag; else {@link LockBusyException} (cls_lock answers
 *       -EBUSY alike when the lock is free, expired, held by another client or cookie, or carries
 *       another tag). On a missing object fails with {@link LockNotHeldException} (-ENOENT).
 *   <li>{@link Exec}: the method's error fails the operation through {@link Errno#toException}
 *       ({@link Errno#lockException} for the {@code lock} class).
 *   <li>{@link Create}: creates the object if missing; with {@code exclusive}, fails with {@link
 *       GuardFailedException} (-EEXIST) if it exists.
 *   <li>Mutations ({@link OmapSet}, {@link OmapRemoveKeys}, {@link OmapClear}, {@link WriteFull},
 *       {@link SetXattr}) create the object if missing; {@link Remove} deletes it (fails with
 *       {@link ObjectNotFoundException} if missing).
 * </ul>
 */
public final class WriteOp {

  /** One step of a write operation. */
  public sealed interface Step
      permits AssertExists,
          AssertVersion,
          OmapCmp,
          CmpXattr,
          AssertLocked,
          Exec,
          Create,
          Remove,
          WriteFull,
          SetXattr,
          OmapSet,
          OmapRemoveKeys,
          OmapClear {}

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

  /** Guard: {@code xattr(name) op value}; a missing xattr is the empty value. */
  public record CmpXattr(String name, CmpOp op, Bytes value) implements Step {
    public CmpXattr {
      Objects.requireNonNull(name);
      Objects.requireNonNull(op);
      Objects.requireNonNull(value);
    }
  }

  /**
   * Guard (cls_lock {@code assert_locked}): this client holds the exclusive lock {@code name} on
   * the object with {@code cookie} and {@code tag}.
   */
  public record AssertLocked(String name, String cookie, String tag) implements Step {
    public AssertLocked {
      Objects.requireNonNull(name);
      Objects.requireNonNull(cookie);
      Objects.requireNonNull(tag);
    }
  }

  /**
   * An object-class method call inside the write operation (librados {@code rados_write_op_exec});
   * its error fails the operation. The twin supports only the class methods it emulates.
   */
  public record Exec(String cls, String method, Bytes input) implements Step {
    public Exec {
      Objects.requireNonNull(cls);
      Objects.requireNonNull(method);
      Objects.requireNonNull(input);
    }
  }

  /** Creates the object if missing; with {@code exclusive}, fails if it exists. */
  public record Create(boolean exclusive) implements Step {}

  /** Removes the object. */
  public record Remove() implements Step {}

  /** Replaces the object's data. */
  public record WriteFull(Bytes data) implements Step {
    public WriteFull {
      Objects.requireNonNull(data);
    }
  }

  /** Sets an xattr. */
  public record SetXattr(String name, Bytes value) implements Step {
    public SetXattr {
      Objects.requireNonNull(name);
      Objects.requireNonNull(value);
    }
  }

  /** Sets omap keys. */
  public record OmapSet(SortedMap<String, Bytes> values) implements Step {
    public OmapSet {
      values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }
  }

  /** Removes omap keys (missing keys are ignored). */
  public record OmapRemoveKeys(SortedSet<String> keys) implements Step {
    public OmapRemoveKeys {
      keys = Collections.unmodifiableSortedSet(new TreeSet<>(keys));
    }
  }

  /** Removes every omap key. */
  public record OmapClear() implements Step {}

  private final List<Step> steps;
  private final Duration timeout;

  private WriteOp(List<Step> steps, Duration timeout) {
    this.steps = List.copyOf(steps);
    this.timeout = timeout;
  }

  /** The steps, in order. */
  public List<Step> steps() {
    return steps;
  }

  /** How long the store may take before failing with {@link TimedOutException}; null = none. */
  public Duration timeout() {
    return timeout;
  }

  /** Whether the operation has no steps. */
  public boolean isEmpty() {
    return steps.isEmpty();
  }

  @Override
  public String toString() {
    return "WriteOp" + steps;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link WriteOp}; guards and mutations are kept in the order they are added. */
  public static final class Builder {
    private final List<Step> steps = new ArrayList<>();
    private Duration timeout;

    private Builder() {}

    public Builder add(Step step) {
      steps.add(Objects.requireNonNull(step));
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

    public Builder cmpXattr(String name, CmpOp op, Bytes value) {
      return add(new CmpXattr(name, op, value));
    }

    public Builder assertLocked(String name, String cookie, String tag) {
      return add(new AssertLocked(name, cookie, tag));
    }

    public Builder exec(String cls, String method, Bytes input) {
      return add(new Exec(cls, method, input));
    }

    public Builder create(boolean exclusive) {
      return add(new Create(exclusive));
    }

    public Builder remove() {
      return add(new Remove());
    }

    public Builder writeFull(Bytes data) {
      return add(new WriteFull(data));
    }

    public Builder setXattr(String name, Bytes value) {
      return add(new SetXattr(name, value));
    }

    public Builder omapSet(String key, Bytes value) {
      TreeMap<String, Bytes> m = new TreeMap<>();
      m.put(key, value);
      return add(new OmapSet(m));
    }

    public Builder omapSet(Map<String, Bytes> values) {
      return add(new OmapSet(new TreeMap<>(values)));
    }

    public Builder omapRemove(String... keys) {
      return add(new OmapRemoveKeys(new TreeSet<>(Arrays.asList(keys))));
    }

    public Builder omapRemove(Collection<String> keys) {
      return add(new OmapRemoveKeys(new TreeSet<>(keys)));
    }

    public Builder omapClear() {
      return add(new OmapClear());
    }

    /**
     * Fail with {@link TimedOutException} if the store has not answered within {@code d}. The write
     * is not withdrawn: it may still be applied after the future failed.
     */
    public Builder timeout(Duration d) {
      this.timeout = d;
      return this;
    }

    public WriteOp build() {
      return new WriteOp(steps, timeout);
    }
  }
}
