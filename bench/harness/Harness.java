package harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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

    private final Options options;
    private final String jar;
    private final Path work;
    private final Report report = new Report();
    private final int pp;
    private final double ppSpeed;

    private Harness(Options options) throws Exception {
        this.options = options;
        this.jar = options.text("jar", "target/quarkus-app/quarkus-run.jar");
        this.work = Files.createTempDirectory("benchy-harness");
        this.pp = options.whole("pp", 256);
        this.ppSpeed = options.number("pp-speed", 5000);
    }

    public static void main(String[] args) throws Exception {
        new Harness(Options.parse(args, OPTIONS)).run();
    }

    private void run() throws Exception {
        int runs = options.whole("runs", 3);
        double tgSpeed = options.number("tg-speed", 100);
        int shortTg = options.whole("short-tg", 100);
        int longTg = options.whole("long-tg", 600);
        report.print("# benchy performance harness\n\n" + ProcFs.machine() + "\n");
        report.print(String.format(Locale.ROOT, "Simulator: pp %.0f t/s, tg %.0f t/s per stream (one token per "
                + "event); requests: pp %d, depth 0, tg %d (long) and %d (short), %d runs per concurrency; tokenizer "
                + "builtin:gpt2, book builtin:generated, no warm-up, no latency probe, no coherence test.%n",
                ppSpeed, tgSpeed, pp, longTg, shortTg, runs));
        List<String> summary = new ArrayList<>();
        String concurrencies = options.text("concurrency", "1,16,64,256,512");
        try (SimulatorProcess sim = simulator(tgSpeed)) {
            for (String c : concurrencies.equals("none") ? new String[0] : concurrencies.split(",")) {
                ConcurrencyPoint point = measure(sim, Integer.parseInt(c.trim()), runs, shortTg, longTg);
                report.print(point.table());
                summary.add(point.summaryRow());
            }
        }
        report.print("## Summary (warm batches)\n\n" + ConcurrencyPoint.HEAD + ConcurrencyPoint.RULE
                + String.join("", summary));
        int ttfrRuns = options.whole("ttfr-runs", 30);
        if (ttfrRuns > 0) {
            try (SimulatorProcess sim = simulator(tgSpeed)) {
                report.print(TtfrCheck.run(jar, options.words("bench-java-options"), sim, work, ttfrRuns, pp,
                        ppSpeed));
            }
        }
        String capacity = options.text("capacity", "512x100,512x200,512x300,512x400,512x600");
        if (!capacity.equals("none")) {
            report.print(capacity(capacity, shortTg, longTg));
        }
        if (!options.has("no-footprint")) {
            report.print(Footprint.measure(jar, options.words("service-java-options"),
                    options.whole("idle-seconds", 100), options.text("book", "builtin:generated"), work));
        }
        if (options.has("out")) {
            report.writeTo(Path.of(options.text("out", "")));
        }
    }

    /** The capacity sweep: concurrency x tg-speed points, 2 runs each, the last batch compared. */
    private String capacity(String points, int shortTg, int longTg) throws Exception {
        List<String> rows = new ArrayList<>();
        for (String spec : points.split(",")) {
            String[] parts = spec.trim().split("x");
            int concurrency = Integer.parseInt(parts[0]);
            double speed = Double.parseDouble(parts[1]);
            try (SimulatorProcess sim = simulator(speed)) {
                ConcurrencyPoint point = measure(sim, concurrency, 2, shortTg, longTg);
                rows.add(String.format(Locale.ROOT, "| %d x %.0f | %.0f %s", concurrency, speed,
                        concurrency * speed, point.summaryRow()));
            }
        }
        return "## Capacity (concurrency x tg-speed, 2 runs, last batch)\n\n| c x steps/s | configured t/s "
                + ConcurrencyPoint.HEAD + "|---|---" + ConcurrencyPoint.RULE + String.join("", rows);
    }

    private SimulatorProcess simulator(double tgSpeed) throws Exception {
        return SimulatorProcess.start(jar, options.words("sim-java-options"), work, ppSpeed, tgSpeed);
    }

    /** One concurrency: a short and a long bench run against a freshly reset simulator. */
    private ConcurrencyPoint measure(SimulatorProcess sim, int concurrency, int runs, int shortTg, int longTg)
            throws Exception {
        List<String> javaOptions = options.words("bench-java-options");
        BenchRun small = BenchRun.run(jar, javaOptions, new BenchShape(pp, shortTg, concurrency, runs, false), sim,
                work);
        BenchRun large = BenchRun.run(jar, javaOptions, new BenchShape(pp, longTg, concurrency, runs, false), sim,
                work);
        return new ConcurrencyPoint(concurrency, runs, longTg, ppSpeed, small, large);
    }
}
