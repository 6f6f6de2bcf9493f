package harness;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What a stamping server says it did since its last reset.
 *
 * @param tokensSent all tokens it wrote
 * @param recent     the streams it still keeps (the most recent ones)
 */
record ServerStats(long tokensSent, List<StampedStream> recent) {

    /** Reads {@code totals.tokens_sent} and each of {@code recent} (read by {@code stream}) of a stats answer. */
    static ServerStats read(JsonNode stats, Function<JsonNode, StampedStream> stream) {
        List<StampedStream> streams = new ArrayList<>();
        stats.get("recent").forEach(s -> streams.add(stream.apply(s)));
        return new ServerStats(stats.get("totals").get("tokens_sent").asLong(), streams);
    }

    List<ServedBatch> batches() {
        return ServedBatch.group(recent);
    }
}
