package io.cephsmb.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** [MS-SMB2] 3.3.1.1 the command sequence window. */
class CreditWindowTest {
  @Test
  void startsAsZeroOnly() {
    CreditWindow w = new CreditWindow(100);
    assertFalse(w.consume(1, 1));
    assertTrue(w.consume(0, 1));
    assertFalse(w.consume(0, 1));
    assertEquals(0, w.available());
  }

  @Test
  void grantsGrowTheWindowAndOutOfOrderIdsAreFine() {
    CreditWindow w = new CreditWindow(100);
    assertTrue(w.consume(0, 1));
    assertEquals(3, w.grant(3));
    assertTrue(w.consume(2, 1));
    assertTrue(w.consume(1, 1));
    assertFalse(w.consume(2, 1));
    assertEquals(1, w.low() == 3 ? 1 : 0);
    assertTrue(w.consume(3, 1));
    assertFalse(w.consume(4, 1));
  }

  @Test
  void multiCreditRangesMustFitAndBeUnused() {
    CreditWindow w = new CreditWindow(100);
    assertTrue(w.consume(0, 1));
    w.grant(8);
    assertFalse(w.consume(5, 8));
    assertTrue(w.consume(2, 4));
    assertFalse(w.consume(1, 2));
    assertTrue(w.consume(1, 1));
    assertEquals(3, w.available());
  }

  @Test
  void theClientNeverHoldsMoreThanTheLimitAndNeverRunsDry() {
    CreditWindow w = new CreditWindow(10);
    assertTrue(w.consume(0, 1));
    assertEquals(10, w.grant(1000));
    assertEquals(0, w.grant(5));
    for (int i = 1; i <= 10; i++) {
      assertTrue(w.consume(i, 1));
    }
    assertEquals(1, w.grant(0));
  }
}
