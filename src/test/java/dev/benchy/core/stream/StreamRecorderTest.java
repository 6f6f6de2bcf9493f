package dev.benchy.core.stream;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.benchy.core.stream.RequestTrace.ABSENT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamRecorderTest {

    private static final String ROLE = "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}";
    private static final String STOP = "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}";

    private final ChatChunkParser parser = new ChatChunkParser();
    private final StreamRecorder recorder = new StreamRecorder();

    private void event(String json, long nanos) {
        ChatChunk chunk = new ChatChunk();
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertTrue(parser.parse(bytes, 0, bytes.length, chunk), json);
        recorder.event(chunk, nanos);
    }

    private static String content(String text) {
        return "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"}}]}";
    }

    private static String content(String text, String tokenIds) {
        return "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"},\"token_ids\":" + tokenIds + "}]}";
    }

    private static String reasoning(String text) {
        return "{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"" + text + "\"}}]}";
    }

    private static String usage(int prompt, int completion) {
        return "{\"choices\":[],\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion + "}}";
    }

    private void begin(long nanos) {
        recorder.start(nanos);
        recorder.status(200);
    }

    @Test
    void roleFirstStream() {
        begin(1_000);
        recorder.firstByte(1_500);
        event(ROLE, 1_500);
        recorder.firstByte(2_500);
        event(content("Hel", "[9906]"), 2_500);
        event(content("lo", "[385,0]"), 3_000);
        event(STOP, 3_100);
        event(usage(10, 3), 3_200);
        recorder.done(3_300);

        RequestTrace trace = recorder.finish(3_400);

        assertEquals(new TraceFacts(1_000, 1_500, 1_500, 2_500, 2_500, 3_400, 10, 3, ABSENT, 200, null),
                TraceFacts.of(trace));
        assertArrayEquals(new long[] {2_500, 3_000}, trace.eventNanos());
        assertArrayEquals(new int[] {1, 2}, trace.eventTokenIds());
        assertEquals("Hello", trace.text());
        assertTrue(trace.ok());
    }

    @Test
    void reasoningThenContentStream() {
        begin(0);
        recorder.firstByte(100);
        event(ROLE, 100);
        event(reasoning("Let me"), 200);
        event(reasoning(" think."), 300);
        event(content("Paris"), 400);
        event(STOP, 450);
        recorder.done(500);

        RequestTrace trace = recorder.finish(600);

        assertEquals(new TraceFacts(0, 100, 100, 200, 400, 600, ABSENT, ABSENT, ABSENT, 200, null),
                TraceFacts.of(trace));
        assertArrayEquals(new long[] {200, 300, 400}, trace.eventNanos());
        assertArrayEquals(new int[] {ABSENT, ABSENT, ABSENT}, trace.eventTokenIds());
        assertEquals("Let me think.Paris", trace.text());
    }

    @Test
    void usageOnlyEventsAreNoResponseAndTheLastUsageWins() {
        begin(0);
        event(usage(7, 0), 50);
        event(content("a"), 100);
        event("{\"choices\":[{\"delta\":{\"content\":\"b\"}}],\"usage\":null}", 200);
        event(STOP, 250);
        event(usage(12, 2), 300);
        event("{\"choices\":[],\"usage\":{\"completion_tokens\":3,\"prompt_tokens_details\":"
                + "{\"cached_tokens\":8}}}", 310);
        recorder.done(320);

        RequestTrace trace = recorder.finish(330);

        assertEquals(new TraceFacts(0, ABSENT, 100, 100, 100, 330, 12, 3, 8, 200, null), TraceFacts.of(trace));
        assertArrayEquals(new long[] {100, 200}, trace.eventNanos());
    }

    @Test
    void aToolCallIsFirstContentAndTokenIdsWithoutTextAreFirstToken() {
        begin(0);
        event("{\"choices\":[{\"delta\":{\"content\":\"\"},\"token_ids\":[151667]}]}", 10);
        event("{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"name\":\"f\","
                + "\"arguments\":\"{}\"}}]}}]}", 20);
        event(STOP, 30);

        RequestTrace trace = recorder.finish(40);

        assertEquals(10, trace.firstResponseNanos());
        assertEquals(10, trace.firstTokenNanos());
        assertEquals(20, trace.firstContentNanos());
        assertArrayEquals(new int[] {1, ABSENT}, trace.eventTokenIds());
        assertEquals("f{}", trace.text());
        assertNull(trace.error(), "a finish_reason without [DONE] is a complete stream");
    }

    @Test
    void aStreamCutBeforeFinishOrDoneIsAnError() {
        begin(0);
        event(ROLE, 10);
        event(content("a"), 20);

        RequestTrace trace = recorder.finish(30);

        assertEquals("stream ended without [DONE] after 2 events", trace.error());
        assertEquals(ErrorReason.CUT, trace.reason());
        assertArrayEquals(new long[] {20}, trace.eventNanos());
        assertEquals(30, trace.endNanos());
    }

    @Test
    void oneMalformedEventAmongGoodOnesMakesTheStreamAnError() {
        // llama-benchy skips it; then tg rests on the events that happened to parse, with the usage count spread
        // over them
        begin(0);
        event(ROLE, 10);
        event(content("a"), 20);
        recorder.malformed(25);
        event(content("b"), 30);
        event(STOP, 40);
        event(usage(10, 3), 40);
        recorder.done(50);

        RequestTrace trace = recorder.finish(60);

        assertEquals("1 of 6 events were malformed JSON", trace.error());
        assertEquals(ErrorReason.MALFORMED, trace.reason());
        assertEquals(1, recorder.malformedEvents());
        assertArrayEquals(new long[] {20, 30}, trace.eventNanos(), "what was read is kept, as for any failure");
    }

    @Test
    void aMalformedStreamThatWasAlsoCutSaysBoth() {
        begin(0);
        event(content("a"), 20);
        recorder.malformed(25);

        RequestTrace trace = recorder.finish(30);

        assertEquals("1 of 2 events were malformed JSON; the stream ended without [DONE]", trace.error());
        assertEquals(ErrorReason.MALFORMED, trace.reason());
    }

    @Test
    void aCompleteStreamWithoutOutputIsAnErrorOfItsOwnReason() {
        begin(0);
        event(ROLE, 10);
        event(STOP, 20);
        recorder.done(30);

        RequestTrace trace = recorder.finish(40);

        assertEquals("stream ended after 2 events, none with output (choices empty or no content)", trace.error());
        assertEquals(ErrorReason.NO_OUTPUT, trace.reason());
    }

    @Test
    void theTimeoutIsATimeoutBeforeTheResponseHeadAndAStallAfterIt() {
        recorder.start(0);
        RequestTrace beforeHead = recorder.timedOut("timed out after 3 s", 3_000);
        assertEquals("timed out after 3 s (stalled before the response head)", beforeHead.error());
        assertEquals(ErrorReason.TIMEOUT, beforeHead.reason());

        StreamRecorder afterHead = new StreamRecorder();
        afterHead.start(0);
        afterHead.status(200);
        RequestTrace stalled = afterHead.timedOut("timed out after 3 s", 3_000);
        assertEquals("timed out after 3 s (stalled before any event)", stalled.error());
        assertEquals(ErrorReason.STALLED, stalled.reason());
        assertEquals(200, stalled.httpStatus());
    }

    @Test
    void aRefusedResponseIsReasonedByItsStatusAndOnlyAFailedTraceHasAReason() {
        assertEquals(ErrorReason.HTTP_4XX, ErrorReason.ofStatus(429));
        assertEquals(ErrorReason.HTTP_5XX, ErrorReason.ofStatus(503));
        assertEquals(ErrorReason.BAD_RESPONSE, ErrorReason.ofStatus(302));
        assertEquals(ErrorReason.CONNECT,
                new StreamRecorder().fail(ErrorReason.CONNECT, 0, "connection refused", 1).reason());
        assertNull(new RequestTrace(0, 1, 1, 1, 1, 2, new long[0], new int[0], "", ABSENT, ABSENT, ABSENT, 200, null,
                ErrorReason.CUT).reason(), "a successful trace has no reason");
        assertEquals(ErrorReason.OTHER, new RequestTrace(0, 1, 1, 1, 1, 2, new long[0], new int[0], "", ABSENT,
                ABSENT, ABSENT, 200, "lost", null).reason(), "a failed trace always has one");
    }

    @Test
    void doneWithoutFinishReasonIsComplete() {
        begin(0);
        event(content("a"), 20);
        recorder.done(30);

        assertNull(recorder.finish(40).error());
    }

    @Test
    void aServerErrorInsideTheStreamIsTheTraceError() {
        begin(0);
        event(content("a"), 20);
        event("{\"error\":{\"message\":\"CUDA out of memory\",\"code\":500}}", 30);
        recorder.malformed(33);
        event("{\"error\":{\"message\":\"second\"}}", 35);
        recorder.done(40);

        RequestTrace trace = recorder.finish(50);

        assertEquals("server error: CUDA out of memory", trace.error());
        assertEquals(ErrorReason.SERVER_ERROR, trace.reason(), "the server's own word wins");
        assertEquals(1, trace.contentEvents());
    }

    @Test
    void aStreamOfOnlyMalformedEventsIsAnError() {
        begin(0);
        recorder.malformed(10);
        recorder.malformed(20);
        recorder.done(30);

        assertEquals("2 of 2 events were malformed JSON", recorder.finish(40).error());
        assertEquals(2, recorder.malformedEvents());
    }

    @Test
    void failKeepsWhatWasRecorded() {
        begin(5);
        recorder.firstByte(10);
        event(ROLE, 10);
        event(content("a", "[1]"), 20);

        RequestTrace trace = recorder.fail(ErrorReason.STALLED, 200,
                "timed out after 1 s (stalled after 1 content event)", 1_000_005);

        assertEquals(new TraceFacts(5, 10, 10, 20, 20, 1_000_005, ABSENT, ABSENT, ABSENT, 200,
                "timed out after 1 s (stalled after 1 content event)"), TraceFacts.of(trace));
        assertArrayEquals(new long[] {20}, trace.eventNanos());
    }

    @Test
    void aRequestThatNeverStartedFailsWithZeroDuration() {
        RequestTrace trace = recorder.fail(ErrorReason.CONNECT, 0, "connection refused: 127.0.0.1:9", 77);

        assertEquals(77, trace.startNanos());
        assertEquals(77, trace.endNanos());
        assertEquals(0, trace.httpStatus());
        assertEquals(0, trace.contentEvents());
    }

    @Test
    void aRecorderRecordsOneRequest() {
        begin(0);
        recorder.done(1);
        recorder.finish(2);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> recorder.finish(3));
        assertEquals("a stream recorder must record one request, but it was already finished", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new StreamRecorder().fail(ErrorReason.OTHER, 0, " ", 1));
    }

    @Test
    void progressSaysHowFarTheStreamGot() {
        assertEquals("before the response head", recorder.progress());
        begin(0);
        assertEquals("before any event", recorder.progress());
        event(ROLE, 1);
        assertEquals("after 1 event, none with output", recorder.progress());
        event(content("a"), 2);
        assertEquals("after 1 content event", recorder.progress());
        event(content("b"), 3);
        assertEquals("after 2 content events", recorder.progress());
    }

    @Test
    void manyContentEventsAreAllKept() {
        begin(0);
        for (int i = 1; i <= 1_000; i++) {
            event(content("x", "[" + i + "]"), i * 10L);
        }
        recorder.done(20_000);

        RequestTrace trace = recorder.finish(20_001);

        assertEquals(1_000, trace.contentEvents());
        assertEquals(10_000, trace.eventNanos()[999]);
        assertEquals(1, trace.eventTokenIds()[999]);
        assertEquals(1_000, trace.text().length());
    }

    /** The scalar facts of a trace, compared in one assertion. */
    private record TraceFacts(long start, long firstByte, long firstResponse, long firstToken, long firstContent,
                              long end, int promptTokens, int completionTokens, int cachedTokens, int httpStatus,
                              String error) {
        static TraceFacts of(RequestTrace t) {
            return new TraceFacts(t.startNanos(), t.firstByteNanos(), t.firstResponseNanos(), t.firstTokenNanos(),
                    t.firstContentNanos(), t.endNanos(), t.promptTokens(), t.completionTokens(), t.cachedTokens(),
                    t.httpStatus(), t.error());
        }
    }
}
