package dev.benchy.faults;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Starts a {@link FaultServer} before Quarkus and configures the service with one target on it ({@code faulty}),
 * a known api key and api token, its own report folder and a DEBUG log file that the secrets test reads.
 */
public final class FaultServerResource implements QuarkusTestResourceLifecycleManager {

    public static final String TARGET = "faulty";
    public static final String API_KEY = "sk-service-secret-51d0e7";
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
        String t = "benchy.targets." + TARGET + ".";
        Map<String, String> config = new HashMap<>();
        config.put(t + "base-url", server.baseUrl());
        config.put(t + "api-key", API_KEY);
        config.put(t + "model", FaultServer.MODEL);
        config.put(t + "tokenizer", "builtin:gpt2");
        config.put(t + "book-url", "builtin:generated");
        config.put(t + "schedule", "1h");
        config.put(t + "plan.pp", "64");
        config.put(t + "plan.tg", "8");
        config.put(t + "plan.concurrency", "2");
        config.put(t + "plan.runs", "1");
        config.put(t + "plan.warmup", "false");
        config.put(t + "plan.adapt-prompt", "false");
        config.put(t + "plan.coherence", "false");
        config.put(t + "plan.latency-mode", "none");
        config.put(t + "plan.timeout", "2s");
        config.put("benchy.api.token", API_TOKEN);
        config.put("benchy.reports.dir", REPORTS.toString());
        config.put("quarkus.log.file.enabled", "true");
        config.put("quarkus.log.file.path", LOG.toString());
        config.put("quarkus.log.category.\"dev.benchy\".level", "DEBUG");
        return config;
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
