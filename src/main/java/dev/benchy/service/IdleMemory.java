package dev.benchy.service;

import org.jboss.logging.Logger;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Gives memory back to the operating system when a run ends and the service goes idle, so that a service that
 * benchmarks every few minutes does not sit on the peak of its last run (bench/RESULTS.md: idle RSS 181 MB median
 * instead of 230 MB with the JVM's default heap).
 *
 * <p>Two parts. A full collection: G1 grows the heap while Quarkus starts and while a benchmark runs, and between
 * runs the service allocates so little that no collection would shrink it again, while every page eden ever touched
 * stays resident; a full collection compacts the live set (about 30 MB) and hands the free regions back. It takes
 * tens of milliseconds, between runs, never during one. Then the C heap's free pages (the JIT compiler's arenas,
 * mostly), with the JDK's {@code System.trim_native_heap} diagnostic command (JDK 17.0.9 and later, on glibc; where it
 * does not exist it is tried once and then left alone). After runs at most once per {@link #MIN_INTERVAL}, so that
 * many targets on short schedules do not collect after every run.
 */
final class IdleMemory {

    static final Duration MIN_INTERVAL = Duration.ofSeconds(20);

    private static final Logger LOG = Logger.getLogger(IdleMemory.class);
    private static final String DIAGNOSTIC_COMMANDS = "com.sun.management:type=DiagnosticCommand";
    private static final String TRIM = "systemTrimNativeHeap";

    private final Clock clock;
    private Instant lastAfterRun;
    private int releases;
    private boolean trimAvailable = true;

    IdleMemory(Clock clock) {
        this.clock = clock;
    }

    /** After a run: gives memory back unless the previous run did so less than {@link #MIN_INTERVAL} ago. */
    synchronized void afterRun() {
        Instant now = clock.instant();
        if (lastAfterRun != null && Duration.between(lastAfterRun, now).compareTo(MIN_INTERVAL) < 0) {
            return;
        }
        lastAfterRun = now;
        release();
    }

    /** Gives memory back now (once started, before the first run: start-up leaves the most garbage). */
    synchronized void release() {
        releases++;
        long start = System.nanoTime();
        System.gc();
        String trimmed = trimNativeHeap();
        LOG.debugf("Idle: heap collected and %s in %d ms", trimmed, (System.nanoTime() - start) / 1_000_000);
    }

    /** How often memory was given back. */
    synchronized int releases() {
        return releases;
    }

    /** False once a trim of the C heap failed: this JVM or C library cannot. */
    synchronized boolean trimAvailable() {
        return trimAvailable;
    }

    private String trimNativeHeap() {
        if (!trimAvailable) {
            return "the native heap left as it is";
        }
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            Object outcome = server.invoke(new ObjectName(DIAGNOSTIC_COMMANDS), TRIM, new Object[] {null},
                    new String[] {String[].class.getName()});
            return String.valueOf(outcome).strip();
        } catch (JMException | RuntimeException e) {
            trimAvailable = false;
            return "the native heap cannot be trimmed on this JVM (" + e + ")";
        }
    }
}
