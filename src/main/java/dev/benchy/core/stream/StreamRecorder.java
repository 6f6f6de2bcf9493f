package dev.benchy.core.stream;

import java.util.Arrays;
import java.util.Objects;

/**
 * Turns the events of one streamed request into its {@link RequestTrace}: it decides which event is the first
 * response, the first token and the first content, keeps the arrival time and {@code token_ids} length of every
 * output-bearing event, joins the generated text, and keeps the server's token counts. It only records; every rate is
 * derived later from the trace. Timestamps come from the caller (one per network read), so it never reads a clock.
 *
 * <p>The rules (ARCHITECTURE.md, measurement decision 1):
 * <ul>
 *   <li>first response (TTFR): the first event whose {@code choices} is non-empty, even a role-only or empty delta;
 *       a usage-only event with {@code choices: []} does not count;</li>
 *   <li>first token (e2e TTFT): the first event carrying content, reasoning, a tool call or a non-empty
 *       {@code token_ids} list ({@link ChatChunk#carriesOutput()}); every such event is a content event of the
 *       trace;</li>
 *   <li>first content: the first event carrying non-reasoning content or a tool call;</li>
 *   <li>usage and cached tokens: the last value the stream sent wins; an event without them changes nothing;</li>
 *   <li>text: reasoning, content and tool-call text of each content event, appended in order, for a tokenizer that
 *       counts the joined text once, after the stream (never per event, llama-benchy issue #18).</li>
 * </ul>
 *
 * <p>When is a stream complete? A stream that ends after {@code [DONE]}, or after an event with a
 * {@code finish_reason}, is complete even without the other (some servers omit {@code [DONE]}). Each error carries
 * its {@link ErrorReason}; the first that applies wins:
 * <ol>
 *   <li>an {@code error} object sent inside the stream, whatever follows it: "server error: ..."
 *       ({@link ErrorReason#SERVER_ERROR});</li>
 *   <li>any event whose payload was not JSON: "N of M events were malformed JSON" ({@link ErrorReason#MALFORMED}).
 *       llama-benchy skips such events, but a stream that lost events cannot be timed: its token count and times
 *       would rest on the events that happened to parse;</li>
 *   <li>a stream cut before either end mark: "stream ended without [DONE] after N events" ({@link ErrorReason#CUT});</li>
 *   <li>a complete stream without a single event carrying output: nothing can be timed
 *       ({@link ErrorReason#NO_OUTPUT}).</li>
 * </ol>
 *
 * <p>One recorder per request, used from one thread; {@link #finish} or {@link #fail} ends it.
 */
public final class StreamRecorder {

    private static final int ABSENT = RequestTrace.ABSENT;
    private static final int INITIAL_EVENTS = 64;
    private static final int MAX_ERROR_CHARS = 1000;

    private long startNanos = ABSENT;
    private long firstByteNanos = ABSENT;
    private long firstResponseNanos = ABSENT;
    private long firstTokenNanos = ABSENT;
    private long firstContentNanos = ABSENT;
    private long[] eventNanos = new long[INITIAL_EVENTS];
    private int[] eventTokenIds = new int[INITIAL_EVENTS];
    private int contentEvents;
    private final StringBuilder text = new StringBuilder();
    private int promptTokens = ABSENT;
    private int completionTokens = ABSENT;
    private int cachedTokens = ABSENT;
    private int httpStatus;
    private int events;
    private int malformedEvents;
    private boolean finishReasonSeen;
    private boolean doneSeen;
    private String serverError;
    private boolean closed;

    /** When the request bytes are written; a later call (the stamp at the socket) replaces an earlier one. */
    public void start(long nanos) {
        startNanos = nanos;
    }

    /** The response head arrived with this status. */
    public void status(int status) {
        httpStatus = status;
    }

    /** A network read of the body arrived; only the first one is kept. */
    public void firstByte(long nanos) {
        if (firstByteNanos == ABSENT) {
            firstByteNanos = nanos;
        }
    }

    /** One well-formed event, completed by the read at {@code nanos}. The chunk is read, never kept. */
    public void event(ChatChunk chunk, long nanos) {
        events++;
        if (chunk.hasChoices() && firstResponseNanos == ABSENT) {
            firstResponseNanos = nanos;
        }
        if (chunk.carriesOutput()) {
            if (firstTokenNanos == ABSENT) {
                firstTokenNanos = nanos;
            }
            if (firstContentNanos == ABSENT && (chunk.hasContent() || chunk.hasToolCall())) {
                firstContentNanos = nanos;
            }
            addContentEvent(nanos, chunk.tokenIds());
            text.append(chunk.reasoning()).append(chunk.content()).append(chunk.toolCallText());
        }
        if (chunk.finishReason() != null) {
            finishReasonSeen = true;
        }
        if (chunk.promptTokens() != ABSENT) {
            promptTokens = chunk.promptTokens();
        }
        if (chunk.completionTokens() != ABSENT) {
            completionTokens = chunk.completionTokens();
        }
        if (chunk.cachedTokens() != ABSENT) {
            cachedTokens = chunk.cachedTokens();
        }
        if (chunk.error() != null && serverError == null) {
            serverError = chunk.error();
        }
    }

