package dev.benchy.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.benchy.core.plan.BenchmarkPlan;
import dev.benchy.core.plan.LatencyMode;
import dev.benchy.core.prompt.BookSource;
import dev.benchy.core.report.BenchmarkRun;
import dev.benchy.core.report.RunReport;
import dev.benchy.core.report.RunStatus;
import dev.benchy.core.run.RunListener;
import dev.benchy.tokenizer.TokenizerLoader;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * benchy against a server that shares none of its code: a few lines on the JDK's own HTTP server that wait a fixed
 * 300 ms before the first token and then send one token every 25 ms (40 t/s), without token ids, with usage at the
 * end, like a plain OpenAI-compatible server. What benchy reports must be those numbers.
 */
class IndependentServerTest {

    private static final long PREFILL_NANOS = 300_000_000L;
    private static final long TOKEN_NANOS = 25_000_000L;

    private static HttpServer server;
    private static Vertx vertx;

    @TempDir
    static Path cache;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/v1/models", e -> answer(e, 200, "application/json",
                "{\"object\":\"list\",\"data\":[{\"id\":\"indie\",\"object\":\"model\"}]}"));
        server.createContext("/v1/chat/completions", IndependentServerTest::complete);
        server.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop(0);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static void answer(HttpExchange e, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        e.getResponseHeaders().set("Content-Type", type);
        e.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = e.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void complete(HttpExchange e) throws IOException {
        String body = new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int maxTokens = Integer.parseInt(body.replaceAll("(?s).*\"max_tokens\":(\\d+).*", "$1"));
        boolean coherence = body.contains("capital of France");
        if (!body.contains("\"stream\":true")) {
            answer(e, 200, "application/json", "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                    + "\"content\":\"" + (coherence ? "Paris" : "ok") + "\"}}],\"usage\":{\"prompt_tokens\":"
                    + (body.length() / 5) + ",\"completion_tokens\":1}}");
            return;
        }
        long start = System.nanoTime();
        e.getResponseHeaders().set("Content-Type", "text/event-stream");
        e.sendResponseHeaders(200, 0);
        try (OutputStream out = e.getResponseBody()) {
            for (int i = 0; i < maxTokens; i++) {
                LockSupport.parkNanos(start + PREFILL_NANOS + i * TOKEN_NANOS - System.nanoTime());
                out.write(("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\" word\"}}]}\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            out.write(("data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}\n\n"
                    + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":" + maxTokens
                    + "}}\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void reportsTheServersKnownSpeeds() {
        BenchmarkPlan plan = new BenchmarkPlan(List.of(300), List.of(40), List.of(0), List.of(1, 2), 2,
                LatencyMode.API, false, false, true, true, true, Duration.ofSeconds(30), 3L);
        TargetDefinition target = new TargetDefinition("indie", "http://127.0.0.1:" + server.getAddress().getPort()
                + "/v1", "EMPTY", null, null, TokenizerLoader.BUILTIN_GPT2, BookSource.GENERATED_BOOK, plan, null,
                false, false, false);

        RunReport report = new TargetBenchmark(vertx, new PromptMaterial(cache), Clock.systemUTC(), "test")
                .run(target, RunListener.SILENT, null);

        assertEquals(RunStatus.OK, report.status(), report.error());
        assertEquals("indie", report.model());
        for (BenchmarkRun run : report.benchmarks()) {
            double tg = run.tgReqThroughput().mean();
            assertTrue(Math.abs(tg - 40) <= 2, "tg t/s (req) " + tg + " at c" + run.concurrency());
            double e2e = run.e2eTtft().mean();
            assertTrue(e2e >= 300 && e2e < 330, "e2e_ttft " + e2e + " ms at c" + run.concurrency());
        }
        BenchmarkRun c2 = report.benchmarks().get(1);
        assertTrue(Math.abs(c2.tgThroughput().mean() - 80) <= 4, "tg t/s (total) at c2 " + c2.tgThroughput());
    }
}
