package dev.benchy.core.stream;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SseFramerTest {

    /** What the listener saw, as "payload@nanos" and "DONE@nanos". */
    private static final class Recording implements SseFramer.Listener {
        final List<String> seen = new ArrayList<>();

        @Override
        public void onData(byte[] buf, int off, int len, long readNanos) {
            seen.add(new String(buf, off, len, StandardCharsets.UTF_8) + "@" + readNanos);
        }

        @Override
        public void onDone(long readNanos) {
            seen.add("DONE@" + readNanos);
        }
    }

    private final Recording events = new Recording();
    private final SseFramer framer = new SseFramer(events, 16);

    private void feed(String text, long nanos) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        framer.feed(bytes, 0, bytes.length, nanos);
    }

    @Test
    void aUtf8CharacterSplitAcrossTwoReadsArrivesWhole() {
        byte[] line = "data: {\"c\":\"caf\u00e9 \u20ac \ud83d\ude00\"}\n".getBytes(StandardCharsets.UTF_8);
        int euro = indexOf(line, (byte) 0xE2);
        framer.feed(line, 0, euro + 1, 10);
        framer.feed(line, euro + 1, line.length - euro - 1, 20);

        assertEquals(List.of("{\"c\":\"caf\u00e9 \u20ac \ud83d\ude00\"}@20"), events.seen);
    }

    @Test
    void crlfAndCrAndLfAllEndALine() {
        feed("data: a\r\ndata: b\rdata: c\ndata: d\r", 5);
        feed("\ndata: e\r\n", 6);

        assertEquals(List.of("a@5", "b@5", "c@5", "d@5", "e@6"), events.seen);
        assertEquals(0, framer.pendingBytes());
    }

    @Test
    void aCrAtTheEndOfAReadEndsTheLineAtOnce() {
        feed("data: a\r", 5);

        assertEquals(List.of("a@5"), events.seen);

        feed("data: b\n", 6);

        assertEquals(List.of("a@5", "b@6"), events.seen);
    }

    @Test
    void aTwentyMegabyteLineArrivesWholeAcrossManyReads() {
        byte[] head = "{\"prompt_token_ids\":[".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "0],\"choices\":[]}".getBytes(StandardCharsets.US_ASCII);
        byte[] ids = "151643,".getBytes(StandardCharsets.US_ASCII);
        int repeats = 20_000_000 / ids.length + 1;
        byte[] payload = new byte[head.length + repeats * ids.length + tail.length];
        System.arraycopy(head, 0, payload, 0, head.length);
        for (int i = 0; i < repeats; i++) {
            System.arraycopy(ids, 0, payload, head.length + i * ids.length, ids.length);
        }
        System.arraycopy(tail, 0, payload, payload.length - tail.length, tail.length);
        byte[] body = new byte[payload.length + 8];
        System.arraycopy("data: ".getBytes(StandardCharsets.US_ASCII), 0, body, 0, 6);
        System.arraycopy(payload, 0, body, 6, payload.length);
        body[body.length - 2] = '\n';
        body[body.length - 1] = '\n';
        long[] deliveredAt = {-1};
        int[] deliveries = {0};
        SseFramer big = new SseFramer(new SseFramer.Listener() {
            @Override
            public void onData(byte[] buf, int off, int len, long readNanos) {
                deliveries[0]++;
                deliveredAt[0] = readNanos;
                assertEquals(payload.length, len);
                assertTrue(Arrays.equals(buf, off, off + len, payload, 0, payload.length));
            }

            @Override
            public void onDone(long readNanos) {
                throw new AssertionError("no [DONE] was sent");
            }
        });

        int reads = 0;
        for (int off = 0; off < body.length; off += 65_536) {
            big.feed(body, off, Math.min(65_536, body.length - off), ++reads);
        }

        assertTrue(payload.length >= 20_000_000);
        assertEquals(1, deliveries[0]);
        assertEquals(reads, deliveredAt[0]);
        assertEquals(0, big.pendingBytes());
    }

    @Test
    void commentsFieldsAndBlankLinesAreIgnored() {
        feed(": keep-alive\n\nevent: message\nid: 7\nretry: 1000\ndatum: no\n\ndata: {\"a\":1}\n\n", 3);

        assertEquals(List.of("{\"a\":1}@3"), events.seen);
    }

    @Test
    void anEventSplitAcrossThreeReadsGetsTheStampOfTheLastRead() {
        feed("data: {\"choi", 100);
        feed("ces\":[{\"delta\":", 200);
        assertEquals(List.of(), events.seen);

        feed("{}}]}\n\n", 300);

        assertEquals(List.of("{\"choices\":[{\"delta\":{}}]}@300"), events.seen);
    }

    @Test
    void eventsCompletedByOneReadShareItsStamp() {
        feed("data: one\n\ndata: tw", 1);
        feed("o\n\ndata: three\n\ndata: four\n\ndata: fi", 2);

        assertEquals(List.of("one@1", "two@2", "three@2", "four@2"), events.seen);
        assertEquals("data: fi".length(), framer.pendingBytes());
    }

    @Test
    void doneIsRecognisedWithAndWithoutTheSpace() {
        feed("data: [DONE]\n\n", 1);
        feed("data:[DONE]\n\n", 2);
        feed("data:  [DONE]  \r\n", 3);

        assertEquals(List.of("DONE@1", "DONE@2", "DONE@3"), events.seen);
    }

    @Test
    void dataWithoutTheSpaceAndWithoutBlankLinesBetweenEventsGivesOneEventPerLine() {
        feed("data:{\"a\":1}\ndata: {\"b\":2}\ndata:\ndata: \n", 4);

        assertEquals(List.of("{\"a\":1}@4", "{\"b\":2}@4"), events.seen);
    }

    @Test
    void aFinalLineWithoutNewlineIsDeliveredAtTheEnd() {
        feed("data: one\n\ndata: last", 1);
        assertEquals(List.of("one@1"), events.seen);

        framer.end(9);

        assertEquals(List.of("one@1", "last@9"), events.seen);
    }

    @Test
    void feedingAfterTheEndIsRejected() {
        framer.end(1);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> feed("data: x\n", 2));
        assertEquals("SSE stream must not be fed after end(), but it was", e.getMessage());
    }

    @Test
    void directAndHeapByteBuffersAreFramedAlike() {
        byte[] bytes = "data: h\u00e9llo\n\ndata: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length);
        direct.put(bytes).flip();
        framer.feed(direct, 7);
        ByteBuffer heap = ByteBuffer.wrap(bytes, 0, bytes.length).slice();
        framer.feed(heap, 8);

        assertEquals(List.of("h\u00e9llo@7", "DONE@7", "h\u00e9llo@8", "DONE@8"), events.seen);
        assertEquals(0, direct.remaining());
        assertEquals(0, heap.remaining());
    }

    @Test
    void aByteOrderMarkAtTheStartIsSkipped() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        framer.feed(bom, 0, 3, 1);
        feed("data: x\n", 2);

        assertEquals(List.of("x@2"), events.seen);
    }

    @Test
    void theSliceIsTheCallersArrayWhenTheLineLiesInOneRead() {
        byte[] bytes = "data: abc\n".getBytes(StandardCharsets.US_ASCII);
        byte[][] given = new byte[1][];
        int[] offset = {-1};
        SseFramer direct = new SseFramer(new SseFramer.Listener() {
            @Override
            public void onData(byte[] buf, int off, int len, long readNanos) {
                given[0] = buf;
                offset[0] = off;
            }

            @Override
            public void onDone(long readNanos) {
            }
        });

        direct.feed(bytes, 0, bytes.length, 1);

        assertTrue(given[0] == bytes, "no copy for a line inside one read");
        assertEquals(6, offset[0]);
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new AssertionError("byte not found: " + b);
    }
}
