package dev.benchy.core.run;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.benchy.core.request.OptionalField;
import dev.benchy.core.request.RequestShape;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A chat completion request as the engine means it (what to ask, how much to generate), written in a target's
 * {@link RequestShape} by the one builder every request goes through ({@link #toJson}), once, before any
 * timestamp is taken.
 *
 * <p>The body, as spec §9: {@code model}, {@code messages}, {@code max_tokens}; for a streaming request
 * {@code stream}, then {@code return_token_ids} and {@code stream_options.include_usage} unless the server refused
 * them; with no-cache {@code cache_prompt: false}; then the user's extra body fields, which replace benchy's of the
 * same name (a null value removes it); last, for a measured request with exact-tg, {@code min_tokens} (=
 * max_tokens) and {@code ignore_eos: true}, which win over the extra body as in llama-benchy.
 *
 * @param model     the served model name
 * @param messages  the conversation
 * @param maxTokens {@code max_tokens}
 * @param kind      what the request is for
 * @param noCache   adds {@code cache_prompt: false}
 */
public record ChatRequest(String model, List<Message> messages, int maxTokens, Kind kind, boolean noCache) {

    /** What a request is for, which decides its fields. */
    public enum Kind {
        /** A benchmark request: streamed, and exact-tg applies. */
        MEASURED(true),
        /** A streamed request that is not measured: the streaming warm-up, a latency probe. */
        STREAMED_PROBE(true),
        /** A non-streaming request: the template probes, the coherence test. */
        BLOCKING(false);

        private final boolean streaming;

        Kind(boolean streaming) {
            this.streaming = streaming;
        }

        public boolean streaming() {
            return streaming;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> INCLUDE_USAGE = Map.of("include_usage", true);
    private static final Set<String> EXACT_TG_FIELDS = Set.of("min_tokens", "ignore_eos");

    public ChatRequest {
        messages = List.copyOf(messages);
    }

    public static ChatRequest measured(String model, List<Message> messages, int maxTokens, boolean noCache) {
        return new ChatRequest(model, messages, maxTokens, Kind.MEASURED, noCache);
    }

    public static ChatRequest streamedProbe(String model, List<Message> messages, int maxTokens) {
        return new ChatRequest(model, messages, maxTokens, Kind.STREAMED_PROBE, false);
    }

    public static ChatRequest blocking(String model, List<Message> messages, int maxTokens) {
        return new ChatRequest(model, messages, maxTokens, Kind.BLOCKING, false);
    }

    /** The JSON body in {@code shape}. */
    public byte[] toJson(RequestShape shape) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + approximateSize());
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.writeStartObject();
            fields(shape, (name, value) -> {
                g.writeFieldName(name);
                if (value instanceof Messages) {
                    writeMessages(g);
                } else {
                    g.writeObject(value);
                }
            });
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The top-level field names of the body in {@code shape}, in order. */
    public List<String> fieldNames(RequestShape shape) {
        List<String> names = new ArrayList<>();
        try {
            fields(shape, (name, value) -> names.add(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** The one place that decides which fields a request carries. */
    private void fields(RequestShape shape, FieldWriter out) throws IOException {
        out.write("model", model);
        out.write("messages", Messages.INSTANCE);
        out.write("max_tokens", maxTokens);
        boolean exactTg = kind == Kind.MEASURED && shape.exactTg();
        if (kind.streaming()) {
            out.write("stream", true);
            if (shape.sends(OptionalField.RETURN_TOKEN_IDS)) {
                out.write(OptionalField.RETURN_TOKEN_IDS.key(), true);
            }
            if (shape.sends(OptionalField.STREAM_OPTIONS)) {
                out.write(OptionalField.STREAM_OPTIONS.key(), INCLUDE_USAGE);
            }
        }
        if (noCache && shape.sends(OptionalField.CACHE_PROMPT)) {
            out.write(OptionalField.CACHE_PROMPT.key(), false);
        }
        for (Map.Entry<String, Object> extra : shape.extraBody().entrySet()) {
            OptionalField replaced = OptionalField.byKey(extra.getKey());
            boolean applies = replaced == null || !replaced.streamingOnly() || kind.streaming();
            boolean exactTgWins = exactTg && EXACT_TG_FIELDS.contains(extra.getKey());
            if (extra.getValue() != null && applies && !exactTgWins) {
                out.write(extra.getKey(), extra.getValue());
            }
        }
        if (exactTg) {
            out.write("min_tokens", maxTokens);
            out.write("ignore_eos", true);
        }
    }

    private void writeMessages(JsonGenerator g) throws IOException {
        g.writeStartArray();
        for (Message m : messages) {
            g.writeStartObject();
            g.writeStringField("role", m.role());
            g.writeStringField("content", m.content());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private int approximateSize() {
        int size = 0;
        for (Message m : messages) {
            size += m.content().length();
        }
        return size;
    }

    /** Stands for the messages while fields are listed: they are written by the builder itself. */
    private enum Messages {
        INSTANCE
    }

    @FunctionalInterface
    private interface FieldWriter {
        void write(String name, Object value) throws IOException;
    }
}
