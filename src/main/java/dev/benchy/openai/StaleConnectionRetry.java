package dev.benchy.openai;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one retry of a request lost to a stale pooled connection. Some servers (llama.cpp's llama-server) close a
 * connection after a streamed response without saying so in the response; the pool may hand that connection to
 * the next request before the close is seen, and the request fails with the connection closed before any byte of
 * its response. The server never saw it, so sending it again on a fresh connection is safe, and without that the
 * request would be lost to the measurement.
 *
 * <p>A request is retried only when all of these hold: its connection came from the pool (it had carried a request
 * before, or it was already closed when it was handed out), no byte of the response arrived, and it was not retried
 * already. Once a byte arrived the server has answered, and nothing is retried. Every retry is counted.
 */
final class StaleConnectionRetry {

    private final AtomicInteger retried = new AtomicInteger();

    /**
     * Whether a request that failed on the connection of {@code wire} is to be sent again on a fresh connection;
     * counts it when it is.
     *
     * @param wire          the stamps of the connection it failed on, or null when they could not be read
     * @param retriedBefore whether this request is already a retry
     */
    boolean retry(WireStamps wire, boolean retriedBefore) {
        if (retriedBefore || wire == null || !(wire.reused() || wire.closedBeforeUse()) || wire.readSinceFlush()) {
            return false;
        }
        retried.incrementAndGet();
        return true;
    }

    /** Requests retried so far. */
    int retried() {
        return retried.get();
    }
}
