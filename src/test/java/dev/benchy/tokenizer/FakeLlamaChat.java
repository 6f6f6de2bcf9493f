package dev.benchy.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The OpenAI side of a fake llama-server, to pair with {@link FakeTokenizeServer} in the llama.cpp family: it
 * reports its GGUF file path as the model id (as llama-server does), and counts prompt tokens with the same
 * {@link WordPieces} tokenizer its {@code /tokenize} uses, inside a chat template that costs
 * {@value #TEMPLATE_START} tokens plus {@value #PER_MESSAGE} per message. Every streamed request's prompt count is
 * recorded, so a test can check that prompts were exactly as long as asked.
 */
public final class FakeLlamaChat implements FakeTokenizeServer.Other {

    /** What {@code /v1/models} reports. */
    public static final String GGUF = "/models/tiny-llama-Q4_K_M.gguf";
    static final int TEMPLATE_START = 2;
    static final int PER_MESSAGE = 3;

    private final List<Integer> streamedPromptTokens = Collections.synchronizedList(new ArrayList<>());

    /** The prompt tokens of each streamed request but the warm-up, in arrival order. */
    public List<Integer> streamedPromptTokens() {
        synchronized (streamedPromptTokens) {
            return List.copyOf(streamedPromptTokens);
        }
    }

    @Override
    public void answer(FakeTokenizeServer.Request request, HttpExchange exchange) throws IOException {
        String path = request.path();
        if (path.equals("/v1/models")) {
            FakeTokenizeServer.json(exchange, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"" + GGUF
                    + "\",\"object\":\"model\",\"owned_by\":\"llamacpp\"}]}");
            return;
        }
        if (!path.equals("/v1/chat/completions") || request.body() == null) {
            FakeTokenizeServer.json(exchange, 404, "{\"error\":{\"code\":404,\"message\":\"File Not Found\"}}");
            return;
        }
        JsonNode body = request.body();
        int prompt = promptTokens(body);
        int maxTokens = body.path("max_tokens").asInt(16);
        if (!body.path("stream").asBoolean(false)) {
            FakeTokenizeServer.json(exchange, 200, "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                    + "\"content\":\"Paris\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":" + prompt
                    + ",\"completion_tokens\":1,\"total_tokens\":" + (prompt + 1) + "}}");
            return;
        }
        if (!body.path("messages").path(0).path("content").asText("").startsWith("Warmup Warmup")) {
            streamedPromptTokens.add(prompt);
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        try {
            Thread.sleep(3);
            for (int i = 0; i < maxTokens; i++) {
                if (i > 0) {
                    Thread.sleep(1);
                }
                event(out, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\" tok\"}}]}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        event(out, "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}");
        event(out, "{\"choices\":[],\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + maxTokens
                + ",\"total_tokens\":" + (prompt + maxTokens) + "}}");
        event(out, "[DONE]");
    }

    /** The template's tokens and the messages' own, as this server's tokenizer counts them. */
    static int promptTokens(JsonNode body) {
        int tokens = TEMPLATE_START;
        for (JsonNode message : body.path("messages")) {
            tokens += PER_MESSAGE + WordPieces.count(message.path("content").asText(""));
        }
        return tokens;
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
