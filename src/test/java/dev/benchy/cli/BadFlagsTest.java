package dev.benchy.cli;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every wrong flag value of {@code bench} (and the other commands) is refused before anything runs: a line naming
 * the flag and the value, at most a hint to try --help, no stack trace, exit code 2. The command line is built as
 * the jar builds it ({@link BenchyCommand#commandLine}).
 */
class BadFlagsTest {

    private static final String URL = "--base-url=http://127.0.0.1:9/v1";
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static Stream<Arguments> wrongValues() {
        return Stream.of(
                Arguments.of(List.of("bench", "--model", "m"),
                        "benchy bench: Missing required option: '--base-url=URL'"),
                Arguments.of(List.of("bench", "--base-url", "localhost:8000/v1"),
                        "benchy bench: --base-url: base URL must be http(s)://host[:port][/path][?query], but"
                                + " was localhost:8000/v1"),
                Arguments.of(List.of("bench", URL, "--pp", "abc"),
                        "benchy bench: Invalid value for option '--pp' at index 0 (N): 'abc' is not an int"),
                Arguments.of(List.of("bench", URL, "--pp", "512", "0"),
                        "benchy bench: --pp values must be 1 or more, but was 0"),
                Arguments.of(List.of("bench", URL, "--tg", "-1"),
                        "benchy bench: --tg values must be 1 or more, but was -1"),
                Arguments.of(List.of("bench", URL, "--depth", "-4096"),
                        "benchy bench: --depth values must be 0 or more, but was -4096"),
                Arguments.of(List.of("bench", URL, "--concurrency", "0"),
                        "benchy bench: --concurrency values must be 1 or more, but was 0"),
                Arguments.of(List.of("bench", URL, "--runs", "0"), "benchy bench: --runs must be 1 or more, but was 0"),
                Arguments.of(List.of("bench", URL, "--runs", "three"),
                        "benchy bench: Invalid value for option '--runs': 'three' is not an int"),
                Arguments.of(List.of("bench", URL, "--latency-mode", "fast"),
                        "benchy bench: --latency-mode: latency mode must be one of api, generation, none, but was"
                                + " fast"),
                Arguments.of(List.of("bench", URL, "--timeout", "0"),
                        "benchy bench: --timeout must be a positive number of seconds, but was 0.0"),
                Arguments.of(List.of("bench", URL, "--timeout", "soon"),
                        "benchy bench: Invalid value for option '--timeout': 'soon' is not a double"),
                Arguments.of(List.of("bench", URL, "--format", "xml"),
                        "benchy bench: --format must be one of md, json, csv, html, but was xml"),
                Arguments.of(List.of("bench", URL, "--seed", "x"),
                        "benchy bench: Invalid value for option '--seed': 'x' is not a long"),
                Arguments.of(List.of("bench", URL, "--no-such-flag"), "benchy bench: Unknown option: '--no-such-flag'"),
                Arguments.of(List.of("bench", URL, "--slo", "ttfr=abc"),
                        "benchy bench: --slo: ttfr: must be a duration such as 500ms or 2s, but was abc"),
                Arguments.of(List.of("bench", URL, "--slo", "tg-min=40,ttft=1s"),
                        "benchy bench: --slo: each limit must be NAME=VALUE with NAME one of ttfr, e2e-ttft, pp-min,"
                                + " tg-min, error-rate, but was 'ttft=1s'"),
                Arguments.of(List.of("bench", URL, "--slo", "error-rate=5"),
                        "benchy bench: --slo: error-rate: must be a fraction from 0 to 1 or a percentage such as 1%,"
                                + " but was 5"),
                Arguments.of(List.of("bench", URL, "--slo-file", "target/no-such-slo.yaml"),
                        "benchy bench: --slo-file target/no-such-slo.yaml: must be a readable file, but was not"
                                + " (no such file)"),
                Arguments.of(List.of("simulate", "--port", "-1"),
                        "benchy simulate: --port must be 0 (any free port) to 65535, but was -1"),
                Arguments.of(List.of("simulate", "--tg-speed", "fast"),
                        "benchy simulate: Invalid value for option '--tg-speed': 'fast' is not a double"),
                Arguments.of(List.of("nonsense"), "benchy: Unmatched argument at index 0: 'nonsense'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongValues")
    void aWrongValueIsOneLineAndExitCode2(List<String> args, String expected) {
        Result result = run(args);

        assertEquals(2, result.exit, () -> "stderr: " + result.stderr);
        assertEquals(expected, result.lines().get(0), () -> "stderr: " + result.stderr);
        assertTrue(result.lines().size() <= 2, () -> "one line and a hint at most: " + result.stderr);
        if (result.lines().size() == 2) {
            assertTrue(result.lines().get(1).startsWith("Try 'benchy "), result.stderr);
        }
        assertFalse(result.stderr.contains("Exception") || result.stderr.contains("\tat "), result.stderr);
        assertEquals("", result.stdout);
    }

    private record Result(int exit, String stdout, String stderr) {
        List<String> lines() {
            return stderr.lines().toList();
        }
    }

    /** Runs the command line in-process, catching both picocli's writer and System.err/out (the commands' own). */
    private static Result run(List<String> args) {
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        ByteArrayOutputStream sysErr = new ByteArrayOutputStream();
        ByteArrayOutputStream sysOut = new ByteArrayOutputStream();
        PrintStream oldErr = System.err;
        PrintStream oldOut = System.out;
        int exit;
        try {
            System.setErr(new PrintStream(sysErr, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(sysOut, true, StandardCharsets.UTF_8));
            CommandLine commandLine = BenchyCommand.commandLine(new Factory());
            commandLine.setErr(new PrintWriter(err, true));
            commandLine.setOut(new PrintWriter(out, true));
            exit = commandLine.execute(args.toArray(String[]::new));
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
        }
        return new Result(exit, out + sysOut.toString(StandardCharsets.UTF_8),
                err + sysErr.toString(StandardCharsets.UTF_8));
    }

    /** Builds the commands as Quarkus would, without Quarkus; nothing in these cases may reach the service. */
    private static final class Factory implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            List<Object> made = new ArrayList<>();
            if (cls == BenchyCommand.class) {
                made.add(new BenchyCommand(null));
            } else if (cls == BenchCommand.class) {
                made.add(new BenchCommand(vertx));
            } else if (cls == SimulateCommand.class) {
                made.add(new SimulateCommand(vertx));
            } else if (cls == CheckConfigCommand.class) {
                made.add(new CheckConfigCommand(null));
            }
            return made.isEmpty() ? CommandLine.defaultFactory().create(cls) : cls.cast(made.get(0));
        }
    }
}
