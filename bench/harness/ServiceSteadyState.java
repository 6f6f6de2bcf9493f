package harness;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The service's steady state against the independent peer: for each tg speed of the cells, a peer at that speed and
 * the service (its only target the peer, a short schedule), left to run a few scheduled runs; then every report's
 * tests compared run by run with the peer's streams of the same batches. A report's streams are those that arrived
 * between its {@code started_at} and {@code finished_at} (wall clock, turned into the peer's monotonic clock with
 * this process's offset between the two); within them, each test takes the next batches of its shape.
 */
final class ServiceSteadyState {

    /** Streams the peer keeps: a few reports of the largest plan. */
    private static final int PEER_KEEP = 200_000;
    private static final long WAIT_NANOS = 30L * 60 * 1_000_000_000L;

    private ServiceSteadyState() {
    }

    /**
     * @param runs     runs (batches) per test in the service's plan
     * @param reports  how many reports to wait for
     * @param schedule the target's schedule (e.g. 2s: runs follow each other)
     */
    static String measure(String jar, List<String> javaOptions, List<PeerCell> cells, int runs, int reports,
                          String schedule, Path work) throws Exception {
        Table table = new Table("c", "tg @ t/s", "report", "peer t/s (req)", "benchy/peer (req), runs (worst)",
                "peer t/s (total)", "benchy/peer (total), runs (worst)", "ttfr − peer first write, ms (worst)",
                "flags");
        Map<Integer, List<PeerCell>> bySpeed = cells.stream().collect(Collectors.groupingBy(PeerCell::speed,
                LinkedHashMap::new, Collectors.toList()));
        for (Map.Entry<Integer, List<PeerCell>> group : bySpeed.entrySet()) {
            int speed = group.getKey();
            try (PeerProcess peer = PeerProcess.start(work, speed, PEER_KEEP)) {
                Path config = writeConfig(peer, group.getValue(), runs, schedule, work.resolve("service-" + speed));
                List<BenchReport> got;
                try (ServiceProcess service = ServiceProcess.start(jar, javaOptions, 0,
                        List.of("-Dquarkus.config.locations=" + config), work.resolve("service-" + speed + ".log"))) {
                    got = awaitReports(service, reports);
                }
                ServerStats stats = peer.stats();
                for (int r = 0; r < got.size(); r++) {
                    compare(table, speed, r + 1, got.get(r), stats.recent(), runs);
                }
            }
            System.err.printf(Locale.ROOT, "service against the peer at %d t/s: done%n", speed);
        }
        return String.format(Locale.ROOT, "## The service's steady state (one service process per speed, its "
                + "scheduled runs one after another; report 1 is its first run; %d runs per test, warm-up on, "
                + "latency mode none, pp %d)%n%n", runs, PeerCells.PP) + table;
    }

    /** The service's configuration: one target, the peer, with the cells' tg values and concurrencies. */
    private static Path writeConfig(PeerProcess peer, List<PeerCell> cells, int runs, String schedule, Path dir)
            throws Exception {
        Set<Integer> tg = new LinkedHashSet<>();
        Set<Integer> concurrency = new LinkedHashSet<>();
        cells.forEach(c -> {
            tg.add(c.tg());
            concurrency.add(c.concurrency());
        });
        Files.createDirectories(dir);
        String t = "benchy.targets.peer.";
        List<String> lines = List.of(t + "base-url=" + peer.baseUrl(), t + "model=" + peer.model(),
                t + "tokenizer=builtin:gpt2", t + "book-url=builtin:generated", t + "schedule=" + schedule,
                t + "plan.pp=" + PeerCells.PP, t + "plan.tg=" + join(tg), t + "plan.depth=0",
                t + "plan.concurrency=" + join(concurrency), t + "plan.runs=" + runs, t + "plan.latency-mode=none",
                t + "plan.coherence=false", "benchy.reports.dir=" + dir.resolve("reports"));
        Path config = dir.resolve("application.properties");
        Files.write(config, lines);
        return config;
    }

    private static String join(Set<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** Waits until the service has kept {@code count} reports of the peer and returns them, oldest first. */
    private static List<BenchReport> awaitReports(ServiceProcess service, int count) throws Exception {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (true) {
            JsonNode list = service.get("/api/reports?target=peer&limit=1000");
            if (list.size() >= count) {
                List<BenchReport> reports = new ArrayList<>();
                for (int i = list.size() - 1; i >= list.size() - count; i--) {
                    reports.add(new BenchReport(service.get("/api/reports/" + list.get(i).get("id").asText())));
                }
                return reports;
            }
            if (!service.alive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the service must keep " + count + " reports of the peer, but kept "
                        + list.size() + ":\n" + service.log());
            }
            Thread.sleep(1000);
        }
    }

    private static void compare(Table table, int speed, int index, BenchReport report, List<StampedStream> streams,
                                int runs) {
        JsonNode json = report.json();
        String status = json.path("status").asText();
        if (!"ok".equals(status)) {
            table.row(List.of("–", "– @ " + speed, Integer.toString(index), "report " + status + ": "
                    + json.path("error").asText()));
            return;
        }
        long from = monotonic(json.get("started_at").asText());
        long to = monotonic(json.get("finished_at").asText());
        List<ServedBatch> batches = ServedBatch.group(streams.stream()
                .filter(s -> s.arrivalNanos() >= from && s.arrivalNanos() <= to).toList());
        int next = 0;
        for (TestResult test : report.tests()) {
            List<BatchVsPeer> compared = new ArrayList<>();
            for (; next < batches.size() && compared.size() < runs; next++) {
                if (batches.get(next).isShape(test.concurrency(), test.tg())) {
                    compared.add(BatchVsPeer.of(test, compared.size(), runs, batches.get(next)));
                }
            }
            List<String> row = new ArrayList<>(List.of(Integer.toString(test.concurrency()),
                    test.tg() + " @ " + speed, Integer.toString(index)));
            if (compared.size() < runs || test.failedRequests() > 0) {
                row.add("not compared: " + compared.size() + " of " + runs + " batches found in the peer's streams, "
                        + test.failedRequests() + " failed requests");
            } else {
                row.addAll(BatchVsPeer.cells(compared));
                row.add(test.flags());
            }
            table.row(row);
        }
    }

    /** A wall-clock instant of the service's report as a moment of CLOCK_MONOTONIC (System.nanoTime). */
    private static long monotonic(String instant) {
        Instant wall = Instant.parse(instant);
        Instant now = Instant.now();
        long nanoNow = System.nanoTime();
        long wallNanos = (wall.getEpochSecond() - now.getEpochSecond()) * 1_000_000_000L
                + (wall.getNano() - now.getNano());
        return nanoNow + wallNanos;
    }
}
