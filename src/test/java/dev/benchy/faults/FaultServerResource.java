package dev.benchy.faults;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Starts a {@link FaultServer} before Quarkus and configures the service with a target on it ({@code faulty}) and
 * one on each unreachable endpoint of {@link FaultCases.Endpoint} ({@code closed-port}, {@code unknown-host},
 * {@code tls-to-plain-port}),
 * a known api key, extra header and api token, its own report folder and a DEBUG log file that the secrets test
 * reads.
 */
public final class FaultServerResource implements QuarkusTestResourceLifecycleManager {

    public static final String TARGET = "faulty";
    public static final String API_KEY = "test-only-service-secret-51d0e7";
    /** The value of an extra header every target sends: a secret as the key is. */
    public static final String HEADER_SECRET = "test-only-header-secret-8a3f22";
    public static final String API_TOKEN = "token-for-post-2b9c";
    public static final Path REPORTS = Path.of("target/fault-service-reports");
    public static final Path LOG = Path.of("target/fault-service.log");

    private FaultServer server;

    @Override
    public Map<String, String> start() {
        try {
            clear(REPORTS);
            Files.deleteIfExists(LOG);
            server = new FaultServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new HashMap<>();
        String plan = "benchy.defaults.plan.";
        config.put(plan + "pp", "64");
        config.put(plan + "tg", "8");
        config.put(plan + "concurrency", Integer.toString(FaultCases.REQUESTS));
        config.put(plan + "runs", "1");
        config.put(plan + "warmup", "false");
        config.put(plan + "adapt-prompt", "false");
        config.put(plan + "coherence", "false");
        config.put(plan + "latency-mode", "none");
        config.put(plan + "timeout", FaultCases.TIMEOUT.toSeconds() + "s");
        int closedPort = closedPort();
        for (FaultCases.Endpoint endpoint : FaultCases.Endpoint.values()) {
            String t = "benchy.targets." + target(endpoint) + ".";
            config.put(t + "base-url", endpoint.url(server, closedPort));
            config.put(t + "api-key", API_KEY);
            config.put(t + "headers.X-Org", HEADER_SECRET);
            config.put(t + "model", FaultServer.MODEL);
            config.put(t + "tokenizer", "builtin:gpt2");
            config.put(t + "book-url", "builtin:generated");
            config.put(t + "schedule", "1h");
        }
        config.put("benchy.api.token", API_TOKEN);
        // a free port of its own: other test runs on the machine may hold the default test port
        config.put("quarkus.http.test-port", "0");
        config.put("benchy.reports.dir", REPORTS.toString());
        config.put("quarkus.log.file.enabled", "true");
        config.put("quarkus.log.file.path", LOG.toString());
        config.put("quarkus.log.category.\"dev.benchy\".level", "DEBUG");
        return config;
    }

    /** The configured target whose requests go to {@code endpoint}. */
    public static String target(FaultCases.Endpoint endpoint) {
        return endpoint == FaultCases.Endpoint.FAULT_SERVER ? TARGET
                : endpoint.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectFaultServer.class, FaultServer.class));
    }

    @Override
    public void stop() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void clear(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
