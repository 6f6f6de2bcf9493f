package dev.benchy.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The jar's entry point. The one-shot commands ({@code bench}, {@code simulate}, {@code check-config}) run in the
 * same application as the service, so before Quarkus starts they switch off what only the service needs: the HTTP
 * port, the banner, console logs on stdout, the scheduled benchmark runs. Their stdout then carries only their
 * result.
 */
@QuarkusMain
public final class BenchyMain {

    private BenchyMain() {
    }

    public static void main(String... args) {
        CommandMode.of(args).applyTo(System.getProperties());
        String toCheck = CommandMode.configFileToCheck(args);
        if (toCheck != null) {
            Path file = Path.of(toCheck).toAbsolutePath();
            if (!Files.isRegularFile(file)) {
                System.err.println("benchy check-config: no such file: " + toCheck);
                System.exit(2);
            }
            System.setProperty("quarkus.config.locations", file.toUri().toString());
        }
        Quarkus.run(BenchyApplication.class, BenchyMain::startFailed, args);
    }

    /** Start-up failed (most often: invalid configuration). Says why in a few lines, not a stack trace. */
    private static void startFailed(Integer exitCode, Throwable cause) {
        if (cause == null) {
            System.exit(exitCode == null ? 0 : exitCode);
        }
        Throwable root = cause;
        StringBuilder why = new StringBuilder();
        while (root != null) {
            if (root.getMessage() != null && (root instanceof io.smallrye.config.ConfigValidationException
                    || root.getClass().getSimpleName().equals("InvalidConfigException"))) {
                why.append(root.getMessage());
                break;
            }
            root = root.getCause();
        }
        System.err.println("benchy could not start: " + (why.length() > 0 ? why : String.valueOf(cause)));
        System.exit(exitCode == null || exitCode == 0 ? 1 : exitCode);
    }
}
