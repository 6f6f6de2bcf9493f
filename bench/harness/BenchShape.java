package harness;

import java.util.ArrayList;
import java.util.List;

/**
 * What one {@code bench} invocation asks for. Always: depth 0, tokenizer builtin:gpt2, book builtin:generated
 * (nothing downloaded), latency mode none, no coherence test.
 *
 * @param warmup whether bench's warm-up runs (its default); the simulator harness turns it off
 */
record BenchShape(int pp, int tg, int concurrency, int runs, boolean warmup) {

    /** The bench command's arguments against {@code server}, its JSON report saved to {@code report}. */
    List<String> args(StampingServer server, String report) {
        List<String> args = new ArrayList<>(List.of("bench", "--base-url", server.baseUrl(), "--model",
                server.model(), "--tokenizer", "builtin:gpt2", "--book-url", "builtin:generated", "--pp",
                Integer.toString(pp), "--tg", Integer.toString(tg), "--depth", "0", "--concurrency",
                Integer.toString(concurrency), "--runs", Integer.toString(runs)));
        if (!warmup) {
            args.add("--no-warmup");
        }
        args.addAll(List.of("--latency-mode", "none", "--skip-coherence", "--format", "json", "--save-result", report,
                "-q"));
        return args;
    }
}