    /** An event whose payload was not a JSON object: counted; one is enough to make the stream an error. */
    public void malformed(long nanos) {
        malformedEvents++;
    }

    /** {@code data: [DONE]} arrived. */
    public void done(long nanos) {
        doneSeen = true;
    }

    /** The body ended at {@code nanos}: the trace, with an error if the stream was incomplete (see class doc). */
    public RequestTrace finish(long nanos) {
        return trace(httpStatus, completionFailure(), nanos);
    }

    /**
     * The request failed at {@code nanos}: the trace keeps what was recorded so far and carries {@code error}. A
     * request that never started (no connection) gets {@code startNanos = nanos}, so its duration reads as zero.
     */
    public RequestTrace fail(ErrorReason reason, int status, String error, long nanos) {
        if (error == null || error.isBlank()) {
            throw new IllegalArgumentException("error of a failed request must be a message, but was " + error);
        }
        return trace(status, new Failure(Objects.requireNonNull(reason, "reason"), error), nanos);
    }

    /**
     * The timeout passed at {@code nanos}: {@link ErrorReason#TIMEOUT} before the response head, else
     * {@link ErrorReason#STALLED}; the error is {@code what}, then how far the stream got.
     */
    public RequestTrace timedOut(String what, long nanos) {
        ErrorReason reason = httpStatus == 0 ? ErrorReason.TIMEOUT : ErrorReason.STALLED;
        return fail(reason, httpStatus, what + " (stalled " + progress() + ")", nanos);
    }

    /** Well-formed events so far. */
    public int events() {
        return events;
    }

    /** Events whose payload was not a JSON object. */
    public int malformedEvents() {
        return malformedEvents;
    }

    /** Events that carried output so far. */
    public int contentEvents() {
        return contentEvents;
    }

    /**
     * How far the stream got, for error messages: "before the response head", "before any event",
     * "after 3 events, none with output" or "after 12 content events".
     */
    public String progress() {
        if (httpStatus == 0) {
            return "before the response head";
        }
        if (events == 0 && malformedEvents == 0) {
            return "before any event";
        }
        if (contentEvents == 0) {
            return "after " + count(events + malformedEvents, "event") + ", none with output";
        }
        return "after " + count(contentEvents, "content event");
    }

    private Failure completionFailure() {
        if (serverError != null) {
            String message = serverError.length() > MAX_ERROR_CHARS
                    ? serverError.substring(0, MAX_ERROR_CHARS) + "..." : serverError;
            return new Failure(ErrorReason.SERVER_ERROR, "server error: " + message);
        }
        boolean cut = !doneSeen && !finishReasonSeen;
        if (malformedEvents > 0) {
            return new Failure(ErrorReason.MALFORMED, malformedEvents + " of " + (events + malformedEvents)
                    + " events were malformed JSON" + (cut ? "; the stream ended without [DONE]" : ""));
        }
        if (cut) {
            return new Failure(ErrorReason.CUT, "stream ended without [DONE] after " + count(events, "event"));
        }
        if (contentEvents == 0) {
            // nothing to time: a "successful" stream without output would report no numbers and still count as ok
            return new Failure(ErrorReason.NO_OUTPUT, "stream ended after " + count(events, "event")
                    + ", none with output (choices empty or no content)");
        }
        return null;
    }

    /** Why a request failed: the bounded reason and the text. */
    private record Failure(ErrorReason reason, String error) {
    }

    private RequestTrace trace(int status, Failure failure, long endNanos) {
        if (closed) {
            throw new IllegalStateException("a stream recorder must record one request, but it was already finished");
        }
        closed = true;
        long start = startNanos == ABSENT ? endNanos : startNanos;
        return new RequestTrace(start, firstByteNanos, firstResponseNanos, firstTokenNanos, firstContentNanos,
                endNanos, Arrays.copyOf(eventNanos, contentEvents), Arrays.copyOf(eventTokenIds, contentEvents),
                text.toString(), promptTokens, completionTokens, cachedTokens, status,
                failure == null ? null : failure.error(), failure == null ? null : failure.reason());
    }

    private void addContentEvent(long nanos, int tokenIds) {
        if (contentEvents == eventNanos.length) {
            eventNanos = Arrays.copyOf(eventNanos, contentEvents * 2);
            eventTokenIds = Arrays.copyOf(eventTokenIds, contentEvents * 2);
        }
        eventNanos[contentEvents] = nanos;
        eventTokenIds[contentEvents] = tokenIds;
        contentEvents++;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
