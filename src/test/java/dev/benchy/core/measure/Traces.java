package dev.benchy.core.measure;

import dev.benchy.core.prompt.Tokenizer;
import dev.benchy.core.stream.ErrorReason;
import dev.benchy.core.stream.RequestTrace;

import java.util.ArrayList;
import java.util.List;

/** Builds fake {@link RequestTrace}s with times given in seconds after an arbitrary, large nanoTime origin. */
final class Traces {

    /** A nanoTime origin far from 0, as a long-running JVM has, so relative-time bugs show. */
    static final long BASE = 7_654_321_000_000_000L;

    private static final int ABSENT = RequestTrace.ABSENT;

    private final long start;
    private long firstResponse = ABSENT;
    private long firstToken = ABSENT;
    private long firstContent = ABSENT;
    private long end = ABSENT;
    private final List<Long> events = new ArrayList<>();
    private final List<Integer> tokenIds = new ArrayList<>();
    private String text = "";
    private int promptTokens = ABSENT;
    private int completionTokens = ABSENT;
    private int cachedTokens = ABSENT;

    private Traces(double startSeconds) {
        this.start = ns(startSeconds);
    }

    static long ns(double seconds) {
        return BASE + Math.round(seconds * 1e9);
    }

    /** A request started {@code seconds} after the origin. */
    static Traces startedAt(double seconds) {
        return new Traces(seconds);
    }

    static RequestTrace failed(double startSeconds, String error) {
        return RequestTrace.failed(ns(startSeconds), ns(startSeconds + 1), 500, ErrorReason.HTTP_5XX, error);
    }

    Traces firstResponse(double seconds) {
        firstResponse = ns(seconds);
        return this;
    }

    Traces firstToken(double seconds) {
        firstToken = ns(seconds);
        return this;
    }

    Traces firstContent(double seconds) {
        firstContent = ns(seconds);
        return this;
    }

    Traces end(double seconds) {
        end = ns(seconds);
        return this;
    }

    /** A content event carrying {@code ids} token ids ({@link RequestTrace#ABSENT} for none). */
    Traces event(double seconds, int ids) {
        events.add(ns(seconds));
        tokenIds.add(ids);
        return this;
    }

    /** Content events with one token id each. */
    Traces events(double... seconds) {
        for (double s : seconds) {
            event(s, 1);
        }
        return this;
    }

    /** Content events without token ids. */
    Traces eventsWithoutIds(double... seconds) {
        for (double s : seconds) {
            event(s, ABSENT);
        }
        return this;
    }

    Traces text(String joined) {
        text = joined;
        return this;
    }

    Traces promptTokens(int n) {
        promptTokens = n;
        return this;
    }

    Traces completionTokens(int n) {
        completionTokens = n;
        return this;
    }

    Traces cachedTokens(int n) {
        cachedTokens = n;
        return this;
    }

    /**
     * The trace. Unset stamps default from the events: first token and first content at the first event, first
     * response at the first token, end at the last event.
     */
    RequestTrace build() {
        long firstEvent = events.isEmpty() ? ABSENT : events.get(0);
        long token = firstToken != ABSENT ? firstToken : firstEvent;
        long content = firstContent != ABSENT ? firstContent : token;
        long response = firstResponse != ABSENT ? firstResponse : token;
        long last = events.isEmpty() ? start : events.get(events.size() - 1);
        return new RequestTrace(start, response == ABSENT ? ABSENT : response, response, token, content,
                end != ABSENT ? end : last,
                events.stream().mapToLong(Long::longValue).toArray(),
                tokenIds.stream().mapToInt(Integer::intValue).toArray(),
                text, promptTokens, completionTokens, cachedTokens, 200, null);
    }

    /** A test tokenizer: one token per whitespace-separated word. */
    static final class WordTokenizer implements Tokenizer {

        @Override
        public String name() {
            return "words";
        }

        @Override
        public int[] encode(String text) {
            String trimmed = text.strip();
            return trimmed.isEmpty() ? new int[0] : new int[trimmed.split("\\s+").length];
        }

        @Override
        public String decode(int[] ids) {
            return "w ".repeat(ids.length).strip();
        }
    }
}
