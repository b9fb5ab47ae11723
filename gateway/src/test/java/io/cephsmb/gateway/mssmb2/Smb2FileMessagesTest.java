package io.cephsmb.gateway.mssmb2;

import static io.cephsmb.gateway.mssmb2.Smb2MessagesTest.encode;
import static io.cephsmb.gateway.mssmb2.Smb2MessagesTest.hex;
import static io.cephsmb.gateway.mssmb2.Smb2MessagesTest.message;
import static io.cephsmb.gateway.mssmb2.Smb2MessagesTest.robust;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The file-command records ([MS-SMB2] 2.2.13 to 2.2.22, 2.2.33/34, 2.2.37 to 2.2.40): golden bytes
 * laid out by hand from the diagrams, round trips, truncations and lying offsets.
 */
class Smb2FileMessagesTest {
  private static final Smb2FileId FID = new Smb2FileId(0x0102030405060708L, 0x1112131415161718L);
  private static final String FID_HEX = "0807060504030201 1817161514131211";

  @Test
  void createRequestGolden() {
    // name "a" at 0x78, one context "MxAc" (no data) at 0x80 (8-aligned after the name)
    byte[] golden =
        hex(
            "3900 00 00 02000000 0000000000000000 0000000000000000"
                + " 80000000 80000000 07000000 01000000 40000000"
                + " 7800 0200 80000000 14000000"
                + " 6100 000000000000"
                + " 00000000 1000 0400 0000 0000 00000000 4d784163");
    Smb2CreateRequest r =
        new Smb2CreateRequest(
            0,
            0,
            2,
            0x80,
            0x80,
            7,
            Smb2CreateRequest.FILE_OPEN,
            Smb2CreateRequest.FILE_NON_DIRECTORY_FILE,
            "a",
            List.of(Smb2CreateContext.of("MxAc", new byte[0])));
    assertArrayEquals(golden, encode(r::encode));
    Smb2CreateRequest d = Smb2CreateRequest.decode(message(golden));
    assertEquals(r, d);
    assertTrue(d.contexts().get(0).is(Smb2CreateContext.MXAC));
    robust(golden, Smb2CreateRequest::decode);
  }

  @Test
  void createRequestContextsRoundTrip() {
    Smb2CreateRequest r =
        new Smb2CreateRequest(
            0,
            8,
            2,
            0x12019f,
            0,
            3,
            Smb2CreateRequest.FILE_OVERWRITE_IF,
            0,
            "dir\\file.txt",
            List.of(
                Smb2CreateContext.of("DHnQ", new byte[16]),
                Smb2CreateContext.of("AlSi", hex("0010000000000000")),
                Smb2CreateContext.of("MxAc", new byte[0]),
                Smb2CreateContext.of("QFid", new byte[0])));
    byte[] b = encode(r::encode);
    assertEquals(r, Smb2CreateRequest.decode(message(b)));
    robust(b, Smb2CreateRequest::decode);
  }

  @Test
  void createRequestLyingContexts() {
    Smb2CreateRequest r =
        new Smb2CreateRequest(
            0, 0, 2, 1, 0, 7, 1, 0, "x", List.of(Smb2CreateContext.of("AlSi", new byte[8])));
    byte[] b = encode(r::encode);
    // CreateContextsLength past the end of the message
    byte[] longer = b.clone();
    longer[52] = (byte) 0xF0;
    Smb2DecodeException e =
        assertThrows(Smb2DecodeException.class, () -> Smb2CreateRequest.decode(message(longer)));
    assertEquals(NtStatus.INVALID_PARAMETER, e.status());
    // context DataOffset past its context
    byte[] data = b.clone();
    data[0x80 - 64 + 10] = (byte) 0x40;
    assertThrows(Smb2DecodeException.class, () -> Smb2CreateRequest.decode(message(data)));
    // Next pointing backwards/misaligned
    byte[] next = b.clone();
    next[0x80 - 64] = 3;
    assertThrows(Smb2DecodeException.class, () -> Smb2CreateRequest.decode(message(next)));
    // a context name shorter than 4 bytes
    Smb2CreateRequest shortName =
        new Smb2CreateRequest(
            0,
            0,
            2,
            1,
            0,
            7,
            1,
            0,
            "x",
            List.of(new Smb2CreateContext(new byte[] {'x'}, new byte[0])));
    byte[] sn = encode(shortName::encode);
    assertThrows(Smb2DecodeException.class, () -> Smb2CreateRequest.decode(message(sn)));
    // name offset in front of the buffer
    byte[] name = b.clone();
    name[44] = 0x10;
    assertThrows(Smb2DecodeException.class, () -> Smb2CreateRequest.decode(message(name)));
  }

