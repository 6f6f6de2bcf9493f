package dev.benchy.cli;

import dev.benchy.service.config.InvalidConfigException;
import io.smallrye.config.ConfigValidationException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a failed start says, found by type in the chain Quarkus wraps it in. */
class StartupFailureTest {

    private static RuntimeException quarkus(Throwable cause) {
        return new RuntimeException("Failed to start quarkus", cause);
    }

    @Test
    void aBusyPortNamesThePortAndTheSetting() {
        // as Vert.x' native transport reports it, wrapped by the HTTP recorder and then by Quarkus
        Throwable failure = quarkus(new RuntimeException("Unable to start HTTP server", new ExecutionException(
                new IOException("bind(..) failed with error(-98): Address already in use"))));

        assertEquals(List.of("port 8080 is in use (set quarkus.http.port or QUARKUS_HTTP_PORT)"),
                StartupFailure.problems(failure, 8080));
        assertEquals(List.of("benchy could not start: port 8080 is in use (set quarkus.http.port or"
                + " QUARKUS_HTTP_PORT)"), StartupFailure.lines(StartupFailure.problems(failure, 8080)));
    }

    @Test
    void anInvalidConfigurationIsFoundByItsTypeAndListedOneProblemALine() {
        Throwable failure = quarkus(new IllegalStateException("observer failed",
                new InvalidConfigException(List.of("benchy.reports.keep: must be 1 or more, but was 0",
                        "benchy.targets.vllm.plan.runs: must be a whole number, but was abc"))));

        assertEquals(List.of("benchy could not start: 2 problems in the configuration:",
                "  - benchy.reports.keep: must be 1 or more, but was 0",
                "  - benchy.targets.vllm.plan.runs: must be a whole number, but was abc"),
                StartupFailure.lines(StartupFailure.problems(failure, 8080)));
    }

    @Test
    void theRuntimesOwnSettingsAreSaidInBenchysWordsToo() {
        Throwable failure = quarkus(new ConfigValidationException(new ConfigValidationException.Problem[]{
                new ConfigValidationException.Problem("java.lang.IllegalArgumentException: SRCFG00039: The config"
                        + " property quarkus.http.port with the config value \"abc\" threw an Exception whilst being"
                        + " converted SRCFG00029: Expected an integer value, got \"abc\"")}));

        assertEquals(List.of("quarkus.http.port: must be a whole number, but was abc"),
                StartupFailure.problems(failure, null));
    }

    @Test
    void anythingElseSaysItsInnermostMeaningfulMessage() {
        Throwable failure = quarkus(new UncheckedIOException("Report folder /data/reports cannot be used: disk full",
                new NoSuchFileException("/data/reports")));

        assertEquals(List.of("Report folder /data/reports cannot be used: disk full"),
                StartupFailure.problems(failure, 8080));
        assertEquals(List.of("ExceptionInInitializerError"),
                StartupFailure.problems(new ExceptionInInitializerError(), null));
    }
}
