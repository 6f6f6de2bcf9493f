package harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A command run under /usr/bin/time, which reports what the whole process cost when it ends. */
final class TimedProcess {

    /** What a whole process cost: wall time, CPU (user + system) and its maximum resident set. */
    record Cost(double wallSeconds, double cpuSeconds, double peakRssMb) {
    }

    private final Process time;
    private final Path timeFile;
    private final Path log;

    private TimedProcess(Process time, Path timeFile, Path log) {
        this.time = time;
        this.timeFile = timeFile;
        this.log = log;
    }

    /** Starts {@code command}; its output goes to {@code work/NAME.log}, /usr/bin/time's to {@code work/NAME.time}. */
    static TimedProcess start(List<String> command, Path work, String name) throws IOException {
        Path timeFile = work.resolve(name + ".time");
        Path log = work.resolve(name + ".log");
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S %M", "-o",
                timeFile.toString()));
        timed.addAll(command);
        Process time = new ProcessBuilder(timed).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new TimedProcess(time, timeFile, log);
    }

    /** The process /usr/bin/time started (its only child), waited for up to 5 s. */
    long childPid() throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            var child = time.toHandle().children().findFirst();
            if (child.isPresent()) {
                return child.get().pid();
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("/usr/bin/time must start the command, but no child appeared");
    }

    int waitFor() throws InterruptedException {
        return time.waitFor();
    }

    /** After {@link #waitFor()}: what /usr/bin/time measured. */
    Cost cost() throws IOException {
        String[] t = Files.readString(timeFile).trim().split("\\s+");
        return new Cost(Double.parseDouble(t[0]), Double.parseDouble(t[1]) + Double.parseDouble(t[2]),
                Long.parseLong(t[3]) / 1024.0);
    }

    String log() throws IOException {
        return Files.readString(log);
    }
}
