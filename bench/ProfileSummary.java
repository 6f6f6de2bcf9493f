import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sorts async-profiler's collapsed stacks (one file per time slice, thread names as the root frame) into what the
 * CPU was doing and prints one Markdown column per slice. The first matching rule wins, so a sample counts once.
 * Usage: java bench/ProfileSummary.java slice-0.collapsed slice-1.collapsed ...
 */
public final class ProfileSummary {

    /** A category: a sample belongs to it when its stack contains any of the markers. */
    private record Rule(String name, List<String> markers) {
        boolean matches(String stack) {
            return markers.stream().anyMatch(stack::contains);
        }
    }

    private static final List<Rule> RULES = List.of(
            new Rule("JIT compiler threads", List.of("[C1 CompilerThre", "[C2 CompilerThre", "[Sweeper thread")),
            new Rule("GC threads", List.of("[GC Thread", "[G1 ", "[VM Thread")),
            new Rule("kernel: socket reads (recv system calls, TCP receive)", List.of("doReadBytes")),
            new Rule("kernel: waiting for events, wake-ups", List.of("epollWait", "EpollEventLoop.epollBusyWait")),
            new Rule("benchy: SSE framing, JSON parsing, recording", List.of("dev/benchy/core/stream/")),
            new Rule("Vert.x: copy of each read to the heap", List.of("VertxHandler.safeBuffer")),
            new Rule("Netty/Vert.x: HTTP decoding and dispatch", List.of("io/netty/", "io/vertx/")),
            new Rule("other (start-up, prompts, main thread)", List.of("")));

    public static void main(String[] args) throws IOException {
        List<Map<String, Long>> slices = new ArrayList<>();
        List<Long> totals = new ArrayList<>();
        for (String file : args) {
            Map<String, Long> counts = new LinkedHashMap<>();
            RULES.forEach(rule -> counts.put(rule.name(), 0L));
            long total = 0;
            for (String line : Files.readAllLines(Path.of(file))) {
                int space = line.lastIndexOf(' ');
                if (space < 0) {
                    continue;
                }
                String stack = line.substring(0, space);
                long samples = Long.parseLong(line.substring(space + 1).trim());
                total += samples;
                for (Rule rule : RULES) {
                    if (rule.matches(stack)) {
                        counts.merge(rule.name(), samples, Long::sum);
                        break;
                    }
                }
            }
            slices.add(counts);
            totals.add(total);
        }
        StringBuilder out = new StringBuilder("| CPU samples (1 ms each) by what they were doing |");
        for (int i = 0; i < args.length; i++) {
            out.append(" slice ").append(i + 1).append(" |");
        }
        out.append("\n|---|").append("---|".repeat(args.length)).append('\n');
        for (Rule rule : RULES) {
            out.append("| ").append(rule.name()).append(" |");
            for (int i = 0; i < args.length; i++) {
                long n = slices.get(i).get(rule.name());
                out.append(String.format(Locale.ROOT, " %d (%.1f %%) |", n,
                        totals.get(i) == 0 ? 0.0 : 100.0 * n / totals.get(i)));
            }
            out.append('\n');
        }
        out.append("| total |");
        totals.forEach(t -> out.append(' ').append(t).append(" |"));
        System.out.println(out.append('\n'));
    }
}
