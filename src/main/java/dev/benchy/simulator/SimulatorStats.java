package dev.benchy.simulator;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the simulator actually sent, kept so a benchmark's numbers can be checked against the truth. Memory stays
 * bounded: a ring of the most recent streams plus running totals. Thread-safe.
 */
public final class SimulatorStats {

    /** Enough for every stream of one batch at concurrency 1024, so a harness sees a whole batch. */
    public static final int DEFAULT_CAPACITY = 1024;

    private final int capacity;
    private final ArrayDeque<ServedStream> recent;
    private final AtomicInteger active = new AtomicInteger();
    private StatsTotals totals = StatsTotals.NONE;

    public SimulatorStats(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("stats capacity must be at least 1, but was " + capacity);
        }
        this.capacity = capacity;
        this.recent = new ArrayDeque<>(capacity);
    }

    /** Responses still being timed or sent (streams and non-streaming ones); 0 when nothing is in flight. */
    public int activeResponses() {
        return active.get();
    }

    void responseStarted() {
        active.incrementAndGet();
    }

    void responseEnded() {
        active.decrementAndGet();
    }

    synchronized void record(ServedStream stream) {
        if (recent.size() == capacity) {
            recent.removeFirst();
        }
        recent.addLast(stream);
        totals = totals.plus(stream);
    }

    synchronized void recordBlocking(int tokens) {
        totals = totals.plusBlocking(tokens);
    }

    /** The recent streams (oldest first) and the totals, as of now. */
    public synchronized StatsSnapshot snapshot() {
        return new StatsSnapshot(active.get(), totals, List.copyOf(recent));
    }

    /** Forgets the recent streams and the totals; responses in flight are still counted as active. */
    public synchronized void reset() {
        recent.clear();
        totals = StatsTotals.NONE;
    }
}
