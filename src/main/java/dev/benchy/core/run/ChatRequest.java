package dev.benchy.core.run;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * A chat completion request, serialised once into the exact body that is sent (before any timestamp is taken).
 *
 * @param model      the served model name ({@code model} field of the body)
 * @param messages   the conversation
 * @param maxTokens  {@code max_tokens}
 * @param stream     streaming with {@code return_token_ids} and {@code stream_options.include_usage}
 * @param noCache    adds {@code cache_prompt: false}
 * @param extraBody  extra top-level fields merged after the defaults (values are JSON-compatible Java values)
 */
public record ChatRequest(String model, List<Message> messages, int maxTokens, boolean stream, boolean noCache,
                          Map<String, Object> extraBody) {

    private static final JsonFactory JSON = new JsonFactory();

    public ChatRequest {
        messages = List.copyOf(messages);
        extraBody = extraBody == null ? Map.of() : Map.copyOf(extraBody);
    }

    public static ChatRequest streaming(String model, List<Message> messages, int maxTokens, boolean noCache) {
        return new ChatRequest(model, messages, maxTokens, true, noCache, Map.of());
    }

    public static ChatRequest blocking(String model, List<Message> messages, int maxTokens) {
        return new ChatRequest(model, messages, maxTokens, false, false, Map.of());
    }

    /** The JSON body, as spec §9: model, messages, max_tokens, then the streaming options, then extras. */
    public byte[] toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + approximateSize());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("model", model);
            g.writeArrayFieldStart("messages");
            for (Message m : messages) {
                g.writeStartObject();
                g.writeStringField("role", m.role());
                g.writeStringField("content", m.content());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("max_tokens", maxTokens);
            if (stream) {
                g.writeBooleanField("stream", true);
                g.writeBooleanField("return_token_ids", true);
                g.writeObjectFieldStart("stream_options");
                g.writeBooleanField("include_usage", true);
                g.writeEndObject();
            }
            if (noCache) {
                g.writeBooleanField("cache_prompt", false);
            }
            for (Map.Entry<String, Object> e : extraBody.entrySet()) {
                g.writeFieldName(e.getKey());
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private int approximateSize() {
        int size = 0;
        for (Message m : messages) {
            size += m.content().length();
        }
        return size;
    }

    private static void writeValue(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof Number n) {
            g.writeNumber(n.doubleValue());
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                writeValue(g, item);
            }
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException("extra body value must be JSON-compatible, but was "
                    + value.getClass().getSimpleName());
        }
    }
}
