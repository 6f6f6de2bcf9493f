package harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code bench --help} as a user runs it: a fresh process each time, timed by /usr/bin/time. */
final class HelpTiming {

    private HelpTiming() {
    }

    static String measure(String jar, List<String> javaOptions, int times, Path work) throws Exception {
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar, "bench", "--help"));
        Table table = new Table("run", "wall s", "CPU s (user + system)", "peak RSS, MB");
        List<Double> walls = new ArrayList<>();
        for (int i = 1; i <= times; i++) {
            TimedProcess help = TimedProcess.start(command, work, "help");
            int exit = help.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("bench --help must exit 0, but exited " + exit + ":\n" + help.log());
            }
            TimedProcess.Cost cost = help.cost();
            walls.add(cost.wallSeconds());
            table.row(List.of(Integer.toString(i), String.format(Locale.ROOT, "%.2f", cost.wallSeconds()),
                    String.format(Locale.ROOT, "%.2f", cost.cpuSeconds()),
                    String.format(Locale.ROOT, "%.0f", cost.peakRssMb())));
        }
        double median = walls.stream().sorted().toList().get(walls.size() / 2);
        return String.format(Locale.ROOT, "## `bench --help` (%d fresh processes; median wall %.2f s)%n%n", times,
                median) + table;
    }
}
