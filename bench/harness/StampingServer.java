package harness;

import java.io.IOException;

/**
 * A streaming server in its own process that stamps when it wrote each event of each stream and serves those stamps:
 * benchy's simulator and the independent peer.
 */
interface StampingServer extends AutoCloseable {

    /** Its OpenAI-compatible base URL, ending in /v1. */
    String baseUrl();

    /** The model name to send. */
    String model();

    long pid();

    /** Forgets what it did so far. */
    void reset() throws IOException, InterruptedException;

    ServerStats stats() throws IOException, InterruptedException;

    @Override
    void close();
}