  @Test
  void createResponseRoundTrip() {
    Smb2CreateResponse r =
        new Smb2CreateResponse(
            0,
            0,
            Smb2CreateResponse.FILE_CREATED,
            new FileTimes(1, 2, 3, 4),
            4096,
            10,
            0x20,
            FID,
            List.of(
                Smb2CreateContext.of("MxAc", hex("00000000 ff011f00")),
                Smb2CreateContext.of("QFid", new byte[32])));
    byte[] b = encode(r::encode);
    assertEquals(r, Smb2CreateResponse.decode(message(b)));
    assertEquals(0x98, b[80] & 0xFF); // CreateContextsOffset
    Smb2CreateResponse none =
        new Smb2CreateResponse(0, 0, 1, FileTimes.ZERO, 0, 0, 0x10, FID, List.of());
    byte[] n = encode(none::encode);
    assertEquals(89, n.length);
    assertEquals(none, Smb2CreateResponse.decode(message(n)));
    robust(b, Smb2CreateResponse::decode);
  }

  @Test
  void closeGolden() {
    byte[] golden = hex("1800 0100 00000000" + FID_HEX);
    Smb2CloseRequest r = new Smb2CloseRequest(Smb2CloseRequest.POSTQUERY_ATTRIB, FID);
    assertArrayEquals(golden, encode(r::encode));
    assertEquals(r, Smb2CloseRequest.decode(message(golden)));
    robust(golden, Smb2CloseRequest::decode);
    Smb2CloseResponse resp = new Smb2CloseResponse(1, new FileTimes(5, 6, 7, 8), 512, 3, 0x80);
    byte[] b = encode(resp::encode);
    assertEquals(60, b.length);
    assertEquals(resp, Smb2CloseResponse.decode(message(b)));
    robust(b, Smb2CloseResponse::decode);
  }

  @Test
  void flushGolden() {
    byte[] golden = hex("1800 0000 00000000" + FID_HEX);
    assertArrayEquals(golden, encode(new Smb2FlushRequest(FID)::encode));
    assertEquals(new Smb2FlushRequest(FID), Smb2FlushRequest.decode(message(golden)));
    robust(golden, Smb2FlushRequest::decode);
    assertArrayEquals(hex("0400 0000"), encode(new Smb2FlushResponse()::encode));
  }

  @Test
  void readGolden() {
    byte[] golden =
        hex(
            "3100 50 00 00000100 0010000000000000"
                + FID_HEX
                + " 00000000 00000000 00000000 0000 0000 00");
    Smb2ReadRequest r = new Smb2ReadRequest(0x50, 0, 65536, 4096, FID, 0, 0, 0);
    assertArrayEquals(golden, encode(r::encode));
    assertEquals(r, Smb2ReadRequest.decode(message(golden)));
    robust(golden, Smb2ReadRequest::decode);
    Smb2ReadResponse resp = new Smb2ReadResponse(hex("01020304"), 0);
    byte[] b = encode(resp::encode);
    assertArrayEquals(hex("1100 50 00 04000000 00000000 00000000 01020304"), b);
    assertArrayEquals(hex("01020304"), Smb2ReadResponse.decode(message(b)).data());
    robust(b, Smb2ReadResponse::decode);
  }

  @Test
  void writeGolden() {
    byte[] golden =
        hex(
            "3100 7000 03000000 0800000000000000"
                + FID_HEX
                + " 00000000 00000000 0000 0000 01000000 aabbcc");
    Smb2WriteRequest r =
        new Smb2WriteRequest(8, FID, 0, 0, Smb2WriteRequest.WRITE_THROUGH, hex("aabbcc"));
    assertArrayEquals(golden, encode(r::encode));
    Smb2WriteRequest d = Smb2WriteRequest.decode(message(golden));
    assertArrayEquals(hex("aabbcc"), d.data());
    assertEquals(8, d.offset());
    robust(golden, Smb2WriteRequest::decode);
    Smb2WriteRequest.Direct direct = Smb2WriteRequest.decodeDirect(message(golden));
    assertEquals(3, direct.length());
    assertTrue(direct.data().isDirect());
    assertEquals((byte) 0xcc, direct.data().get(2));
    assertEquals(Smb2WriteRequest.WRITE_THROUGH, direct.flags());
    direct.release();
    direct.release(); // idempotent
    assertEquals(0, direct.owner().refCnt());
    robust(
        golden,
        m -> {
          Smb2WriteRequest.Direct dd = Smb2WriteRequest.decodeDirect(m);
          dd.release();
          return dd;
        });
    // a message in one direct buffer (the frame decoder's): the data is that memory, not a copy
    io.netty.buffer.ByteBuf frame = io.netty.buffer.Unpooled.directBuffer(golden.length + 64);
    frame.writeBytes(message(golden));
    Smb2WriteRequest.Direct shared = Smb2WriteRequest.decodeDirect(frame);
    assertEquals(2, frame.refCnt());
    frame.setByte(frame.writerIndex() - 1, 0x77);
    assertEquals((byte) 0x77, shared.data().get(2));
    shared.release();
    shared.release(); // idempotent
    assertEquals(1, frame.refCnt());
    frame.release();
    byte[] lying = golden.clone();
    lying[4] = 9; // Length past the end
    assertThrows(Smb2DecodeException.class, () -> Smb2WriteRequest.decode(message(lying)));
    assertThrows(Smb2DecodeException.class, () -> Smb2WriteRequest.decodeDirect(message(lying)));
    byte[] resp = encode(new Smb2WriteResponse(3)::encode);
    assertArrayEquals(hex("1100 0000 03000000 00000000 0000 0000"), resp);
    assertEquals(3, Smb2WriteResponse.decode(message(resp)).count());
  }

