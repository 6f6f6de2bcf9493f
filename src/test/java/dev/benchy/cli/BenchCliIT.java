package dev.benchy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.benchy.JarRun;
import dev.benchy.JarRun.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged jar as a user runs it: {@code simulate} in one process, {@code bench} in another. Checks that bench's
 * stdout is the result alone (clean JSON), that it opens no HTTP port, and that the numbers it reports agree with
 * the simulator's configured speeds.
 */
class BenchCliIT {

    private static final Path JAR = JarRun.JAR;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Process simulator;
    private static int port;

    @BeforeAll
    static void startSimulator() throws Exception {
        simulator = new ProcessBuilder("java", "-jar", JAR.toString(), "simulate", "--port", "0",
                "--pp-speed", "2000", "--tg-speed", "50").redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(simulator.getInputStream(),
                StandardCharsets.UTF_8));
        Pattern serving = Pattern.compile("at http://127\\.0\\.0\\.1:(\\d+)/v1");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            Matcher m = serving.matcher(line);
            if (m.find()) {
                port = Integer.parseInt(m.group(1));
                break;
            }
        }
        assertTrue(port > 0, "the simulator did not say where it serves");
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(java.io.Writer.nullWriter());
            } catch (IOException ignored) {
                // the process ended
            }
        });
        drain.setDaemon(true);
        drain.start();
    }

    @AfterAll
    static void stopSimulator() throws InterruptedException {
        if (simulator != null) {
            simulator.destroy();
            simulator.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static Result bench(String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("bench",
                "--base-url", "http://127.0.0.1:" + port + "/v1", "--model", "benchy-sim",
                "--tokenizer", "builtin:gpt2", "--book-url", "builtin:generated", "--seed", "7"));
        args.addAll(List.of(flags));
        return JarRun.run(null, List.of(), args, 180);
    }

    @Test
    void jsonOnStdoutIsCleanValidAndTrue() throws Exception {
        JarRun.Result r;
        // hold the service's port: bench must not try to bind it
        try (ServerSocket held = new ServerSocket(8080)) {
            r = bench("--pp", "512", "--tg", "32", "--depth", "0", "1024", "--runs", "2", "--concurrency", "1", "2",
                    "--format", "json", "--save-total-throughput-timeseries", "--save-all-throughput-timeseries");
        }
        assertEquals(0, r.exit(), r.stderr());
        JsonNode report = JSON.readTree(r.stdout());
        assertEquals("benchy-sim", report.get("model").asText());
        validate(report, "/schemas/llama-benchy-0.3.6.schema.json");
        validate(report, null);
        JsonNode benchmarks = report.get("benchmarks");
        assertEquals(4, benchmarks.size());
        for (JsonNode run : benchmarks) {
            double tgReq = run.get("tg_req_throughput").get("mean").asDouble();
            assertTrue(Math.abs(tgReq - 50) <= 2.5, "tg t/s (req) " + tgReq + " not within 5 % of 50");
            if (run.get("context_size").asInt() == 0 && run.get("concurrency").asInt() == 1) {
                double pp = run.get("pp_throughput").get("mean").asDouble();
                assertTrue(Math.abs(pp - 2000) <= 200, "pp t/s " + pp + " not within 10 % of 2000");
            }
            if (run.get("concurrency").asInt() == 2) {
                double total = run.get("tg_throughput").get("mean").asDouble();
                assertTrue(total > 1.8 * tgReq && total < 2.2 * tgReq,
                        "tg total " + total + " is not about twice tg req " + tgReq);
            }
        }
    }

    @Test
    void markdownTableLikeLlamaBenchy() throws Exception {
        JarRun.Result r = bench("--pp", "256", "--tg", "16", "--runs", "1");
        assertEquals(0, r.exit(), r.stderr());
        assertTrue(r.stdout().startsWith("| model"), r.stdout());
        assertTrue(r.stdout().contains("|          pp256 |") || r.stdout().contains(" pp256 |"), r.stdout());
        assertTrue(r.stdout().contains(" tg16 |"), r.stdout());
        assertTrue(r.stdout().contains("latency mode: api"), r.stdout());
        assertTrue(r.stderr().contains("Running test: pp=256, tg=16, depth=0, concurrency=1"), r.stderr());
    }

    /**
     * Ctrl-C as a terminal sends it (SIGINT to the JVM), and SIGTERM as {@code timeout} and CI runners send it: the
     * completed test is written, exit code 1.
     */
    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void aStopSignalWritesTheCompletedTestsAndExitsOne(String signal) throws Exception {
        List<String> command = new ArrayList<>(List.of("java", "-jar", JAR.toString(), "bench",
                "--base-url", "http://127.0.0.1:" + port + "/v1", "--model", "benchy-sim",
                "--tokenizer", "builtin:gpt2", "--book-url", "builtin:generated", "--seed", "7",
                "--pp", "64", "128", "--tg", "30", "--runs", "3", "--latency-mode", "none"));
        Process bench = new ProcessBuilder(command).start();
        StringBuilder stderr = new StringBuilder();
        BufferedReader err = new BufferedReader(new InputStreamReader(bench.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = err.readLine()) != null) {
            stderr.append(line).append('\n');
            if (line.contains("[test 2/2") && line.contains("Run 1/3")) {
                break;
            }
        }
        assertTrue(stderr.toString().contains("[test 2/2"), stderr.toString());
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(bench.pid())).start().waitFor());
        byte[] stdout = JarRun.readAll(bench.getInputStream());
        java.io.StringWriter rest = new java.io.StringWriter();
        err.transferTo(rest);
        stderr.append(rest);
        assertTrue(bench.waitFor(60, TimeUnit.SECONDS), "bench did not stop");
        String out = new String(stdout, StandardCharsets.UTF_8);
        assertEquals(1, bench.exitValue(), stderr + out);
        assertTrue(stderr.toString().contains("[Interrupted/Failed] Saving partial results..."), stderr.toString());
        // the pp64 row, with its footnote markers when it carries a flag (a repeated --seed finds its prompts cached)
        assertTrue(out.matches("(?s).* pp64( \\[[0-9,]+])? \\|.*") && !out.contains("pp128"), out);
    }

    /**
     * A quiet run with a real (DJL) tokenizer prints nothing on stderr: DJL looked for a GPU and warned twice on a
     * machine whose CUDA runtime has no driver ("Failed to detect GPU count"), even with -q.
     */
    @Test
    void aQuietRunWithARealTokenizerPrintsNothingOnStderr() throws Exception {
        Result r = JarRun.run(null, List.of(), List.of("bench",
                "--base-url", "http://127.0.0.1:" + port + "/v1", "--model", "benchy-sim",
                "--tokenizer", "src/test/resources/tokenizer/tokenizer.json", "--book-url", "builtin:generated",
                "--pp", "64", "--tg", "8", "--runs", "1", "--latency-mode", "none", "-q"), 120);
        assertEquals(0, r.exit(), r.stderr());
        // the one line left is benchy's own flag: the fixture tokenizer is not the one the simulator counts with
        List<String> lines = r.stderr().lines().toList();
        assertEquals(1, lines.size(), r.stderr());
        assertTrue(lines.get(0).matches("Warning: pp64: the server counted \\d+ prompt tokens where 64 were meant"
                + " \\(.*\\): the tokenizer is not the server's, or the template differs"), r.stderr());
        assertTrue(r.stdout().matches("(?s).* pp64( \\[[0-9,]+])? \\|.*"), r.stdout());
    }

    @Test
    void badFlagIsOneLineAndExitTwo() throws Exception {
        JarRun.Result r = bench("--pp", "-5");
        assertEquals(2, r.exit(), r.stderr());
        assertTrue(r.stderr().contains("--pp") && r.stderr().contains("-5"), r.stderr());
        assertTrue(!r.stderr().contains("Exception"), r.stderr());
        assertEquals("", r.stdout());
    }

    @Test
    void unreachableServerExitsOne() throws Exception {
        JarRun.Result r;
        int free;
        try (ServerSocket s = new ServerSocket(0)) {
            free = s.getLocalPort();
        }
        Process bench = new ProcessBuilder("java", "-jar", JAR.toString(), "bench", "--base-url",
                "http://127.0.0.1:" + free + "/v1", "--model", "m", "--tokenizer", "builtin:gpt2",
                "--book-url", "builtin:generated", "--runs", "1").start();
        String err = new String(bench.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bench.waitFor(60, TimeUnit.SECONDS));
        r = new JarRun.Result(bench.exitValue(), new String(bench.getInputStream().readAllBytes()), err);
        assertEquals(1, r.exit(), r.stderr());
        assertTrue(r.stderr().contains("connection refused"), r.stderr());
    }

    private static void validate(JsonNode report, String resource) throws IOException {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        JsonSchema schema;
        if (resource == null) {
            schema = factory.getSchema(Files.newInputStream(Path.of("schemas/benchy-report.schema.json")));
        } else {
            schema = factory.getSchema(BenchCliIT.class.getResourceAsStream(resource));
        }
        var errors = schema.validate(report);
        assertTrue(errors.isEmpty(), (resource == null ? "benchy" : resource) + " schema: " + errors);
    }
}
