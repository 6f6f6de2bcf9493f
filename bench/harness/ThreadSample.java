package harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU ticks of a process at one moment (all threads, ended ones included) and of its live JIT compiler threads
 * (a compiler thread that ends between two samples takes its ticks with it, so "without JIT" can be a little
 * high, never low).
 *
 * @param nanos when it was taken (System.nanoTime: CLOCK_MONOTONIC, the clock the servers stamp with)
 */
record ThreadSample(long nanos, long ticks, long compilerTicks) {

    /** Reads the process's threads now; null when the process is gone. */
    static ThreadSample take(long pid) {
        long now = System.nanoTime();
        long compiler = 0;
        try (var threads = Files.list(Path.of("/proc/" + pid + "/task"))) {
            long ticks = ProcFs.cpuTicks(pid);
            for (Path task : (Iterable<Path>) threads::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    if (stat.contains("CompilerThre")) {
                        compiler += ProcFs.ticks(stat);
                    }
                } catch (IOException threadGone) {
                    // a thread that ended between the listing and the read
                }
            }
            return new ThreadSample(now, ticks, compiler);
        } catch (IOException | UncheckedIOException processGone) {
            return null;
        }
    }

    double cpuTo(ThreadSample later, boolean withoutCompiler) {
        long all = later.ticks - ticks;
        return withoutCompiler ? all - (later.compilerTicks - compilerTicks) : all;
    }

    /** The first sample at or after {@code from} and the last at or before {@code to}, or null. */
    static ThreadSample[] within(List<ThreadSample> samples, long from, long to) {
        ThreadSample first = null;
        ThreadSample last = null;
        for (ThreadSample s : samples) {
            if (s.nanos >= from && s.nanos <= to) {
                first = first == null ? s : first;
                last = s;
            }
        }
        return first == null || last == first ? null : new ThreadSample[] {first, last};
    }
}
