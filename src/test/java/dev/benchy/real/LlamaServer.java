package dev.benchy.real;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real llama.cpp {@code llama-server} process, started for the tests on a free port of 127.0.0.1 and stopped after
 * them. Its whole log (at trace level, which names each task's prompt size and cache use) goes to a file that
 * {@link ServerLog} reads.
 */
final class LlamaServer implements AutoCloseable {

    /** Llama-2's byte-fallback tokens {@code <0x00>}…{@code <0xFF>}: never sampled (see {@link #command}). */
    static final int FIRST_BYTE_TOKEN = 3;
    static final int LAST_BYTE_TOKEN = 258;

    private static final Duration READY_WITHIN = Duration.ofSeconds(120);
    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LlamaServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the server and waits until {@code GET /health} answers 200. A port taken between choosing and binding it
     * is retried on another one.
     */
    static LlamaServer start(LlamaInstall install, Path log) throws IOException, InterruptedException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        IllegalStateException last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(command(install, port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            install.libraries().ifPresent(libs -> builder.environment().put("LD_LIBRARY_PATH", libs.toString()));
            LlamaServer server = new LlamaServer(builder.start(), port, log);
            try {
                server.awaitHealthy();
                return server;
            } catch (IllegalStateException e) {
                server.close();
                last = e;
            }
        }
        throw last;
    }

    /**
     * The command line: 4 slots of 4,096 tokens, {@code /metrics}, trace logging, one compute thread, and a logit
     * bias of −∞ for the byte-fallback tokens. Random weights would sample them into invalid UTF-8, which llama-server
     * answers with an HTTP 500 after the stream's tokens. One thread leaves the other core to benchy's client, whose
     * read stamps the tg band depends on; two threads spinning on both cores also slow down badly on a busy machine
     * (their barrier waits for a thread that is not scheduled). This build warns that {@code -l} is given more than
     * once, and still applies every one.
     */
    static List<String> command(LlamaInstall install, int port) {
        List<String> command = new ArrayList<>(List.of(install.server().toString(),
                "-m", install.model().toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--metrics", "-c", "16384", "-np", "4", "-t", "1", "--log-verbosity", "4"));
        for (int id = FIRST_BYTE_TOKEN; id <= LAST_BYTE_TOKEN; id++) {
            command.add("-l");
            command.add(id + "-inf");
        }
        return command;
    }

    private void awaitHealthy() throws InterruptedException {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("llama-server exited with " + process.exitValue()
                        + " before it was ready; its log ends:\n" + logTail());
            }
            try {
                if (get("/health").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("llama-server was not healthy within " + READY_WITHIN.toSeconds()
                + " s; its log ends:\n" + logTail());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(root() + path)).timeout(Duration.ofSeconds(10))
                .GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The OpenAI-compatible base URL, as a user gives it to benchy. */
    String baseUrl() {
        return root() + "/v1";
    }

    private String root() {
        return "http://127.0.0.1:" + port;
    }

    /** What the server has logged so far. */
    ServerLog log() {
        try {
            return ServerLog.parse(Files.readAllLines(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path logFile() {
        return log;
    }

    /** The {@code llamacpp:*} samples of {@code GET /metrics}, by name without the prefix. */
    Map<String, Double> metrics() {
        try {
            HttpResponse<String> response = get("/metrics");
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /metrics answered " + response.statusCode());
            }
            Map<String, Double> samples = new LinkedHashMap<>();
            for (String line : response.body().split("\n")) {
                if (line.startsWith("llamacpp:")) {
                    String[] parts = line.substring("llamacpp:".length()).trim().split("\\s+");
                    samples.put(parts[0], Double.parseDouble(parts[1]));
                }
            }
            return samples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
