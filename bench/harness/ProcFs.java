package harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What Linux's /proc says about a process and the machine. */
final class ProcFs {

    /** Clock ticks per second of the CPU times in /proc/PID/stat (USER_HZ). */
    static final double TICKS_PER_SECOND = 100.0;

    private ProcFs() {
    }

    /** User + system CPU ticks of a process, all its threads (ended ones included). */
    static long cpuTicks(long pid) throws IOException {
        return ticks(Files.readString(Path.of("/proc/" + pid + "/stat")));
    }

    /** User + system CPU ticks in one stat line (of a process or of one of its threads). */
    static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    static double rssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    /** One line naming the CPUs, memory, Java version and the load average now. */
    static String machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.replaceFirst(".*:\\s*", "")).orElse("?");
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        return String.format(Locale.ROOT, "Machine: %d CPUs (%s), %s, Java %s, load average at start %s.",
                Runtime.getRuntime().availableProcessors(), cpu, memory, System.getProperty("java.version"), load);
    }
}
