package dev.benchy.cli;

import picocli.CommandLine.Model.CommandSpec;

import java.util.Map;
import java.util.Properties;

/**
 * Which face of benchy a command line asks for: the long-running service, or a one-shot command whose stdout must
 * stay clean and which must open no port and start no scheduled run. Only the top command and {@code serve} are the
 * service; every other command of the tree is one-shot, so a command added later cannot start the scheduler by
 * being forgotten in a list.
 */
enum CommandMode {
    SERVICE,
    ONE_SHOT;

    /** The property one-shot runs carry, so service beans know not to start. */
    static final String PROPERTY = "benchy-command-mode";

    private static final Map<String, String> ONE_SHOT_SETTINGS = Map.of(
            "quarkus.http.host-enabled", "false",
            "quarkus.banner.enabled", "false",
            "quarkus.log.console.stderr", "true",
            "quarkus.log.level", "WARN",
            PROPERTY, "one-shot");

    /** The mode of the command that runs: the last (sub)command of a parsed command line. */
    static CommandMode of(CommandSpec command) {
        boolean top = command.parent() == null;
        return top || ServeCommand.NAME.equals(command.name()) ? SERVICE : ONE_SHOT;
    }

    /** Sets the one-shot settings (unless the user set them explicitly); the service keeps its configuration. */
    void applyTo(Properties system) {
        if (this == ONE_SHOT) {
            ONE_SHOT_SETTINGS.forEach(system::putIfAbsent);
        }
    }
}
