package io.cephsmb.omapkv;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a {@link ReadOp} returned.
 *
 * @param version the object's version when it was read
 * @param byKeys the entries an {@link ReadOp.OmapGetByKeys} found (empty if none asked)
 * @param vals the entries an {@link ReadOp.OmapGetVals} returned, in key order
 * @param more whether {@link ReadOp.OmapGetVals} left entries after the last one returned
 * @param data the bytes a {@link ReadOp.ReadData} read (null if none asked)
 * @param size the object's size from {@link ReadOp.Stat} (-1 if none asked)
 * @param mtime the object's modification time from {@link ReadOp.Stat} (null if none asked)
 * @param xattrs the xattrs {@link ReadOp.GetXattr} found
 */
public record ReadResult(
    long version,
    SortedMap<String, Bytes> byKeys,
    SortedMap<String, Bytes> vals,
    boolean more,
    Bytes data,
    long size,
    Instant mtime,
    Map<String, Bytes> xattrs) {

  public ReadResult {
    byKeys = Collections.unmodifiableSortedMap(new TreeMap<>(byKeys));
    vals = Collections.unmodifiableSortedMap(new TreeMap<>(vals));
    xattrs = Map.copyOf(xattrs);
  }
}
