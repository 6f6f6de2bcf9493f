package dev.benchy.faults;

import dev.benchy.JarRun;
import dev.benchy.JarRun.Result;
import dev.benchy.faults.FaultServer.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged jar: {@code check-config FILE} exits 0 or 1 with every problem named (like blackbox_exporter's
 * {@code --config.check}), and SIGTERM in the middle of a run leaves the run stored as cancelled, whole.
 */
class ReliabilityIT {

    private static final Path JAR = JarRun.JAR;
    private static final Path CONFIGS = Path.of("src/test/resources/config");

    @TempDir
    Path dir;

    private static Result run(List<String> args) throws Exception {
        return JarRun.run(args);
    }

    @Test
    void checkConfigNamesEveryProblemAndExitsOne() throws Exception {
        JarRun.Result r = run(List.of("check-config", CONFIGS.resolve("invalid-several.yaml").toString()));

        assertEquals(1, r.exit(), r.stderr());
        assertEquals(List.of("Invalid benchy configuration:",
                "  - benchy.targets.llama.base-url: must be an http(s) URL with a host, such as http://vllm:8000/v1,"
                        + " but was 'ftp://llama:8080/v1'",
                "  - benchy.targets.llama.deadline: must be at least 1s, but was 0s",
                "  - benchy.targets.vllm.plan.pp: values must be 1 or more, but was 0",
                "  - benchy.targets.vllm.plan.tg: values must be 1 or more, but was 0"),
                r.stderr().lines().filter(l -> !l.isBlank()).toList());
        assertEquals("", r.stdout());
    }

    @Test
    void checkConfigRefusesDuplicateTargetsAndUnknownKeysWithoutAStackTrace() throws Exception {
        JarRun.Result duplicate = run(List.of("check-config",
                CONFIGS.resolve("invalid-duplicate-names.yaml").toString()));
        assertEquals(1, duplicate.exit(), duplicate.stderr());
        assertTrue(duplicate.stderr().contains("invalid-duplicate-names.yaml line 5: found duplicate key vllm"),
                duplicate.stderr());

        JarRun.Result unknown = run(List.of("check-config", CONFIGS.resolve("invalid-unknown-key.yaml").toString()));
        assertEquals(1, unknown.exit(), unknown.stderr());
        assertTrue(unknown.stderr().contains("  - benchy.targets.vllm.plan.prompt-size: unknown key;"
                + " benchy.targets.vllm.plan takes adapt-prompt,"), unknown.stderr());
        for (Result r : List.of(duplicate, unknown)) {
            assertFalse(r.stderr().contains("\tat ") || r.stderr().contains("Caused by"), r.stderr());
        }
    }

    /** As blackbox_exporter's --config.check: what is not a benchy configuration is refused with the reason. */
    @Test
    void checkConfigRefusesWhatIsNotAConfiguration() throws Exception {
        Path passwd = Files.writeString(dir.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        Path list = Files.writeString(dir.resolve("list.yaml"), "- benchy\n- targets\n");
        Path typo = Files.writeString(dir.resolve("typo.yaml"), "benchi:\n  targets:\n    vllm:\n"
                + "      base-url: http://vllm:8000/v1\n");

        assertEquals(List.of("Invalid benchy configuration:", "  - " + passwd + ": must be a YAML (.yaml, .yml) or"
                + " properties (.properties) file, but was passwd (benchy would not read it)"), refused(passwd));
        assertEquals(List.of("Invalid benchy configuration:", "  - " + list + " line 1: must be a mapping of"
                + " settings (benchy: …), but was a list"), refused(list));
        assertEquals(List.of("Invalid benchy configuration:", "  - " + typo + " line 1: benchi is not a key benchy"
                + " knows; did you mean benchy?"), refused(typo));
    }

    private static List<String> refused(Path file) throws Exception {
        Result r = run(List.of("check-config", file.toString()));
        assertEquals(1, r.exit(), r.stderr());
        assertEquals("", r.stdout());
        return r.stderr().lines().toList();
    }

    @Test
    void checkConfigAcceptsAValidFile() throws Exception {
        Path valid = dir.resolve("valid.yaml");
        Files.writeString(valid, "benchy:\n  targets:\n    vllm:\n      base-url: http://vllm:8000/v1\n"
                + "      api-key: sk-never-printed\n      plan:\n        pp: [512]\n");

        JarRun.Result r = run(List.of("check-config", valid.toString()));

        assertEquals(0, r.exit(), r.stderr());
        assertEquals(valid + ": valid; 1 target: vllm", r.stdout().strip());
        assertFalse((r.stdout() + r.stderr()).contains("sk-never-printed"));
    }

    @Test
    void sigtermMidRunStoresTheRunAsCancelled() throws Exception {
        Path reports = dir.resolve("reports");
        try (FaultServer server = new FaultServer()) {
            server.fault(Fault.STALL_AFTER_TOKENS);
            Path config = dir.resolve("application.yaml");
            Files.writeString(config, "benchy:\n  targets:\n    stalling:\n      base-url: " + server.baseUrl() + "\n"
                    + "      model: fault-model\n      tokenizer: builtin:gpt2\n      book-url: builtin:generated\n"
                    + "      schedule: 1h\n      plan:\n        pp: [64]\n        tg: [8]\n        concurrency: [2]\n"
                    + "        runs: 1\n        warmup: false\n        adapt-prompt: false\n        coherence: false\n"
                    + "        latency-mode: none\n        timeout: 5m\n  reports:\n    dir: " + reports + "\n");
            Process service = new ProcessBuilder("java", "-Dquarkus.http.host=127.0.0.1",
                    "-Dquarkus.http.port=" + freePort(),
                    "-Dquarkus.config.locations=" + config, "-jar", JAR.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("service.log").toFile()).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (server.openConnections() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertEquals(2, server.openConnections(), () -> "the run's requests stall on the server; log: "
                        + log(dir));

                service.destroy(); // SIGTERM
                assertTrue(service.waitFor(30, TimeUnit.SECONDS), "the service did not stop within 30 s");
            } finally {
                service.destroyForcibly();
            }
            try (Stream<Path> files = Files.list(reports)) {
                List<Path> all = files.toList();
                assertEquals(1, all.size(), () -> "one report and nothing else (no .tmp): " + all);
                String report = Files.readString(all.get(0));
                assertTrue(report.contains("\"status\": \"cancelled\""), report);
                assertTrue(all.get(0).getFileName().toString().startsWith("stalling-"), all.toString());
            }
            assertEquals(0, server.awaitNoOpenConnections(5_000));
        }
    }

    private static String log(Path dir) {
        try {
            return Files.readString(dir.resolve("service.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
