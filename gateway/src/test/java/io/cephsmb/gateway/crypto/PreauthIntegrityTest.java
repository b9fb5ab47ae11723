package io.cephsmb.gateway.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cephsmb.gateway.testing.TestVectors;
import org.junit.jupiter.api.Test;

/**
 * [MS-SMB2] 3.3.5.4 / 3.3.5.5 the SHA-512 chain over the messages of Microsoft's "anatomy of
 * signing and cryptographic keys" blog, "Key derivation example for SMB 3.1.1 multichannel", first
 * channel: NEGOTIATE request and response, then both SESSION_SETUP requests and the
 * STATUS_MORE_PROCESSING_REQUIRED response (the final response is not hashed).
 */
class PreauthIntegrityTest {
  private static final TestVectors V =
      TestVectors.load(PreauthIntegrityTest.class, "smb311-anatomy-blog.txt");

  @Test
  void chainMatchesTheBlog() {
    byte[] h = PreauthIntegrity.initial();
    String[][] steps = {
      {"negotiateRequest", "hashAfterNegotiateRequest"},
      {"negotiateResponse", "hashAfterNegotiateResponse"},
      {"sessionSetupRequest1", "hashAfterSessionSetupRequest1"},
      {"sessionSetupResponse1", "hashAfterSessionSetupResponse1"},
      {"sessionSetupRequest2", "hashAfterSessionSetupRequest2"},
    };
    for (String[] step : steps) {
      h = PreauthIntegrity.next(h, V.get(step[0]));
      assertArrayEquals(V.get(step[1]), h, step[1]);
    }
  }

  @Test
  void rangeOverloadHashesOnlyTheRange() {
    byte[] msg = V.get("negotiateRequest");
    byte[] framed = new byte[msg.length + 7];
    System.arraycopy(msg, 0, framed, 4, msg.length);
    assertArrayEquals(
        V.get("hashAfterNegotiateRequest"),
        PreauthIntegrity.next(PreauthIntegrity.initial(), framed, 4, msg.length));
  }

  @Test
  void rejectsAPreviousValueOfTheWrongLength() {
    assertThrows(
        IllegalArgumentException.class, () -> PreauthIntegrity.next(new byte[32], new byte[1]));
  }
}
