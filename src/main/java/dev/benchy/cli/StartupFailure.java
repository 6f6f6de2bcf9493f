package dev.benchy.cli;

import dev.benchy.service.config.InvalidConfigException;
import io.smallrye.config.ConfigValidationException;

import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why the application could not start, in a person's words: what failed and where, one line per problem, never a
 * stack trace. Quarkus wraps the cause ("Failed to start quarkus", "Unable to start HTTP server"); the cause is
 * found by its type in the chain.
 */
final class StartupFailure {

    static final String PREFIX = "benchy could not start: ";

    /** SmallRye's "cannot convert" problem, for the settings benchy does not read itself (quarkus.*). */
    private static final Pattern CONVERSION = Pattern.compile(
            "The config property (\\S+) with the config value \"(.*)\" threw an Exception whilst being converted"
                    + " (?:SRCFG\\d+: )?(.*)", Pattern.DOTALL);
    private static final Pattern SMALLRYE_CODE = Pattern.compile("(?:[\\w.$]+Exception: )?SRCFG\\d+: ");
    /** Messages that only wrap another: Quarkus' own, or a cause's {@code toString()}. */
    private static final Pattern WRAPPERS = Pattern.compile(
            "Failed to start quarkus|Unable to start HTTP server|[\\w.$]+(?:Exception|Error)(?:: .*)?", Pattern.DOTALL);

    private StartupFailure() {
    }

    /**
     * What went wrong, one problem per entry.
     *
     * @param failure  what {@code Quarkus.run} reported
     * @param httpPort the configured HTTP port, or null when unknown
     */
    static List<String> problems(Throwable failure, Integer httpPort) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidConfigException invalid) {
                return invalid.problems();
            }
            if (t instanceof ConfigValidationException validation) {
                List<String> problems = new ArrayList<>();
                for (int i = 0; i < validation.getProblemCount(); i++) {
                    problems.add(smallRyeProblem(validation.getProblem(i).getMessage()));
                }
                return problems;
            }
            String bind = bindProblem(t, httpPort);
            if (bind != null) {
                return List.of(bind);
            }
        }
        return List.of(innermostWords(failure));
    }

    /** The lines a failed start prints: one, or a count and then one per problem. */
    static List<String> lines(List<String> problems) {
        if (problems.size() == 1) {
            return List.of(PREFIX + problems.get(0));
        }
        List<String> lines = new ArrayList<>();
        lines.add(PREFIX + problems.size() + " problems in the configuration:");
        problems.forEach(p -> lines.add("  - " + p));
        return lines;
    }

    /** The HTTP port taken (the usual case: a second service, or another program on 8080). */
    private static String bindProblem(Throwable t, Integer httpPort) {
        String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
        boolean inUse = message.contains("address already in use");
        if (!(t instanceof BindException) && !inUse) {
            return null;
        }
        String port = httpPort == null ? "the HTTP port" : "port " + httpPort;
        if (inUse || t instanceof BindException && !message.contains("assign")) {
            return port + " is in use (set quarkus.http.port or QUARKUS_HTTP_PORT)";
        }
        return port + " cannot be opened: " + t.getMessage()
                + " (set quarkus.http.host or QUARKUS_HTTP_HOST to an address of this machine)";
    }

    static String smallRyeProblem(String message) {
        Matcher m = CONVERSION.matcher(message);
        if (m.find()) {
            return m.group(1) + ": must be " + expected(m.group(3)) + ", but was " + m.group(2);
        }
        return SMALLRYE_CODE.matcher(message).replaceAll("");
    }

    private static String expected(String reason) {
        String r = reason.toLowerCase(Locale.ROOT);
        if (r.contains("integer") || r.contains("long")) {
            return "a whole number";
        }
        if (r.contains("duration")) {
            return "a duration such as 30s, 15m or 1h";
        }
        return "a valid value (" + SMALLRYE_CODE.matcher(reason).replaceAll("") + ")";
    }

    /** For anything else: the outermost message that says more than a wrapper does, else the innermost cause. */
    private static String innermostWords(Throwable failure) {
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && !WRAPPERS.matcher(m).matches()) {
                return m.lines().findFirst().orElse(m);
            }
            root = t;
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
