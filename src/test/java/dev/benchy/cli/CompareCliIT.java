package dev.benchy.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged jar's {@code compare}: a one-shot command that starts nothing of the service. It is run with the HTTP
 * port taken by another socket and in an empty folder: a service that started would fail on the port or leave its
 * report folder behind.
 */
class CompareCliIT {

    private static final Path JAR = Path.of(System.getProperty("benchy.jar", "target/quarkus-app/quarkus-run.jar"))
            .toAbsolutePath();
    private static final Path A = Path.of(CompareCommandTest.A).toAbsolutePath();
    private static final Path B = Path.of(CompareCommandTest.B).toAbsolutePath();

    private record Result(int exit, String stdout, String stderr) {
    }

    private static Result compare(Path workDir, String... args) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<String> command = new ArrayList<>(List.of("java", "-Dquarkus.http.host=127.0.0.1",
                    "-Dquarkus.http.port=" + taken.getLocalPort(), "-jar", JAR.toString(), "compare"));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).directory(workDir.toFile()).start();
            byte[][] streams = new byte[2][];
            Thread err = new Thread(() -> streams[1] = readAll(process.getErrorStream()));
            err.start();
            streams[0] = readAll(process.getInputStream());
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "compare did not finish");
            err.join();
            return new Result(process.exitValue(), new String(streams[0], StandardCharsets.UTF_8),
                    new String(streams[1], StandardCharsets.UTF_8));
        }
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    @Test
    void twoLlamaBenchyCompatibleReportsOnStdoutAndNothingElse(@TempDir Path dir) throws Exception {
        Result r = compare(dir, A.toString(), B.toString());
        assertEquals(0, r.exit(), r.stderr());
        assertTrue(r.stdout().startsWith("A: " + A + " (test)\nB: " + B + " (test)\n\n| test "), r.stdout());
        assertTrue(r.stdout().contains("| pp2048 (c2) | t/s (total)    | 1968.50 | 1722.44 |  -12.50% |  worse |"),
                r.stdout());
        assertFalse(r.stderr().contains("Listening on"), r.stderr());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "no report folder, no file at all");
        }
    }

    @Test
    void aGateForCi(@TempDir Path dir) throws Exception {
        Result r = compare(dir, "--fail-below", "10", "--format", "json", A.toString(), B.toString());
        assertEquals(1, r.exit(), r.stderr());
        assertTrue(r.stdout().startsWith("{"), r.stdout());
        assertTrue(r.stderr().contains("slower: pp2048 (c2) t/s (req) -12.50% (limit -10.00%)"), r.stderr());
    }
}
