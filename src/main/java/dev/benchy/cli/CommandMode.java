package dev.benchy.cli;

import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Which face of benchy a command line asks for: the long-running service, or a one-shot command whose stdout must
 * stay clean and which must open no port and start no scheduled run.
 */
enum CommandMode {
    SERVICE,
    ONE_SHOT;

    /** The property one-shot runs carry, so service beans know not to start. */
    static final String PROPERTY = "benchy-command-mode";

    private static final Set<String> ONE_SHOT_COMMANDS = Set.of(
            "bench", "simulate", "check-config", "compare", "help", "--help", "-h", "--version", "-V");

    private static final Map<String, String> ONE_SHOT_SETTINGS = Map.of(
            "quarkus.http.host-enabled", "false",
            "quarkus.banner.enabled", "false",
            "quarkus.log.console.stderr", "true",
            "quarkus.log.level", "WARN",
            PROPERTY, "one-shot");

    static CommandMode of(String... args) {
        return args.length > 0 && ONE_SHOT_COMMANDS.contains(args[0]) ? ONE_SHOT : SERVICE;
    }

    /** Sets the one-shot settings (unless the user set them explicitly); the service keeps its configuration. */
    void applyTo(Properties system) {
        if (this == ONE_SHOT) {
            ONE_SHOT_SETTINGS.forEach(system::putIfAbsent);
        }
    }

    /**
     * The file {@code check-config FILE} names, which the configuration must be read from, or null. It is read in
     * place of the working directory's configuration so that only that file is checked.
     */
    static String configFileToCheck(String... args) {
        if (args.length >= 2 && "check-config".equals(args[0]) && !args[1].startsWith("-")) {
            return args[1];
        }
        return null;
    }
}
