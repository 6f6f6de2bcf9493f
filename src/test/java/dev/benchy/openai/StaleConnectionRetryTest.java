package dev.benchy.openai;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which lost requests are sent again: only those the server cannot have seen, on a connection that was stale. */
class StaleConnectionRetryTest {

    private final StaleConnectionRetry retry = new StaleConnectionRetry();

    @Test
    void aRequestOnAFreshConnectionIsNotRetried() {
        WireStamps wire = WireStamps.on(new EmbeddedChannel(), System::nanoTime);
        wire.awaitFlush();

        assertFalse(retry.retry(wire, false));
        assertEquals(0, retry.retried());
    }

    @Test
    void aRequestOnAReusedConnectionIsRetriedOnceAndCounted() {
        EmbeddedChannel channel = new EmbeddedChannel();
        WireStamps.on(channel, System::nanoTime).awaitFlush();
        WireStamps wire = WireStamps.on(channel, System::nanoTime);
        wire.awaitFlush();

        assertTrue(wire.reused());
        assertTrue(retry.retry(wire, false));
        assertFalse(retry.retry(wire, true), "a retry is never retried");
        assertEquals(1, retry.retried());
    }

    /**
     * Under load the pool can hand out a connection whose close was already handled: its pipeline's handlers are
     * gone, so its count of requests starts over, yet it is exactly the stale connection the retry is for.
     */
    @Test
    void aConnectionAlreadyClosedWhenHandedOutIsStale() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.close();
        WireStamps wire = WireStamps.on(channel, System::nanoTime);
        wire.awaitFlush();

        assertFalse(wire.reused());
        assertTrue(wire.closedBeforeUse());
        assertTrue(retry.retry(wire, false));
    }
}
