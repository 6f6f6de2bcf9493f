package dev.benchy.service;

import org.jboss.logging.Logger;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

/**
 * Hands the C heap's free pages back to the operating system when the service goes idle, so that a service that
 * runs a benchmark every few minutes does not keep the peak of its last run. The JVM's own native allocations (the
 * JIT compiler's above all, which run while a benchmark runs) grow glibc's malloc arenas, and glibc keeps the pages
 * it got back; the JDK's {@code System.trim_native_heap} diagnostic command (JDK 17.0.9 and later, on glibc) returns
 * them, about 20 MB of an idle service's 210 MB here (bench/RESULTS.md). Where the command does not exist (another
 * JDK or C library) it is tried once and then left alone.
 */
final class NativeHeapTrim {

    private static final Logger LOG = Logger.getLogger(NativeHeapTrim.class);
    private static final String DIAGNOSTIC_COMMANDS = "com.sun.management:type=DiagnosticCommand";
    private static final String TRIM = "systemTrimNativeHeap";

    private volatile boolean available = true;

    /** False once a trim failed: this JVM or C library cannot trim. */
    boolean available() {
        return available;
    }

    /** Trims now; a no-op where the JVM cannot. Takes a few milliseconds. */
    void trim() {
        if (!available) {
            return;
        }
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            Object outcome = server.invoke(new ObjectName(DIAGNOSTIC_COMMANDS), TRIM, new Object[] {null},
                    new String[] {String[].class.getName()});
            LOG.debugf("%s", String.valueOf(outcome).strip());
        } catch (JMException | RuntimeException e) {
            available = false;
            LOG.debugf("The native heap cannot be trimmed on this JVM (%s); idle memory stays as it is", e);
        }
    }
}
