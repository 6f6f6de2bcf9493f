package dev.benchy.core.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;
import java.util.function.IntConsumer;

/**
 * Reads one streamed {@code chat.completion.chunk} payload into a {@link ChatChunk}. It runs for every event of every
 * request on the timed path, so it uses Jackson's streaming parser and never builds a tree: it reads
 * {@code choices[0]} ({@code delta.content}, {@code delta.reasoning_content}, {@code delta.reasoning},
 * {@code delta.tool_calls}, {@code token_ids} on the choice or its delta, {@code finish_reason}), {@code usage}
 * ({@code prompt_tokens}, {@code completion_tokens}, {@code prompt_tokens_details.cached_tokens}), llama.cpp's
 * {@code timings.cache_n} and a top-level {@code error}, and skips everything else without materialising it,
 * including the huge {@code prompt_token_ids} array vLLM echoes in its first event.
 *
 * <p>String length is not limited (Jackson's default cap of 20 M characters would turn a long but valid event into a
 * parse error). Thread-safe: it holds no state; the chunk it fills is the caller's.
 */
public final class ChatChunkParser {

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();

    /**
     * Parses one payload into {@code into} (cleared first).
     *
     * @return false when the payload is not one well-formed JSON object; {@code into} is then cleared and the caller
     *         counts the event as malformed (which makes the stream an error)
     */
    public boolean parse(byte[] buf, int off, int len, ChatChunk into) {
        into.clear();
        try (JsonParser p = JSON.createParser(buf, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                into.clear();
                return false;
            }
            readRoot(p, into);
            if (p.nextToken() != null) {
                into.clear();
                return false;
            }
            return true;
        } catch (IOException malformed) {
            into.clear();
            return false;
        }
    }

    private static void readRoot(JsonParser p, ChatChunk c) throws IOException {
        while (nextField(p)) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "choices" -> readChoices(p, c);
                case "usage" -> readUsage(p, c);
                case "timings" -> readCountField(p, "cache_n", c::timingsCachedTokens);
                case "error" -> readError(p, c);
                default -> p.skipChildren();
            }
        }
    }

    private static void readChoices(JsonParser p, ChatChunk c) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        JsonToken first = next(p);
        if (first == JsonToken.END_ARRAY) {
            return;
        }
        c.markChoices();
        if (first == JsonToken.START_OBJECT) {
            readChoice(p, c);
        } else {
            p.skipChildren();
        }
        while (next(p) != JsonToken.END_ARRAY) {
            p.skipChildren();
        }
    }

    private static void readChoice(JsonParser p, ChatChunk c) throws IOException {
        while (nextField(p)) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "delta" -> readDelta(p, c);
                case "token_ids" -> readTokenIds(p, c);
                case "finish_reason" -> {
                    if (p.currentToken() == JsonToken.VALUE_STRING) {
                        c.finishReason(p.getText());
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
    }

    private static void readDelta(JsonParser p, ChatChunk c) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (nextField(p)) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "content" -> appendString(p, c.contentBuffer());
                case "reasoning_content" -> appendString(p, c.reasoningContentBuffer());
                case "reasoning" -> appendString(p, c.reasoningBuffer());
                case "tool_calls" -> readToolCalls(p, c);
                case "token_ids" -> readTokenIds(p, c);
                default -> p.skipChildren();
            }
        }
    }

    private static void readToolCalls(JsonParser p, ChatChunk c) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        JsonToken t;
        while ((t = next(p)) != JsonToken.END_ARRAY) {
            c.markToolCall();
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            while (nextField(p)) {
                String name = p.currentName();
                p.nextToken();
                if ("function".equals(name) && p.currentToken() == JsonToken.START_OBJECT) {
                    readFunction(p, c);
                } else {
                    p.skipChildren();
                }
            }
        }
    }

    private static void readFunction(JsonParser p, ChatChunk c) throws IOException {
        while (nextField(p)) {
            String name = p.currentName();
            p.nextToken();
            if ("name".equals(name) || "arguments".equals(name)) {
                appendString(p, c.toolCallTextBuffer());
            } else {
                p.skipChildren();
            }
        }
    }

    private static void readTokenIds(JsonParser p, ChatChunk c) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        int count = 0;
        while (next(p) != JsonToken.END_ARRAY) {
            count++;
            p.skipChildren();
        }
        c.tokenIds(count);
    }

    private static void readUsage(JsonParser p, ChatChunk c) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        c.markUsage();
        while (nextField(p)) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "prompt_tokens" -> c.promptTokens(readCount(p));
                case "completion_tokens" -> c.completionTokens(readCount(p));
                case "prompt_tokens_details" -> readCountField(p, "cached_tokens", c::usageCachedTokens);
                default -> p.skipChildren();
            }
        }
    }

    /**
     * Reads one count out of a small object ({@code prompt_tokens_details.cached_tokens}, llama.cpp's
     * {@code timings.cache_n}), skipping every other field, and the whole value when it is not an object.
     */
    private static void readCountField(JsonParser p, String field, IntConsumer into) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (nextField(p)) {
            String name = p.currentName();
            p.nextToken();
            if (field.equals(name)) {
                into.accept(readCount(p));
            } else {
                p.skipChildren();
            }
        }
    }

    private static void readError(JsonParser p, ChatChunk c) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            c.error(p.getText());
            return;
        }
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        String message = null;
        while (nextField(p)) {
            String name = p.currentName();
            p.nextToken();
            if ("message".equals(name) && p.currentToken() == JsonToken.VALUE_STRING) {
                message = p.getText();
            } else {
                p.skipChildren();
            }
        }
        c.error(message == null || message.isBlank() ? "error object without a message" : message);
    }

    /** Appends a string value without creating a String; null and non-string values append nothing. */
    private static void appendString(JsonParser p, StringBuilder into) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            into.append(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        } else {
            p.skipChildren();
        }
    }

    /** A non-negative int, or ABSENT for anything else (null, float, string, too large, negative). */
    private static int readCount(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
            int value = p.getIntValue();
            return value >= 0 ? value : RequestTrace.ABSENT;
        }
        p.skipChildren();
        return RequestTrace.ABSENT;
    }

    /** Moves to the next field of the current object; false at its end. */
    private static boolean nextField(JsonParser p) throws IOException {
        JsonToken t = next(p);
        if (t == JsonToken.FIELD_NAME) {
            return true;
        }
        if (t == JsonToken.END_OBJECT) {
            return false;
        }
        throw new IOException("expected a field name or the end of an object, but was " + t);
    }

    /** The next token; the end of input inside a structure is an error. */
    private static JsonToken next(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw new IOException("unexpected end of the event payload");
        }
        return t;
    }
}
