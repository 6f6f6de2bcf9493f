package dev.benchy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.benchy.tokenizer.Gpt2Tokenizer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A purpose-built OpenAI-compatible server on 127.0.0.1 for the tests of {@code bench}: it records every request
 * (method, path, Authorization header, body) and answers through a {@link Behaviour} the test gives, which may
 * misbehave on purpose. The default behaviour is an honest tiny server: "Paris" to every non-streaming request,
 * {@code max_tokens} one-token events to every streaming one, usage included.
 */
final class FakeOpenAiServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One request as it arrived; {@code index} counts the benchmark requests from 0 (-1 for the others: blocking
     * requests, latency probes and the streaming warm-up).
     */
    record Request(int index, String method, String path, String authorization, JsonNode body) {

        boolean streaming() {
            return body != null && body.path("stream").asBoolean(false);
        }

        boolean chat() {
            return path.endsWith("/chat/completions");
        }

        /** A latency probe ("hello") or the streaming warm-up (the warm-up text), not a measured request. */
        boolean probe() {
            String first = firstMessage();
            return "hello".equals(first) || first.startsWith("Warmup Warmup");
        }

        /** The content of the first message, or "". */
        String firstMessage() {
            return body == null ? "" : body.path("messages").path(0).path("content").asText("");
        }
    }

    /** How the server answers one request. */
    @FunctionalInterface
    interface Behaviour {
        void answer(Request request, HttpExchange exchange) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger streams = new AtomicInteger();
    private volatile Behaviour behaviour;

    private FakeOpenAiServer(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static FakeOpenAiServer start(Behaviour behaviour) throws IOException {
        return new FakeOpenAiServer(behaviour);
    }

    static FakeOpenAiServer honest() throws IOException {
        return start(FakeOpenAiServer::honestly);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The benchmark requests: streaming chat requests other than the latency probes and the warm-up. */
    List<Request> benchmarkRequests() {
        return requests().stream().filter(r -> r.chat() && r.streaming() && !r.probe()).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
            String path = exchange.getRequestURI().getPath();
            Request unnumbered = new Request(-1, exchange.getRequestMethod(), path,
                    exchange.getRequestHeaders().getFirst("Authorization"), body);
            Request request = unnumbered.streaming() && !unnumbered.probe()
                    ? new Request(streams.getAndIncrement(), unnumbered.method(), path, unnumbered.authorization(),
                    body)
                    : unnumbered;
            requests.add(request);
            behaviour.answer(request, exchange);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /** The default: one model, "Paris" to blocking requests, {@code max_tokens} events to streaming ones. */
    /** How long the honest server takes to process a streamed request's prompt. */
    static final long PREFILL_MILLIS = 5;
    /** How long the honest server takes per generated token. */
    static final long DECODE_STEP_MILLIS = 2;

    static void honestly(Request request, HttpExchange exchange) throws Exception {
        if (request.path().endsWith("/models")) {
            json(exchange, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"fake-model\",\"object\":\"model\"}]}");
        } else if (request.streaming()) {
            // prompt processing takes time on any server, so est_ppt (ttfr minus the latency of /models) is positive;
            // tokens come one decode step apart, so two never share a network read (which would leave tg undefined)
            TimeUnit.MILLISECONDS.sleep(PREFILL_MILLIS);
            stream(exchange, request.body().path("max_tokens").asInt(1), promptTokens(request), 0,
                    DECODE_STEP_MILLIS);
        } else {
            complete(exchange, "Paris", null, "{\"prompt_tokens\":" + promptTokens(request) + "}");
        }
    }

    /**
     * Prompt tokens as this server counts them: the GPT-2 tokens of every message, without a chat template (the
     * tokenizer benchy falls back to, so an honest run's counts agree with the server's).
     */
    static int promptTokens(Request request) {
        int tokens = 0;
        for (JsonNode message : request.body().path("messages")) {
            tokens += GPT2.count(message.path("content").asText(""));
        }
        return tokens;
    }

    private static final Gpt2Tokenizer GPT2 = new Gpt2Tokenizer();

    static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** A non-streaming answer; {@code usageJson} is put as is ("null" is allowed). */
    static void complete(HttpExchange exchange, String content, String reasoning, String usageJson)
            throws IOException {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant");
        if (content == null) {
            message.putNull("content");
        } else {
            message.put("content", content);
        }
        if (reasoning != null) {
            message.put("reasoning_content", reasoning);
        }
        String choice = "{\"index\":0,\"message\":" + message + ",\"finish_reason\":\"stop\"}";
        json(exchange, 200, "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[" + choice + "],\"usage\":"
                + usageJson + "}");
    }

    /**
     * A streaming answer: {@code tokens} events of one token each, {@code gapMillis} apart, then a usage event with
     * the prompt and cached token counts, then {@code [DONE]}.
     */
    static void stream(HttpExchange exchange, int tokens, int promptTokens, int cachedTokens, long gapMillis)
            throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (int i = 0; i < tokens; i++) {
            if (i > 0 && gapMillis > 0) {
                TimeUnit.MILLISECONDS.sleep(gapMillis);
            }
            event(out, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tok \"},\"token_ids\":[42]}]}");
        }
        event(out, "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}");
        event(out, "{\"choices\":[],\"usage\":{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":" + tokens
                + ",\"prompt_tokens_details\":{\"cached_tokens\":" + cachedTokens + "}}}");
        event(out, "[DONE]");
    }

    static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
