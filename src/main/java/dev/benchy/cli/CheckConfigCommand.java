package dev.benchy.cli;

import dev.benchy.service.config.BenchyConfig;
import dev.benchy.service.config.InvalidConfigException;
import dev.benchy.service.config.ScheduledTarget;
import dev.benchy.service.config.ServiceConfig;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code check-config [FILE]}: validates a service configuration without starting the service, like
 * Prometheus' {@code --config.check}. The file (YAML or properties) is read as the service would read it, together
 * with the environment; a key benchy does not know, a value of the wrong type or a value out of range fails it.
 */
@Dependent
@Unremovable
@Command(name = CheckConfigCommand.NAME, mixinStandardHelpOptions = true, versionProvider = BenchyVersion.class,
        description = {"Validates a service configuration and exits: 0 when it is valid, 1 when not (each problem"
                + " named by key and value).",
                "Without FILE it checks what the service would read: config/application.yaml or"
                        + " .properties in the working directory, system properties and BENCHY_… variables."})
public final class CheckConfigCommand implements Callable<Integer> {

    static final String NAME = "check-config";

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "A YAML (.yaml/.yml) or properties file to check.")
    String file;

    private final BenchyConfig config;

    @Inject
    public CheckConfigCommand(BenchyConfig config) {
        this.config = config;
    }

    @Override
    public Integer call() {
        try {
            List<ScheduledTarget> targets = ServiceConfig.ofThisService(config).targets();
            String where = file == null ? "configuration" : file;
            if (targets.isEmpty()) {
                System.out.println(where + ": valid; no target configured (the service would benchmark its"
                        + " built-in simulator)");
            } else {
                System.out.println(where + ": valid; " + targets.size() + " target"
                        + (targets.size() == 1 ? "" : "s") + ": "
                        + String.join(", ", targets.stream().map(ScheduledTarget::name).toList()));
            }
            return 0;
        } catch (InvalidConfigException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }
}
