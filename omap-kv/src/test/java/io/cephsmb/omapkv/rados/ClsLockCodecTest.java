package io.cephsmb.omapkv.rados;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The byte layout of the cls_lock inputs (the ITs prove the OSD accepts them). */
class ClsLockCodecTest {

  @Test
  void assertLockedOp() {
    byte[] expected = {
      1,
      1,
      17,
      0,
      0,
      0, // version, compat, body length
      1,
      0,
      0,
      0,
      'n', // name
      1, // LOCK_EXCLUSIVE
      2,
      0,
      0,
      0,
      'c',
      'k', // cookie
      1,
      0,
      0,
      0,
      't' // tag
    };
    assertArrayEquals(expected, ClsLockCodec.assertLocked("n", "ck", "t"));
  }

  @Test
  void lockOpWithDurationAndFlags() {
    byte[] expected = {
      1,
      1,
      30,
      0,
      0,
      0,
      1,
      0,
      0,
      0,
      'n',
      1,
      1,
      0,
      0,
      0,
      'c',
      1,
      0,
      0,
      0,
      't',
      1,
      0,
      0,
      0,
      'd',
      90,
      0,
      0,
      0, // seconds
      0,
      0x65,
      (byte) 0xcd,
      0x1d, // 500000000 ns
      2 // LOCK_FLAG_MUST_RENEW
    };
    assertArrayEquals(
        expected, ClsLockCodec.lock("n", "c", "t", "d", Duration.ofMillis(90_500), 2));
  }
}
