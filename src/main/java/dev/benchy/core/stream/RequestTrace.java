package dev.benchy.core.stream;

/**
 * The raw facts of one benchmark request, as observed on the wire: monotonic timestamps (nanoseconds, from the
 * injected {@link dev.benchy.core.NanoClock}), what the server said about token counts, and the error if any.
 * It never holds a computed rate; {@code dev.benchy.core.measure} derives every number from it.
 *
 * <p>Absent timestamps and counts are {@value #ABSENT}. Content events are the SSE events that carried generated
 * output (content, reasoning or a tool call): {@code eventNanos[i]} is the time of the network read that completed
 * event {@code i}, {@code eventTokenIds[i]} the length of its {@code token_ids} list or {@value #ABSENT} when it had
 * none.
 *
 * @param startNanos         when the request was written (body already serialised)
 * @param firstByteNanos     first byte of the response body
 * @param firstResponseNanos first {@code data:} event with a non-empty {@code choices} array (TTFR)
 * @param firstTokenNanos    first event carrying content, reasoning or a tool call (e2e TTFT)
 * @param firstContentNanos  first event carrying non-reasoning content (or a tool call)
 * @param endNanos           end of the response body, or the moment the request failed
 * @param eventNanos         arrival time of each content event
 * @param eventTokenIds      token_ids length of each content event, or ABSENT
 * @param text               all generated text joined (reasoning and content), for the tokenizer fallback
 * @param promptTokens       usage.prompt_tokens, or ABSENT
 * @param completionTokens   usage.completion_tokens, or ABSENT
 * @param cachedTokens       prompt tokens the server said it reused (prompt_tokens_details.cached_tokens or
 *                           llama.cpp's timings.cache_n), or ABSENT
 * @param httpStatus         the response status, 0 when none arrived
 * @param error              what went wrong, or null for a successful request
 * @param reason             why it went wrong, in the bounded set of {@link ErrorReason}; null exactly when
 *                           {@code error} is (a failed trace given none gets {@link ErrorReason#OTHER})
 */
public record RequestTrace(
        long startNanos,
        long firstByteNanos,
        long firstResponseNanos,
        long firstTokenNanos,
        long firstContentNanos,
        long endNanos,
        long[] eventNanos,
        int[] eventTokenIds,
        String text,
        int promptTokens,
        int completionTokens,
        int cachedTokens,
        int httpStatus,
        String error,
        ErrorReason reason) {

    public static final int ABSENT = -1;

    public RequestTrace {
        reason = error == null ? null : reason == null ? ErrorReason.OTHER : reason;
    }

    /** A trace without a reason: a failed one is {@link ErrorReason#OTHER}. */
    public RequestTrace(long startNanos, long firstByteNanos, long firstResponseNanos, long firstTokenNanos,
                        long firstContentNanos, long endNanos, long[] eventNanos, int[] eventTokenIds, String text,
                        int promptTokens, int completionTokens, int cachedTokens, int httpStatus, String error) {
        this(startNanos, firstByteNanos, firstResponseNanos, firstTokenNanos, firstContentNanos, endNanos, eventNanos,
                eventTokenIds, text, promptTokens, completionTokens, cachedTokens, httpStatus, error, null);
    }

    public boolean ok() {
        return error == null;
    }

    public boolean hasFirstResponse() {
        return firstResponseNanos != ABSENT;
    }

    public boolean hasFirstToken() {
        return firstTokenNanos != ABSENT;
    }

    public boolean hasFirstContent() {
        return firstContentNanos != ABSENT;
    }

    public int contentEvents() {
        return eventNanos.length;
    }

    /** A trace for a request that failed before or while streaming. */
    public static RequestTrace failed(long startNanos, long endNanos, int httpStatus, ErrorReason reason,
                                      String error) {
        return new RequestTrace(startNanos, ABSENT, ABSENT, ABSENT, ABSENT, endNanos, new long[0], new int[0], "",
                ABSENT, ABSENT, ABSENT, httpStatus, error, reason);
    }

}
