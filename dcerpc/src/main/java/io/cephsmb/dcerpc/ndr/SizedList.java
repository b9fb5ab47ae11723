package io.cephsmb.dcerpc.ndr;

import java.util.List;

/**
 * The value of a conformant varying array whose maximum count is larger than the elements sent:
 * {@code [size_is(max), length_is(n)]} as in ept_map's towers, where the maximum is the client's
 * [in] limit and the caller checks it against the array size. The marshaller accepts it wherever a
 * conformant varying array's {@code List} goes; the unmarshaller returns a plain {@code List}.
 */
public record SizedList(long maxCount, List<?> items) {
  public SizedList {
    items = List.copyOf(items);
    if (maxCount < items.size() || maxCount > 0xffffffffL) {
      throw new IllegalArgumentException("maximum " + maxCount + " for " + items.size());
    }
  }
}
