package dev.benchy.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Runs the service until it is stopped (the default command). */
@Dependent
@Unremovable
@Command(name = ServeCommand.NAME, mixinStandardHelpOptions = true, versionProvider = BenchyVersion.class,
        description = {"Runs the service (the default): benchmarks every configured target on its schedule,"
                + " publishes Prometheus gauges at /q/metrics and serves reports at /api/reports.",
                "With no target configured it benchmarks its built-in simulator (served at /simulator/v1).",
                "Configuration: application.yaml/properties, -Dbenchy.… or BENCHY_… environment variables;"
                        + " see docs/CONFIGURATION.md."})
public final class ServeCommand implements Callable<Integer> {

    static final String NAME = "serve";

    @Override
    public Integer call() {
        Quarkus.waitForExit();
        return 0;
    }
}
