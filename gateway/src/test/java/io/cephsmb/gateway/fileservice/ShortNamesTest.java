package io.cephsmb.gateway.fileservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link ShortNames}: 8.3 validity and the stateless mangling ([MS-FSCC] 2.1.5.2.1). */
class ShortNamesTest {
  @Test
  void validNamesAreTheirOwnShortName() {
    assertTrue(ShortNames.is83("README"));
    assertTrue(ShortNames.is83("test.txt"));
    assertTrue(ShortNames.is83("A~1.B"));
    assertTrue(ShortNames.is83("12345678.123"));
    assertFalse(ShortNames.is83("123456789"));
    assertFalse(ShortNames.is83("a.txtx"));
    assertFalse(ShortNames.is83("a.b.c"));
    assertFalse(ShortNames.is83(".profile"));
    assertFalse(ShortNames.is83("a."));
    assertFalse(ShortNames.is83("has space"));
    assertFalse(ShortNames.is83("plus+.txt"));
    assertFalse(ShortNames.is83("caf\u00e9"));
    assertEquals("TEST.TXT", ShortNames.of("test.txt"));
    assertEquals("", ShortNames.forListing("test.txt"));
  }

  @Test
  void mangledShape() {
    String s = ShortNames.of("torture_search.txt");
    assertTrue(s.matches("TO[0-9A-Z]{4}~[0-9A-Z]\\.TXT"), s);
    assertTrue(ShortNames.is83(s));
    assertTrue(ShortNames.looksMangled(s));
    assertEquals(s, ShortNames.forListing("torture_search.txt"));
    // no extension, an extension cut to three, illegal characters as '_', spaces skipped
    assertTrue(ShortNames.of("Long File Name").matches("LO[0-9A-Z]{4}~[0-9A-Z]"));
    assertTrue(
        ShortNames.of("x.jpeg").matches("X_?[0-9A-Z]{4,5}~[0-9A-Z]\\.JPE")
            || ShortNames.of("x.jpeg").matches("X[0-9A-Z]{5}~[0-9A-Z]\\.JPE"));
    assertTrue(ShortNames.of("a+b c.d").matches("A_[0-9A-Z]{4}~[0-9A-Z]\\.D"));
    assertTrue(ShortNames.of(".bashrc").matches("BA[0-9A-Z]{4}~[0-9A-Z]"));
    assertTrue(ShortNames.of("\u00e9t\u00e9.txt").matches("_T[0-9A-Z]{4}~[0-9A-Z]\\.TXT"));
    assertEquals(8, ShortNames.of("\u4e2d\u6587\u6587\u4ef6").length());
  }

  @Test
  void deterministicAndCaseInsensitive() {
    assertEquals(ShortNames.of("Some Long Name.docx"), ShortNames.of("Some Long Name.docx"));
    assertEquals(ShortNames.of("Some Long Name.docx"), ShortNames.of("SOME LONG NAME.DOCX"));
    assertNotEquals(ShortNames.of("Some Long Name.docx"), ShortNames.of("Some Long Name2.docx"));
  }

  @Test
  void fewCollisionsInALargeDirectory() {
    Set<String> seen = new HashSet<>();
    int collisions = 0;
    for (int i = 0; i < 10_000; i++) {
      if (!seen.add(ShortNames.of("document number " + i + ".txt"))) {
        collisions++;
      }
    }
    assertTrue(collisions <= 3, "collisions " + collisions);
  }

  @Test
  void folding() {
    assertEquals("ABC\u00c9", ShortNames.fold("aBc\u00e9"));
    // one code unit at a time: no length change (sharp s stays)
    assertEquals("STRA\u00dfE", ShortNames.fold("stra\u00dfe"));
  }
}
