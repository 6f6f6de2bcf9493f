package dev.benchy.simulator;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Everything one accepted request will send and when, decided up front; the handler only has to deliver it on time.
 * Events are rendered when sent rather than all at once, so a long generation costs no memory in advance.
 *
 * @param id            the completion id shared by every chunk
 * @param created       wall-clock seconds, for the {@code created} field
 * @param model         the served model id
 * @param reply         how the request wants its answer
 * @param promptTokens  prompt tokens, template included
 * @param cachedTokens  prompt tokens reused from the prefix cache
 * @param generation    the tokens to send
 * @param schedule      when to send them
 * @param roleFirst     whether a role-only event goes out before prefill
 */
record Completion(String id, long created, String model, ChatCall.Reply reply, int promptTokens, int cachedTokens,
                  Generation generation, Schedule schedule, boolean roleFirst) {

    static final String ROLE = "assistant";

    boolean stream() {
        return reply.stream();
    }

    int completionTokens() {
        return generation.size();
    }

    /** "length" when generation stopped at max_tokens, "stop" when the answer ended by itself. */
    String finishReason() {
        return generation.size() == reply.maxTokens() ? "length" : "stop";
    }

    /** The role-only chunk, {@code "delta":{"role":"assistant","content":""}} as vLLM opens a stream. */
    String roleChunk() {
        return chunk(g -> {
            g.writeStartObject();
            g.writeNumberField("index", 0);
            g.writeObjectFieldStart("delta");
            g.writeStringField("role", ROLE);
            g.writeStringField("content", "");
            g.writeEndObject();
            g.writeNullField("finish_reason");
            g.writeEndObject();
        });
    }

    /** Token event {@code event}; the first one also names the role when no role-only event preceded it. */
    String tokenChunk(int event) {
        return OpenAiWire.render(tokenChunkBody(event));
    }

    /** {@link #tokenChunk} as UTF-8 bytes, written to {@code out} (the sending path). */
    void writeTokenChunk(int event, OutputStream out) {
        OpenAiWire.render(tokenChunkBody(event), out);
    }

    private OpenAiWire.Body tokenChunkBody(int event) {
        int from = schedule.firstToken(event);
        int to = from + schedule.tokensIn(event);
        return chunkBody(g -> {
            g.writeStartObject();
            g.writeNumberField("index", 0);
            g.writeObjectFieldStart("delta");
            if (event == 0 && !roleFirst) {
                g.writeStringField("role", ROLE);
            }
            writeText(g, from, to);
            g.writeEndObject();
            g.writeNullField("finish_reason");
            if (reply.returnTokenIds()) {
                writeTokenIds(g, from, to);
            }
            g.writeEndObject();
        });
    }

    /** The closing chunk: empty delta and the finish reason. */
    String finishChunk() {
        return chunk(g -> {
            g.writeStartObject();
            g.writeNumberField("index", 0);
            g.writeObjectFieldStart("delta");
            g.writeEndObject();
            g.writeStringField("finish_reason", finishReason());
            g.writeEndObject();
        });
    }

    /** The usage-only chunk ({@code choices: []}) sent when {@code stream_options.include_usage} asked for it. */
    String usageChunk() {
        return OpenAiWire.render(g -> {
            g.writeStartObject();
            writeHeader(g, "chat.completion.chunk");
            g.writeArrayFieldStart("choices");
            g.writeEndArray();
            writeUsage(g);
            g.writeEndObject();
        });
    }

    /** The whole answer of a non-streaming request. */
    String body() {
        int size = generation.size();
        return OpenAiWire.render(g -> {
            g.writeStartObject();
            writeHeader(g, "chat.completion");
            g.writeArrayFieldStart("choices");
            g.writeStartObject();
            g.writeNumberField("index", 0);
            g.writeObjectFieldStart("message");
            g.writeStringField("role", ROLE);
            g.writeStringField("content", text(generation.reasoningTokens(), size));
            if (generation.reasoningTokens() > 0) {
                g.writeStringField("reasoning_content", text(0, generation.reasoningTokens()));
            }
            g.writeEndObject();
            g.writeStringField("finish_reason", finishReason());
            if (reply.returnTokenIds()) {
                writeTokenIds(g, 0, size);
            }
            g.writeEndObject();
            g.writeEndArray();
            writeUsage(g);
            g.writeEndObject();
        });
    }

    private String chunk(OpenAiWire.Body choice) {
        return OpenAiWire.render(chunkBody(choice));
    }

    private OpenAiWire.Body chunkBody(OpenAiWire.Body choice) {
        return g -> {
            g.writeStartObject();
            writeHeader(g, "chat.completion.chunk");
            g.writeArrayFieldStart("choices");
            choice.write(g);
            g.writeEndArray();
            g.writeEndObject();
        };
    }

    private void writeHeader(JsonGenerator g, String object) throws IOException {
        g.writeStringField("id", id);
        g.writeStringField("object", object);
        g.writeNumberField("created", created);
        g.writeStringField("model", model);
    }

    /** Reasoning and content of tokens [from, to); an event at the boundary carries both. */
    private void writeText(JsonGenerator g, int from, int to) throws IOException {
        int boundary = Math.max(from, Math.min(to, generation.reasoningTokens()));
        if (boundary > from) {
            g.writeStringField("reasoning_content", text(from, boundary));
        }
        if (to > boundary) {
            g.writeStringField("content", text(boundary, to));
        }
    }

    private String text(int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int k = from; k < to; k++) {
            text.append(generation.piece(k));
        }
        return text.toString();
    }

    private void writeTokenIds(JsonGenerator g, int from, int to) throws IOException {
        g.writeArrayFieldStart("token_ids");
        for (int k = from; k < to; k++) {
            g.writeNumber(generation.id(k));
        }
        g.writeEndArray();
    }

    private void writeUsage(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("usage");
        g.writeNumberField("prompt_tokens", promptTokens);
        g.writeNumberField("completion_tokens", completionTokens());
        g.writeNumberField("total_tokens", promptTokens + completionTokens());
        g.writeObjectFieldStart("prompt_tokens_details");
        g.writeNumberField("cached_tokens", cachedTokens);
        g.writeEndObject();
        g.writeEndObject();
    }
}
