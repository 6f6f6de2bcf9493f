package harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The performance harness behind bench/run (a benchmark, not a test). It starts the simulator in its own process,
 * runs the bench command against it at each concurrency, and compares what benchy measured with what the simulator
 * says it actually sent, batch by batch ({@link ConcurrencyPoint}); then the warm TTFR check ({@link TtfrCheck}),
 * the capacity sweep and the service's footprint ({@link Footprint}). Options: see bench/README.md.
 */
public final class Harness {

    private static final Set<String> OPTIONS = Set.of("jar", "concurrency", "runs", "tg-speed", "pp-speed", "pp",
            "short-tg", "long-tg", "ttfr-runs", "capacity", "no-footprint", "bench-java-options", "sim-java-options",
            "service-java-options", "idle-seconds", "book", "out");

    private static final Pattern CAPACITY_POINT = Pattern.compile("(\\d+)x(\\d+(?:\\.\\d+)?)");

    /** A point of the capacity sweep: {@code concurrency} streams at {@code tgSpeed} tokens/s each. */
    private record CapacityPoint(int concurrency, double tgSpeed) {
    }

    private final String jar;
    private final Path work;
    private final Report report = new Report();
    private final int pp;
    private final double ppSpeed;
    private final double tgSpeed;
    private final int runs;
    private final int shortTg;
    private final int longTg;
    private final List<Integer> concurrencies;
    private final int ttfrRuns;
    private final List<CapacityPoint> capacity;
    private final boolean footprint;
    private final int idleSeconds;
    private final String book;
    private final String out;
    private final List<String> benchJavaOptions;
    private final List<String> simJavaOptions;
    private final List<String> serviceJavaOptions;

    /** Reads every option first, so a bad one is named before anything runs. */
    private Harness(Options options) throws Exception {
        jar = options.text("jar", "target/quarkus-app/quarkus-run.jar");
        pp = options.whole("pp", 256);
        ppSpeed = options.number("pp-speed", 5000);
        tgSpeed = options.number("tg-speed", 100);
        runs = options.whole("runs", 3);
        shortTg = options.whole("short-tg", 100);
        longTg = options.whole("long-tg", 600);
        concurrencies = options.text("concurrency", "").equals("none") ? List.of()
                : options.wholes("concurrency", "1,16,64,256,512");
        ttfrRuns = options.whole("ttfr-runs", 30);
        capacity = capacityPoints(options.text("capacity", "512x100,512x200,512x300,512x400,512x600"));
        footprint = !options.has("no-footprint");
        idleSeconds = options.whole("idle-seconds", 100);
        book = options.text("book", "builtin:generated");
        out = options.text("out", null);
        benchJavaOptions = options.words("bench-java-options");
        simJavaOptions = options.words("sim-java-options");
        serviceJavaOptions = options.words("service-java-options");
        work = Files.createTempDirectory("benchy-harness");
    }

    public static void main(String[] args) throws Exception {
        Options.exitOnBadInput(() -> new Harness(Options.parse(args, OPTIONS)).run());
    }

    private static List<CapacityPoint> capacityPoints(String points) {
        List<CapacityPoint> parsed = new ArrayList<>();
        for (String spec : points.equals("none") ? new String[0] : points.split(",")) {
            Matcher m = CAPACITY_POINT.matcher(spec.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("--capacity: each point must be CONCURRENCYxTG-SPEED (e.g. "
                        + "512x100), but was " + spec);
            }
            parsed.add(new CapacityPoint(Integer.parseInt(m.group(1)), Double.parseDouble(m.group(2))));
        }
        return parsed;
    }

    private void run() throws Exception {
        report.print("# benchy performance harness\n\n" + ProcFs.machine() + "\n");
        report.print(String.format(Locale.ROOT, "Simulator: pp %.0f t/s, tg %.0f t/s per stream (one token per "
                + "event); requests: pp %d, depth 0, tg %d (long) and %d (short), %d runs per concurrency; tokenizer "
                + "builtin:gpt2, book builtin:generated, no warm-up, no latency probe, no coherence test.%n",
                ppSpeed, tgSpeed, pp, longTg, shortTg, runs));
        List<String> summary = new ArrayList<>();
        if (!concurrencies.isEmpty()) {
            try (SimulatorProcess sim = simulator(tgSpeed)) {
                for (int concurrency : concurrencies) {
                    ConcurrencyPoint point = measure(sim, concurrency, runs);
                    report.print(point.table());
                    summary.add(point.summaryRow());
                }
            }
        }
        report.print("## Summary (warm batches)\n\n" + ConcurrencyPoint.HEAD + ConcurrencyPoint.RULE
                + String.join("", summary));
        if (ttfrRuns > 0) {
            try (SimulatorProcess sim = simulator(tgSpeed)) {
                report.print(TtfrCheck.run(jar, benchJavaOptions, sim, work, ttfrRuns, pp, ppSpeed));
            }
        }
        if (!capacity.isEmpty()) {
            report.print(capacity());
        }
        if (footprint) {
            report.print(Footprint.measure(jar, serviceJavaOptions, idleSeconds, book, work));
        }
        if (out != null) {
            report.writeTo(Path.of(out));
        }
    }

    /** The capacity sweep: concurrency x tg-speed points, 2 runs each, the last batch compared. */
    private String capacity() throws Exception {
        List<String> rows = new ArrayList<>();
        for (CapacityPoint p : capacity) {
            try (SimulatorProcess sim = simulator(p.tgSpeed())) {
                ConcurrencyPoint point = measure(sim, p.concurrency(), 2);
                rows.add(String.format(Locale.ROOT, "| %d x %.0f | %.0f %s", p.concurrency(), p.tgSpeed(),
                        p.concurrency() * p.tgSpeed(), point.summaryRow()));
            }
        }
        return "## Capacity (concurrency x tg-speed, 2 runs, last batch)\n\n| c x steps/s | configured t/s "
                + ConcurrencyPoint.HEAD + "|---|---" + ConcurrencyPoint.RULE + String.join("", rows);
    }

    private SimulatorProcess simulator(double speed) throws Exception {
        return SimulatorProcess.start(jar, simJavaOptions, work, ppSpeed, speed);
    }

    /** One concurrency: a short and a long bench run against a freshly reset simulator. */
    private ConcurrencyPoint measure(SimulatorProcess sim, int concurrency, int batches) throws Exception {
        BenchRun small = BenchRun.run(jar, benchJavaOptions, new BenchShape(pp, shortTg, concurrency, batches, false),
                sim, work);
        BenchRun large = BenchRun.run(jar, benchJavaOptions, new BenchShape(pp, longTg, concurrency, batches, false),
                sim, work);
        return new ConcurrencyPoint(concurrency, batches, longTg, ppSpeed, small, large);
    }
}
