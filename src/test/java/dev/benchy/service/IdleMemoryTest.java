package dev.benchy.service;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdleMemoryTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-28T12:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void theJdkThisServiceRunsOnCanTrimItsNativeHeap() {
        IdleMemory memory = new IdleMemory(clock);
        memory.release();
        assertEquals(1, memory.releases());
        assertTrue(memory.trimAvailable(), "System.trim_native_heap is missing: JDK " + Runtime.version()
                + " (it needs 17.0.9 or later on glibc)");
    }

    @Test
    void runsEndingCloserTogetherThanTheIntervalReleaseOnce() {
        IdleMemory memory = new IdleMemory(clock);
        memory.release();
        memory.afterRun();
        assertEquals(2, memory.releases(), "the release at start-up does not hold back the first run's");
        now.set(now.get().plus(IdleMemory.MIN_INTERVAL.minus(Duration.ofMillis(1))));
        memory.afterRun();
        assertEquals(2, memory.releases(), "a second run ending within the interval");
        now.set(now.get().plus(Duration.ofMillis(1)));
        memory.afterRun();
        assertEquals(3, memory.releases(), "the interval has passed");
    }
}
