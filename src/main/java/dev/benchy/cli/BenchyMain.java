package dev.benchy.cli;

import dev.benchy.service.config.ConfigFiles;
import dev.benchy.service.config.InvalidConfigException;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The jar's entry point. The command line is read first ({@link Launch}): help and usage errors are answered before
 * anything starts. The one-shot commands ({@code bench}, {@code simulate}, {@code check-config}) run in the same
 * application as the service, so before Quarkus starts they switch off what only the service needs: the HTTP port,
 * the banner, console logs on stdout, the scheduled benchmark runs. Their stdout then carries only their result.
 * A configuration file that cannot be read at all (not YAML, not a mapping) is refused here too, by file and line.
 */
@QuarkusMain
public final class BenchyMain {

    /** Whether this process runs {@code check-config}. */
    private static boolean checking;

    private BenchyMain() {
    }

    public static void main(String... args) {
        PrintWriter out = new PrintWriter(System.out, true, Charset.defaultCharset());
        PrintWriter err = new PrintWriter(System.err, true, Charset.defaultCharset());
        Launch launch = Launch.read(args, out, err);
        if (launch.exitCode() != null) {
            System.exit(launch.exitCode());
        }
        launch.mode().applyTo(System.getProperties());
        if (launch.configFile() != null) {
            Path file = Path.of(launch.configFile()).toAbsolutePath();
            if (!Files.isRegularFile(file)) {
                err.println("benchy check-config: no such file: " + launch.configFile());
                System.exit(2);
            }
            System.setProperty("quarkus.config.locations", file.toUri().toString());
        }
        checking = CheckConfigCommand.NAME.equals(launch.command());
        List<String> unreadable = ConfigFiles.unreadable(ConfigFiles.serviceFiles(configLocations()));
        if (!unreadable.isEmpty()) {
            report(unreadable);
            System.exit(1);
        }
        Quarkus.run(BenchyApplication.class, BenchyMain::startFailed, args);
    }

    /** Where Quarkus will look for configuration files beyond the working directory's, before it has read them. */
    private static String configLocations() {
        String property = System.getProperty("quarkus.config.locations");
        return property != null ? property : System.getenv("QUARKUS_CONFIG_LOCATIONS");
    }

    /** Start-up failed: says what and where in a line per problem, never a stack trace. */
    private static void startFailed(Integer exitCode, Throwable cause) {
        if (cause == null) {
            System.exit(exitCode == null ? 0 : exitCode);
        }
        report(StartupFailure.problems(cause, httpPort()));
        System.exit(exitCode == null || exitCode == 0 ? 1 : exitCode);
    }

    /** {@code check-config} lists the problems as it does any others; the service says it could not start. */
    private static void report(List<String> problems) {
        if (checking) {
            System.err.println(new InvalidConfigException(problems).getMessage());
        } else {
            StartupFailure.lines(problems).forEach(System.err::println);
        }
    }

    private static Integer httpPort() {
        try {
            return ConfigProvider.getConfig().getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