  @Test
  void queryDirectoryGolden() {
    byte[] golden = hex("2100 25 01 00000000" + FID_HEX + " 6000 0200 00000100 2a00");
    Smb2QueryDirectoryRequest r =
        new Smb2QueryDirectoryRequest(
            0x25, Smb2QueryDirectoryRequest.RESTART_SCANS, 0, FID, "*", 65536);
    assertArrayEquals(golden, encode(r::encode));
    assertEquals(r, Smb2QueryDirectoryRequest.decode(message(golden)));
    robust(golden, Smb2QueryDirectoryRequest::decode);
    Smb2OutputBufferResponse resp = new Smb2OutputBufferResponse(hex("0102"));
    byte[] b = encode(resp::encode);
    assertArrayEquals(hex("0900 4800 02000000 0102"), b);
    assertArrayEquals(hex("0102"), Smb2OutputBufferResponse.decode(message(b)).output());
    robust(b, Smb2OutputBufferResponse::decode);
    ByteBuf out = Unpooled.buffer();
    Smb2OutputBufferResponse.encode(out, Unpooled.wrappedBuffer(hex("0102")));
    assertEquals(Unpooled.wrappedBuffer(b), out);
  }

  @Test
  void queryInfoGolden() {
    byte[] golden = hex("2900 01 12 00100000 0000 0000 00000000 00000000 00000000" + FID_HEX);
    Smb2QueryInfoRequest r = new Smb2QueryInfoRequest(1, 0x12, 4096, new byte[0], 0, 0, FID);
    byte[] enc = encode(r::encode);
    assertArrayEquals(golden, java.util.Arrays.copyOf(enc, 40));
    Smb2QueryInfoRequest d = Smb2QueryInfoRequest.decode(message(enc));
    assertEquals(0x12, d.fileInfoClass());
    assertEquals(4096, d.outputBufferLength());
    Smb2QueryInfoRequest withInput =
        new Smb2QueryInfoRequest(4, 0, 100, hex("0102030405"), 0, 0, FID);
    byte[] b = encode(withInput::encode);
    assertArrayEquals(hex("0102030405"), Smb2QueryInfoRequest.decode(message(b)).input());
    robust(b, Smb2QueryInfoRequest::decode);
  }

  @Test
  void setInfoGolden() {
    byte[] golden = hex("2100 01 0d 01000000 6000 0000 00000000" + FID_HEX + " 01");
    Smb2SetInfoRequest r = new Smb2SetInfoRequest(1, 0x0d, hex("01"), 0, FID);
    assertArrayEquals(golden, encode(r::encode));
    Smb2SetInfoRequest d = Smb2SetInfoRequest.decode(message(golden));
    assertArrayEquals(hex("01"), d.buffer());
    assertEquals(0x0d, d.fileInfoClass());
    robust(golden, Smb2SetInfoRequest::decode);
    assertArrayEquals(hex("0200"), encode(new Smb2SetInfoResponse()::encode));
    byte[] lying = golden.clone();
    lying[8] = 0x20; // BufferOffset inside the fixed part
    assertThrows(Smb2DecodeException.class, () -> Smb2SetInfoRequest.decode(message(lying)));
  }

  @Test
  void fileTimes() {
    assertEquals(FileTimes.EPOCH_DIFF, FileTimes.fromUnixNanos(0));
    assertEquals(FileTimes.EPOCH_DIFF + 1, FileTimes.fromUnixNanos(150));
    assertEquals(100, FileTimes.toUnixNanos(FileTimes.EPOCH_DIFF + 1));
  }
}
