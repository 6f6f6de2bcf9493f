package dev.benchy.cli;

import dev.benchy.JarRun;
import dev.benchy.JarRun.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged jar started as a user starts it, in a fresh working directory: help and usage errors are answered
 * before anything starts (no port, no reports folder), and a start-up that fails says what and where in one line,
 * never a stack trace.
 */
class StartupIT {

    @TempDir
    Path dir;

    /** The jar in {@code dir}, its service bound to 127.0.0.1:{@code port}. */
    private Result run(int port, String... args) throws Exception {
        return run(port, List.of(), args);
    }

    /** As {@link #run(int, String...)}, with system properties. */
    private Result run(int port, List<String> properties, String... args) throws Exception {
        List<String> jvm = new ArrayList<>(List.of("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port));
        jvm.addAll(properties);
        return JarRun.run(dir, jvm, List.of(args), 60);
    }

    /** Even with the service's port taken, help and usage errors are answered, and nothing is created. */
    @Test
    void helpAndUsageErrorsStartNothing() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            Result help = run(port, "serve", "--help");
            assertEquals(0, help.exit(), help.stderr());
            assertTrue(help.stdout().startsWith("Usage: benchy serve [-hV]"), help.stdout());
            assertEquals("", help.stderr());

            Result bogus = run(port, "serve", "--bogus");
            assertEquals(2, bogus.exit(), bogus.stderr());
            assertEquals(List.of("benchy serve: Unknown option: '--bogus'", "Try 'benchy serve --help'."),
                    bogus.errLines());
            assertEquals("", bogus.stdout());

            Result unknown = run(port, "frobnicate");
            assertEquals(2, unknown.exit(), unknown.stderr());
            assertEquals(List.of("benchy: Unmatched argument at index 0: 'frobnicate'", "Try 'benchy --help'."),
                    unknown.errLines());
            assertEquals("", unknown.stdout());

            Result helpCommand = run(port, "help", "bench");
            assertEquals(0, helpCommand.exit(), helpCommand.stderr());
            assertTrue(helpCommand.stdout().startsWith("Usage: benchy bench"), helpCommand.stdout());
            assertTrue(helpCommand.stdout().contains("builtin:gpt2")
                    && helpCommand.stdout().contains("builtin:generated"), helpCommand.stdout());

            Result version = run(port, "serve", "--version");
            assertEquals(0, version.exit(), version.stderr());
            assertTrue(version.stdout().startsWith("benchy "), version.stdout());
        }
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "no reports folder, no file of any kind");
        }
    }

    @Test
    void aBusyPortIsNamedWithTheSettingThatChangesIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            Result r = run(port);

            assertEquals(1, r.exit(), r.stderr());
            assertEquals(List.of("benchy could not start: port " + port
                    + " is in use (set quarkus.http.port or QUARKUS_HTTP_PORT)"), r.errLines());
        }
    }

    @Test
    void aReportsFolderThatCannotBeWrittenIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");

        Result r = run(freePort(), List.of("-Dbenchy.reports.dir=" + file));
        Result fileAsParent = run(freePort(), List.of("-Dbenchy.reports.dir=" + file.resolve("reports")));

        assertEquals(1, r.exit(), r.stderr());
        assertEquals(List.of("benchy could not start: benchy.reports.dir: must be a writable directory, but " + file
                + " is a file"), r.errLines());
        assertEquals(1, fileAsParent.exit(), fileAsParent.stderr());
        assertEquals(List.of("benchy could not start: benchy.reports.dir: must be a writable directory, but "
                + file.resolve("reports") + " cannot be created: " + file + " is a file"), fileAsParent.errLines());
    }

    @Test
    void aBrokenYamlFileIsNamedByFileAndLine() throws Exception {
        Path config = Files.createDirectories(dir.resolve("config")).resolve("application.yaml");
        Files.writeString(config, "benchy:\n  targets:\n    vllm:\n      base-url: http://vllm:8000/v1\n"
                + "      plan:\n        pp: [512, 2048\n      schedule: 15m\n");

        Result r = run(freePort());

        assertEquals(1, r.exit(), r.stderr());
        assertEquals(List.of("benchy could not start: config/application.yaml line 7: not valid YAML: expected ','"
                + " or ']', but got : (while parsing a flow sequence from line 6)"), r.errLines());
    }

    /** A root key typo used to leave the service benchmarking its simulator, as if nothing were configured. */
    @Test
    void aMistypedRootKeyStopsTheService() throws Exception {
        Path config = Files.createDirectories(dir.resolve("config")).resolve("application.yaml");
        Files.writeString(config, "benchi:\n  targets:\n    vllm:\n      base-url: http://vllm:8000/v1\n");

        Result r = run(freePort());

        assertEquals(1, r.exit(), r.stderr());
        assertEquals(List.of("benchy could not start: config/application.yaml line 1: benchi is not a key benchy"
                + " knows; did you mean benchy?"), r.errLines());
        assertFalse(Files.exists(dir.resolve("data")), "no reports folder for a service that did not start");
    }

    @Test
    void allTheConfigurationsProblemsComeAtOnceOneLineEach() throws Exception {
        Path config = Files.createDirectories(dir.resolve("config")).resolve("application.yaml");
        Files.writeString(config, "benchy:\n  targets:\n    vllm:\n      base-url: http://vllm:8000/v1\n"
                + "      schedule: 15 minutes\n      plan:\n        runs: abc\n        pp: [0]\n");

        Result r = run(freePort());

        assertEquals(1, r.exit(), r.stderr());
        assertEquals(List.of("benchy could not start: 3 problems in the configuration:",
                "  - benchy.targets.vllm.schedule: must be a duration such as 30s, 15m, 1h or 1h30m, but was"
                        + " 15 minutes",
                "  - benchy.targets.vllm.plan.pp: values must be 1 or more, but was 0",
                "  - benchy.targets.vllm.plan.runs: must be a whole number, but was abc"), r.errLines());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
