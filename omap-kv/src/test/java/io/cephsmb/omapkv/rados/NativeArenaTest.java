package io.cephsmb.omapkv.rados;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.sun.jna.Pointer;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativeArenaTest {

  @Test
  void blocksAreZeroedAlignedAndDistinct() {
    NativeArena a = new NativeArena();
    Pointer p = a.intSlot();
    Pointer q = a.wordSlot();
    assertEquals(0, Pointer.nativeValue(p) % 8);
    assertEquals(8, Pointer.nativeValue(q) - Pointer.nativeValue(p));
    assertEquals(0, p.getInt(0));
    assertEquals(0L, q.getLong(0));
    a.close();
  }

  @Test
  void aClosedArenasMemoryIsReusedZeroed() {
    NativeArena a = new NativeArena();
    Pointer p = a.wordSlot();
    p.setLong(0, -1L);
    Pointer big = a.alloc(4096); // larger blocks are not pooled
    big.setLong(0, -1L);
    a.close();
    a.close(); // a second close must not hand the same chunk out twice
    NativeArena b = new NativeArena();
    NativeArena c = new NativeArena();
    Pointer pb = b.wordSlot();
    Pointer pc = c.wordSlot();
    assertNotEquals(Pointer.nativeValue(pb), Pointer.nativeValue(pc));
    assertEquals(0L, pb.getLong(0));
    assertEquals(0L, pc.getLong(0));
    b.close();
    c.close();
  }

  @Test
  void pointerArraysCopyEveryItem() {
    NativeArena a = new NativeArena();
    Pointer[] arr = a.pointerArray(NativeArena.utf8(List.of("ab", "", "cde")));
    assertEquals("ab", new String(arr[0].getPointer(0).getByteArray(0, 2), UTF8));
    assertEquals(0L, arr[1].getLong(8));
    assertEquals(3L, arr[1].getLong(16));
    assertEquals("cde", new String(arr[0].getPointer(16).getByteArray(0, 3), UTF8));
    a.close();
  }

  private static final java.nio.charset.Charset UTF8 = java.nio.charset.StandardCharsets.UTF_8;
}
