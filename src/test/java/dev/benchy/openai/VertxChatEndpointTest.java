package dev.benchy.openai;

import dev.benchy.core.NanoClock;
import dev.benchy.core.run.ChatCompletion;
import dev.benchy.core.run.ServedModel;
import dev.benchy.core.stream.RequestTrace;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static dev.benchy.core.stream.RequestTrace.ABSENT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VertxChatEndpointTest {

    private static final String KEY = "sk-test-0123456789";
    private static final byte[] BODY = "{\"model\":\"m\",\"messages\":[],\"stream\":true}"
            .getBytes(StandardCharsets.UTF_8);

    private static Vertx vertx;
    private static HttpServer server;
    private static Context serverContext;
    private static volatile Handler<HttpServerRequest> handler;
    private static final AtomicReference<HttpServerRequest> lastRequest = new AtomicReference<>();
    private static final AtomicReference<MultiMap> lastHeaders = new AtomicReference<>();

    private final List<VertxChatEndpoint> endpoints = new ArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        vertx = Vertx.vertx();
        CompletableFuture<Context> context = new CompletableFuture<>();
        vertx.runOnContext(v -> context.complete(vertx.getOrCreateContext()));
        serverContext = context.get(5, TimeUnit.SECONDS);
        CompletableFuture<HttpServer> started = new CompletableFuture<>();
        serverContext.runOnContext(v -> vertx.createHttpServer()
                .requestHandler(request -> {
                    lastRequest.set(request);
                    lastHeaders.set(MultiMap.caseInsensitiveMultiMap().addAll(request.headers()));
                    handler.handle(request);
                })
                .listen(0, "127.0.0.1")
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        started.complete(ar.result());
                    } else {
                        started.completeExceptionally(ar.cause());
                    }
                }));
        server = started.get(5, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void closeEndpoints() {
        endpoints.forEach(VertxChatEndpoint::close);
    }

    private VertxChatEndpoint endpoint(String key, Duration timeout, NanoClock clock) {
        return endpoint("http://127.0.0.1:" + server.actualPort() + "/v1/", key, timeout, clock);
    }

    private VertxChatEndpoint endpoint(String url, EndpointAccess access) {
        VertxChatEndpoint endpoint = new VertxChatEndpoint(vertx, url, access, Duration.ofSeconds(10), 4,
                NanoClock.SYSTEM);
        endpoints.add(endpoint);
        return endpoint;
    }

    private VertxChatEndpoint endpoint(String url, String key, Duration timeout, NanoClock clock) {
        VertxChatEndpoint endpoint = new VertxChatEndpoint(vertx, url, key, timeout, 4, clock);
        endpoints.add(endpoint);
        return endpoint;
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    /**
     * A clock that advances 1000 ns per call. Calls 1 and 2 are the client's start stamps (just before the request is
     * written, then as it is flushed to the socket); on call k >= 3 (the stamp of read k - 2) it tells the server to
     * write piece k - 2 of its script, so that every piece is written only after the previous one was read: each
     * arrives in a read of its own, and the stamps are exact.
     */
    private static final class ScriptClock implements NanoClock {
        private final AtomicLong calls = new AtomicLong();
        private final List<String> pieces;
        private volatile HttpServerResponse response;

        ScriptClock(List<String> pieces) {
            this.pieces = pieces;
        }

        /** Starts the script over, for the next request. */
        void restart() {
            calls.set(0);
        }

        /** Serves the first piece; the rest follow the client's reads. */
        void serve(HttpServerRequest request) {
            response = request.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
            response.write(pieces.get(0));
        }

        @Override
        public long nanoTime() {
            long call = calls.incrementAndGet();
            int next = (int) call - 2;
            if (call >= 3 && next <= pieces.size()) {
                serverContext.runOnContext(v -> {
                    if (next < pieces.size()) {
                        response.write(pieces.get(next));
                    } else {
                        response.end();
                    }
                });
            }
            return call * 1000;
        }
    }

    @Test
    void eachReadIsStampedOnceAndAnEventSplitAcrossReadsGetsTheLastStamp() throws Exception {
        ScriptClock clock = new ScriptClock(List.of(
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n",
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"token_ids\":[9906]}]}\n\n",
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"l",
                "o\"},\"token_ids\":[75,78]}]}\n\n",
                "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
                        + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3}}\n\n"
                        + "data: [DONE]\n\n"));
        handler = clock::serve;

        RequestTrace trace = await(endpoint(KEY, Duration.ofSeconds(10), clock).stream(BODY));

        assertNull(trace.error());
        assertEquals(200, trace.httpStatus());
        // 1000 is the stamp just before the request is written; the start is when it is flushed to the socket
        assertEquals(2000, trace.startNanos());
        assertEquals(3000, trace.firstByteNanos());
        assertEquals(3000, trace.firstResponseNanos());
        assertEquals(4000, trace.firstTokenNanos());
        assertEquals(4000, trace.firstContentNanos());
        assertArrayEquals(new long[] {4000, 6000}, trace.eventNanos());
        assertArrayEquals(new int[] {1, 2}, trace.eventTokenIds());
        assertEquals("Hello", trace.text());
        assertEquals(9, trace.promptTokens());
        assertEquals(3, trace.completionTokens());
        assertEquals(8000, trace.endNanos(), "the end is stamped with the read that carried it");
    }

    @Test
    void everyRequestIsStampedAtTheSocketAlsoOnPooledConnections() throws Exception {
        ScriptClock clock = new ScriptClock(List.of(
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"token_ids\":[1]}]}\n\n",
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"!\"},\"token_ids\":[2]}]}\n\n",
                "data: [DONE]\n\n"));
        handler = clock::serve;
        VertxChatEndpoint endpoint = endpoint(KEY, Duration.ofSeconds(10), clock);

        // more requests than event loops, one after another, so the later ones reuse pooled connections: a request
        // must get a connection of its own event loop, or its stamps would be taken off the socket's thread
        for (int request = 1; request <= 12; request++) {
            clock.restart();
            RequestTrace trace = await(endpoint.stream(BODY));
            assertNull(trace.error(), "request " + request);
            assertEquals(2000, trace.startNanos(), "request " + request + " is stamped as it is flushed");
            assertEquals(3000, trace.firstResponseNanos(), "request " + request);
            assertArrayEquals(new long[] {3000, 4000}, trace.eventNanos(), "request " + request);
        }
    }

    @Test
    void theRequestCarriesTheKeyAndTheStreamingHeaders() throws Exception {
        AtomicReference<byte[]> received = new AtomicReference<>();
        handler = request -> request.body().onSuccess(body -> {
            received.set(body.getBytes());
            request.response().putHeader("Content-Type", "text/event-stream")
                    .end("data: {\"choices\":[{\"delta\":{\"content\":\"x\"},\"finish_reason\":\"length\"}]}\n\n");
        });

        RequestTrace trace = await(endpoint(KEY, Duration.ofSeconds(10), NanoClock.SYSTEM).stream(BODY));

        assertNull(trace.error(), "a finish_reason without [DONE] is complete");
        assertEquals("/v1/chat/completions", lastRequest.get().path());
        assertEquals("POST", lastRequest.get().method().name());
        MultiMap headers = lastHeaders.get();
        assertEquals("Bearer " + KEY, headers.get("Authorization"));
        assertEquals("application/json", headers.get("Content-Type"));
        assertEquals("text/event-stream", headers.get("Accept"));
        assertArrayEquals(BODY, received.get());
        assertTrue(trace.startNanos() < trace.firstByteNanos() && trace.firstByteNanos() <= trace.endNanos());
    }

    @Test
    void withoutAKeyTheBenchmarkRequestSendsBearerEmpty() throws Exception {
        handler = request -> request.response().end("data: {\"choices\":[{\"delta\":{\"content\":\"x\"}}]}\n\n"
                + "data: [DONE]\n\n");

        RequestTrace trace = await(endpoint(null, Duration.ofSeconds(10), NanoClock.SYSTEM).stream(BODY));

        assertNull(trace.error());
        assertEquals("Bearer EMPTY", lastHeaders.get().get("Authorization"));
    }

    @Test
    void aNon200StatusFailsWithTheStartOfTheBody() throws Exception {
        String body = "{\"error\":\"overloaded\"}" + "x".repeat(3000);
        handler = request -> request.response().setStatusCode(503).end(body);

        RequestTrace trace = await(endpoint(KEY, Duration.ofSeconds(10), NanoClock.SYSTEM).stream(BODY));

        assertEquals(503, trace.httpStatus());
        assertEquals("HTTP 503: " + body.substring(0, 2048), trace.error());
        assertFalse(trace.hasFirstResponse());
    }

    @Test
    void theKeyIsMaskedInErrors() throws Exception {
        handler = request -> request.response().setStatusCode(401)
                .end("invalid api key " + request.getHeader("Authorization"));
        VertxChatEndpoint endpoint = endpoint(KEY, Duration.ofSeconds(10), NanoClock.SYSTEM);

        RequestTrace trace = await(endpoint.stream(BODY));
        ChatCompletion completion = await(endpoint.complete(BODY));
        ExecutionException models = assertThrows(ExecutionException.class, () -> await(endpoint.models()));

        assertEquals("HTTP 401: invalid api key Bearer ***", trace.error());
        assertEquals("HTTP 401: invalid api key Bearer ***", completion.error());
        assertEquals(401, completion.httpStatus());
        assertEquals("GET " + endpoint.baseUrl() + "/models failed: HTTP 401: invalid api key Bearer ***",
                models.getCause().getMessage());
        assertFalse(endpoint.toString().contains(KEY));
    }

    @Test
    void everyHeaderValueIsMaskedInErrors() throws Exception {
        String org = "org-secret-7d2a";
        handler = request -> request.response().setStatusCode(401).end("refused: api-key=" + request.getHeader("api-key")
                + " X-Org=" + request.getHeader("X-Org") + " X-Debug=" + request.getHeader("X-Debug") + " (401)");
        EndpointAccess access = new EndpointAccess(KEY, "api-key", Map.of("X-Org", org, "X-Debug", "1"));
        VertxChatEndpoint endpoint = endpoint("http://127.0.0.1:" + server.actualPort() + "/v1", access);

        RequestTrace trace = await(endpoint.stream(BODY));
        ChatCompletion completion = await(endpoint.complete(BODY));
        ExecutionException models = assertThrows(ExecutionException.class, () -> await(endpoint.models()));

        assertEquals("HTTP 401: refused: api-key=*** X-Org=*** X-Debug=1 (401)", trace.error(),
                "values too short to be told from text (a status, a count) stay");
        assertEquals(trace.error(), completion.error());
        assertFalse(models.getCause().getMessage().contains(org) || models.getCause().getMessage().contains(KEY));
        assertFalse(endpoint.toString().contains(org));
        assertFalse(access.toString().contains(org) || access.toString().contains(KEY), access.toString());
    }

    @Test
    void theQueryGoesWithEveryCallAndTheKeyInItsOwnHeader() throws Exception {
        handler = request -> request.response().end(request.path().endsWith("/models") ? "{\"data\":[]}"
                : "data: {\"choices\":[{\"delta\":{\"content\":\"x\"}}]}\n\ndata: [DONE]\n\n");
        String url = "http://127.0.0.1:" + server.actualPort() + "/openai/deployments/gpt-4o?api-version=2024-10-21";
        VertxChatEndpoint endpoint = endpoint(url, new EndpointAccess(KEY, "api-key", Map.of("X-Org", "org-1")));

        assertNull(await(endpoint.stream(BODY)).error());
        assertEquals("/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21", lastRequest.get().uri());
        assertEquals(KEY, lastHeaders.get().get("api-key"));
        assertNull(lastHeaders.get().get("Authorization"));
        assertEquals("org-1", lastHeaders.get().get("X-Org"));
        await(endpoint.complete(BODY));
        assertEquals("/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21", lastRequest.get().uri());
        await(endpoint.probeModelsLatency());
        assertEquals("/openai/models?api-version=2024-10-21", lastRequest.get().uri(),
                "a deployment has no model list: the resource's is timed");
        assertEquals(url, endpoint.baseUrl());
        assertEquals("gpt-4o", endpoint.deployment());
    }

    @Test
    void aHeaderGivenForTheAuthHeaderIsSentInsteadOfTheMissingKey() throws Exception {
        handler = request -> request.response().end("data: {\"choices\":[{\"delta\":{\"content\":\"x\"}}]}\n\n"
                + "data: [DONE]\n\n");
        VertxChatEndpoint endpoint = endpoint("http://127.0.0.1:" + server.actualPort() + "/v1",
                new EndpointAccess(null, null, Map.of("Authorization", "Token abc-123")));

        assertNull(await(endpoint.stream(BODY)).error());

        assertEquals("Token abc-123", lastHeaders.get().get("Authorization"));
    }

    @Test
    void aClosedPortIsConnectionRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        VertxChatEndpoint endpoint = endpoint("http://127.0.0.1:" + port + "/v1", KEY, Duration.ofSeconds(5),
                NanoClock.SYSTEM);

        RequestTrace trace = await(endpoint.stream(BODY));
        ExecutionException models = assertThrows(ExecutionException.class, () -> await(endpoint.models()));
        ExecutionException probe = assertThrows(ExecutionException.class,
                () -> await(endpoint.probeModelsLatency()));

        assertEquals("connection refused: 127.0.0.1:" + port, trace.error());
        assertEquals(0, trace.httpStatus());
        assertEquals(trace.startNanos(), trace.endNanos());
        assertInstanceOf(EndpointException.class, models.getCause());
        assertEquals("GET http://127.0.0.1:" + port + "/v1/models failed: connection refused: 127.0.0.1:" + port,
                models.getCause().getMessage());
        assertEquals(models.getCause().getMessage(), probe.getCause().getMessage());
    }

    @Test
    void aStalledStreamTimesOutWithAnError() throws Exception {
        handler = request -> request.response().setChunked(true)
                .write("data: {\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}\n\n"
                        + "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n");
        long before = System.nanoTime();

        RequestTrace trace = await(endpoint(KEY, Duration.ofMillis(300), NanoClock.SYSTEM).stream(BODY));

        assertEquals("timed out after 300 ms (stalled after 1 content event)", trace.error());
        assertEquals(200, trace.httpStatus());
        assertTrue(trace.hasFirstToken());
        assertTrue(trace.endNanos() - before >= TimeUnit.MILLISECONDS.toNanos(300));
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        handler = request -> { };

        RequestTrace trace = await(endpoint(KEY, Duration.ofMillis(300), NanoClock.SYSTEM).stream(BODY));
        ChatCompletion completion = await(endpoint(KEY, Duration.ofMillis(300), NanoClock.SYSTEM).complete(BODY));

        assertEquals("timed out after 300 ms (stalled before the response head)", trace.error());
        assertEquals("timed out after 300 ms", completion.error());
    }

    @Test
    void aStreamCutWithoutDoneIsAnError() throws Exception {
        handler = request -> request.response()
                .end("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n");

        RequestTrace trace = await(endpoint(KEY, Duration.ofSeconds(10), NanoClock.SYSTEM).stream(BODY));

        assertEquals("stream ended without [DONE] after 1 event", trace.error());
        assertEquals(1, trace.contentEvents());
    }

    @Test
    void aConnectionClosedMidStreamIsAnError() throws Exception {
        handler = request -> {
            request.response().setChunked(true)
                    .write("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n");
            vertx.setTimer(50, id -> request.connection().close());
        };

        RequestTrace trace = await(endpoint(KEY, Duration.ofSeconds(10), NanoClock.SYSTEM).stream(BODY));

        assertEquals("connection closed by 127.0.0.1:" + server.actualPort() + " (after 1 content event)",
                trace.error());
    }

    @Test
    void concurrentStreamsAllComplete() throws Exception {
        handler = request -> request.response().setChunked(true)
                .write("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n")
                .compose(v -> request.response().end("data: [DONE]\n\n"));
        VertxChatEndpoint endpoint = endpoint(KEY, Duration.ofSeconds(10), NanoClock.SYSTEM);

        List<CompletableFuture<RequestTrace>> traces = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            traces.add(endpoint.stream(BODY));
        }

        for (CompletableFuture<RequestTrace> trace : traces) {
            assertNull(await(trace).error());
            assertEquals("a", await(trace).text());
        }
    }

    @Test
    void completeReadsContentReasoningAndPromptTokens() throws Exception {
        handler = request -> request.response().putHeader("Content-Type", "application/json")
                .end("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Paris\","
                        + "\"reasoning_content\":\"The capital\"}}],\"usage\":{\"prompt_tokens\":21}}");
        VertxChatEndpoint endpoint = endpoint(KEY, Duration.ofSeconds(10), NanoClock.SYSTEM);

        ChatCompletion completion = await(endpoint.complete(BODY));

        assertEquals(new ChatCompletion(200, "Paris", "The capital", 21, true, null), completion);
        assertEquals("application/json", lastHeaders.get().get("Accept"));

        handler = request -> request.response()
                .end("{\"choices\":[{\"message\":{\"content\":null,\"reasoning\":\"hm\"}}],\"usage\":null}");
        assertEquals(new ChatCompletion(200, "", "hm", ABSENT, true, null), await(endpoint.complete(BODY)));

        handler = request -> request.response().end("{\"choices\":[]}");
        assertEquals(new ChatCompletion(200, "", "", ABSENT, false, null), await(endpoint.complete(BODY)));

        handler = request -> request.response().end("<html>");
        ChatCompletion broken = await(endpoint.complete(BODY));
        assertEquals(200, broken.httpStatus());
        assertTrue(broken.error().startsWith("unparseable response body: "), broken.error());
    }

    @Test
    void modelsInOpenAiStyleWithoutAuthorizationForTheEmptyKey() throws Exception {
        handler = request -> request.response().end("{\"object\":\"list\",\"data\":["
                + "{\"id\":\"qwen\",\"object\":\"model\",\"root\":\"Qwen/Qwen3-8B\"},{\"id\":\"plain\",\"root\":null}]}");

        List<ServedModel> models = await(endpoint("EMPTY", Duration.ofSeconds(10), NanoClock.SYSTEM).models());

        assertEquals(List.of(new ServedModel("qwen", "Qwen/Qwen3-8B"), new ServedModel("plain", null)), models);
        assertEquals("/v1/models", lastRequest.get().path());
        assertNull(lastHeaders.get().get("Authorization"));
    }

    @Test
    void modelsInOllamaStyleWithAuthorizationForARealKey() throws Exception {
        handler = request -> request.response().end("{\"models\":[{\"name\":\"llama3:8b\",\"model\":\"llama3:8b\"},"
                + "{\"id\":\"gemma\"},{\"size\":1}]}");

        List<ServedModel> models = await(endpoint(KEY, Duration.ofSeconds(10), NanoClock.SYSTEM).models());

        assertEquals(List.of(new ServedModel("llama3:8b", null), new ServedModel("gemma", null)), models);
        assertEquals("Bearer " + KEY, lastHeaders.get().get("Authorization"));
    }

    @Test
    void aModelListWithoutAListFails() throws Exception {
        handler = request -> request.response().end("{\"object\":\"list\"}");
        VertxChatEndpoint endpoint = endpoint(KEY, Duration.ofSeconds(10), NanoClock.SYSTEM);

        ExecutionException e = assertThrows(ExecutionException.class, () -> await(endpoint.models()));

        assertEquals("GET " + endpoint.baseUrl() + "/models failed: the model list must have a \"data\" or "
                + "\"models\" array, but had neither", e.getCause().getMessage());
    }

    @Test
    void probeLatencyRunsFromJustBeforeTheRequestToTheResponseHead() throws Exception {
        handler = request -> request.response().end("{\"data\":[]}");
        AtomicLong ticks = new AtomicLong();

        long latency = await(endpoint(KEY, Duration.ofSeconds(10), () -> ticks.addAndGet(1_000))
                .probeModelsLatency());
        long real = await(endpoint(KEY, Duration.ofSeconds(10), NanoClock.SYSTEM).probeModelsLatency());

        assertEquals(1_000, latency);
        assertTrue(real > 0, "a real probe takes time: " + real);
        assertEquals("Bearer " + KEY, lastHeaders.get().get("Authorization"));
        assertEquals("/v1/models", lastRequest.get().path());
    }

    @Test
    void aFailedProbeNamesTheStatus() throws Exception {
        handler = request -> request.response().setStatusCode(404).end("not found");
        VertxChatEndpoint endpoint = endpoint(KEY, Duration.ofSeconds(10), NanoClock.SYSTEM);

        ExecutionException e = assertThrows(ExecutionException.class, () -> await(endpoint.probeModelsLatency()));

        assertEquals("GET " + endpoint.baseUrl() + "/models failed: HTTP 404: not found", e.getCause().getMessage());
    }

    @Test
    void theBaseUrlIsNormalisedAndValidated() {
        assertEquals("http://127.0.0.1:8000/v1",
                endpoint("http://127.0.0.1:8000/v1//", KEY, Duration.ofSeconds(1), NanoClock.SYSTEM).baseUrl());

        IllegalArgumentException scheme = assertThrows(IllegalArgumentException.class,
                () -> endpoint("ftp://host/v1", KEY, Duration.ofSeconds(1), NanoClock.SYSTEM));
        assertEquals("base URL must be http(s)://host[:port][/path][?query], but was ftp://host/v1",
                scheme.getMessage());
        IllegalArgumentException credentials = assertThrows(IllegalArgumentException.class,
                () -> endpoint("http://user:pw@host/v1", KEY, Duration.ofSeconds(1), NanoClock.SYSTEM));
        assertFalse(credentials.getMessage().contains("pw"));
        IllegalArgumentException timeout = assertThrows(IllegalArgumentException.class,
                () -> endpoint("http://host/v1", KEY, Duration.ZERO, NanoClock.SYSTEM));
        assertEquals("request timeout must be at least 1 ms, but was PT0S", timeout.getMessage());
        IllegalArgumentException pool = assertThrows(IllegalArgumentException.class,
                () -> new VertxChatEndpoint(vertx, "http://host/v1", KEY, Duration.ofSeconds(1), 0, NanoClock.SYSTEM));
        assertEquals("max connections must be at least 1, but was 0", pool.getMessage());
    }

    @Test
    void aClosedEndpointFailsAtOnce() throws Exception {
        VertxChatEndpoint endpoint = endpoint(KEY, Duration.ofSeconds(10), NanoClock.SYSTEM);
        endpoint.close();

        RequestTrace trace = await(endpoint.stream(BODY));

        assertEquals("endpoint " + endpoint.baseUrl() + " is closed", trace.error());
    }
}
