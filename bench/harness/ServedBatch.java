package harness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/** The streams of one batch benchy sent, as the server stamped them, and what the server achieved over them. */
record ServedBatch(List<StampedStream> streams) {

    /** Groups streams into the batches that were sent: in order of arrival, a batch ends when its last stream ends. */
    static List<ServedBatch> group(List<StampedStream> streams) {
        List<StampedStream> byArrival = new ArrayList<>(streams);
        byArrival.sort(Comparator.comparingLong(StampedStream::arrivalNanos));
        List<List<StampedStream>> batches = new ArrayList<>();
        long batchEnd = Long.MIN_VALUE;
        for (StampedStream s : byArrival) {
            if (batches.isEmpty() || s.arrivalNanos() > batchEnd) {
                batches.add(new ArrayList<>());
            }
            batches.get(batches.size() - 1).add(s);
            batchEnd = Math.max(batchEnd, s.lastTokenNanos());
        }
        return batches.stream().map(ServedBatch::new).toList();
    }

    int size() {
        return streams.size();
    }

    /** Whether this is a batch of {@code concurrency} streams of {@code tokens} tokens each. */
    boolean isShape(int concurrency, int tokens) {
        return size() == concurrency && streams.stream().allMatch(s -> s.tokens() == tokens);
    }

    /** tg t/s (req) on the server's side: the mean of the streams' decode rates. */
    double meanDecodeRate() {
        return mean(StampedStream::decodeTokensPerSecond);
    }

    /** tg t/s (total) on the server's side: Σ tokens after the first event / (last token − first first token). */
    double totalDecodeRate() {
        double afterFirst = streams.stream().mapToDouble(StampedStream::tokensAfterFirst).sum();
        return afterFirst * 1e9 / (latest(StampedStream::lastTokenNanos) - earliest(StampedStream::firstTokenNanos));
    }

    /** The mean of arrival to first token written, in ms. */
    double meanFirstWriteMs() {
        return mean(StampedStream::firstWriteMs);
    }

    double mean(ToDoubleFunction<StampedStream> value) {
        return streams.stream().mapToDouble(value).average().orElseThrow();
    }

    long earliest(ToLongFunction<StampedStream> stamp) {
        return streams.stream().mapToLong(stamp).min().orElseThrow();
    }

    long latest(ToLongFunction<StampedStream> stamp) {
        return streams.stream().mapToLong(stamp).max().orElseThrow();
    }

    /** Tokens the batch's streams wrote between two moments (each paced evenly from its first to its last token). */
    double tokensBetween(long from, long to) {
        return streams.stream().mapToDouble(s -> s.tokensBetween(from, to)).sum();
    }
}
