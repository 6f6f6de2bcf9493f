package harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * benchy as a user runs it, against the independent peer: each cell is one fresh {@code bench} process (warm-up on,
 * latency mode none, pp 64, the peer's prefill 0) against a fresh peer, and every run (batch) of it is compared on
 * its own with what the peer says it wrote ({@link BatchVsPeer}). The process's whole CPU comes from /usr/bin/time.
 */
final class PeerCells {

    static final int PP = 64;
    /** Streams the peer keeps: more than the largest cell's batches and bench's warm-up. */
    private static final int PEER_KEEP = 8192;

    private PeerCells() {
    }

    static String measure(String jar, List<String> javaOptions, List<PeerCell> cells, List<Integer> runsList,
                          Path work) throws Exception {
        Table table = new Table("c", "tg @ t/s", "runs", "run", "peer t/s (req)", "benchy/peer (req)",
                "peer t/s (total)", "benchy/peer (total)", "ttfr − peer first write, ms",
                "bench process CPU s (wall s)", "flags");
        for (PeerCell cell : cells) {
            for (int runs : runsList) {
                try (PeerProcess peer = PeerProcess.start(work, cell.speed(), PEER_KEEP)) {
                    rows(table, jar, javaOptions, cell, runs, peer, work);
                }
                System.err.printf(Locale.ROOT, "cell %dx%d@%d, %d runs: done%n", cell.concurrency(), cell.tg(),
                        cell.speed(), runs);
            }
        }
        return String.format(Locale.ROOT, "## One fresh bench process per cell (warm-up on, latency mode none, "
                + "pp %d, prefill 0)%n%n", PP) + table;
    }

    private static void rows(Table table, String jar, List<String> javaOptions, PeerCell cell, int runs,
                             PeerProcess peer, Path work) throws Exception {
        List<String> head = List.of(Integer.toString(cell.concurrency()), cell.load(), Integer.toString(runs));
        BenchRun run;
        try {
            run = BenchRun.run(jar, javaOptions, new BenchShape(PP, cell.tg(), cell.concurrency(), runs, true), peer,
                    work);
        } catch (IllegalStateException failed) {
            table.row(row(head, "–", List.of(failed.getMessage().lines().findFirst().orElse("bench failed"))));
            return;
        }
        List<ServedBatch> batches = run.batches().stream().filter(b -> b.isShape(cell.concurrency(), cell.tg()))
                .toList();
        TestResult test = run.test();
        String cost = String.format(Locale.ROOT, "%.2f (%.2f)", run.cost().cpuSeconds(), run.cost().wallSeconds());
        if (batches.size() < runs) {
            table.row(row(head, "–", List.of("not compared: the peer wrote " + batches.size() + " batches of "
                    + cell.concurrency() + " × " + cell.tg() + " tokens", cost)));
            return;
        }
        // bench's warm-up comes first: the measured batches are the last ones
        batches = batches.subList(batches.size() - runs, batches.size());
        for (int k = 0; k < runs; k++) {
            List<String> cells = new ArrayList<>(BatchVsPeer.of(test, k, runs, batches.get(k)).cells());
            cells.add(k == 0 ? cost : "");
            cells.add(k == 0 ? test.flags() : "");
            table.row(row(head, Integer.toString(k + 1), cells));
        }
    }

    private static List<String> row(List<String> head, String run, List<String> rest) {
        List<String> row = new ArrayList<>(head);
        row.add(run);
        row.addAll(rest);
        return row;
    }
}
