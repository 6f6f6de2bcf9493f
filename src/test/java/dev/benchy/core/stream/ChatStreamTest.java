package dev.benchy.core.stream;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ChatStreamTest {

    private final ChatStream stream = new ChatStream(new ChatChunkParser());

    private void read(String text, long nanos) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        stream.read(bytes, 0, bytes.length, nanos);
    }

    @Test
    void bytesOfEachReadBecomeATraceStampedPerRead() {
        stream.start(1_000);
        stream.status(200);
        read("", 1_100);
        read("data: {\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}\n\n: ping\n\n", 2_000);
        read("data: {\"choices\":[{\"delta\":{\"content\":\"caf", 3_000);
        byte[] split = "\u00e9\"},\"token_ids\":[1,2]}]}\n\ndata: {\"choices\":[{\"delta\":{\"content\":\"!\"}}]}\n\n"
                .getBytes(StandardCharsets.UTF_8);
        stream.read(split, 0, 1, 4_000);
        stream.read(java.nio.ByteBuffer.wrap(split, 1, split.length - 1), 5_000);
        read("data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
                + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":3}}\n\ndata: [DONE]", 6_000);

        RequestTrace trace = stream.end(7_000);

        assertNull(trace.error());
        assertEquals(1_000, trace.startNanos());
        assertEquals(2_000, trace.firstByteNanos(), "an empty read is no byte");
        assertEquals(2_000, trace.firstResponseNanos());
        assertEquals(5_000, trace.firstTokenNanos());
        assertArrayEquals(new long[] {5_000, 5_000}, trace.eventNanos());
        assertArrayEquals(new int[] {2, RequestTrace.ABSENT}, trace.eventTokenIds());
        assertEquals("caf\u00e9!", trace.text());
        assertEquals(4, trace.promptTokens());
        assertEquals(3, trace.completionTokens());
        assertEquals(7_000, trace.endNanos());
        assertEquals(200, trace.httpStatus());
        assertEquals(0, stream.malformedEvents());
    }

    @Test
    void aMalformedEventMakesTheStreamAnErrorThatCountsIt() {
        stream.start(0);
        stream.status(200);
        read("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\ndata: not json\n\n"
                + "data: {\"choices\":[{\"delta\":{\"content\":\"b\"},\"finish_reason\":\"stop\"}]}\n\n"
                + "data: [DONE]\n\n", 10);

        RequestTrace trace = stream.end(20);

        assertEquals("1 of 3 events were malformed JSON", trace.error());
        assertEquals(ErrorReason.MALFORMED, trace.reason());
        assertEquals(1, stream.malformedEvents());
    }

    @Test
    void aFailedStreamCarriesTheErrorAndProgress() {
        stream.start(10);
        stream.status(200);
        read("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n", 20);

        assertEquals("after 1 content event", stream.progress());
        RequestTrace trace = stream.fail(ErrorReason.CUT, 200, "connection closed", 30);

        assertEquals("connection closed", trace.error());
        assertEquals(ErrorReason.CUT, trace.reason());
        assertEquals(20, trace.firstTokenNanos());
    }

    @Test
    void aTwentyMegabyteFirstEventWithEchoedPromptIdsIsReadInChunks() {
        StringBuilder event = new StringBuilder(21_000_000)
                .append("data: {\"id\":\"chatcmpl-1\",\"prompt_token_ids\":[");
        while (event.length() < 20_000_000) {
            event.append("151643,");
        }
        event.append("0],\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n");
        byte[] bytes = event.toString().getBytes(StandardCharsets.US_ASCII);
        stream.start(0);
        stream.status(200);
        int reads = 0;
        for (int off = 0; off < bytes.length; off += 65_536) {
            stream.read(bytes, off, Math.min(65_536, bytes.length - off), ++reads);
        }
        read("data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n",
                reads + 1);

        RequestTrace trace = stream.end(reads + 2);

        assertNull(trace.error());
        assertEquals(1, trace.firstByteNanos());
        assertEquals(reads, trace.firstResponseNanos(), "the first event completes with the last of its reads");
        assertEquals(reads + 1, trace.firstTokenNanos());
        assertEquals("Hi", trace.text());
        assertEquals(0, stream.malformedEvents());
    }
}
