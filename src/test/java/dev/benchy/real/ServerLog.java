package dev.benchy.real;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's own account of each completion it ran, read from llama-server's log (trace level): per task the
 * prompt size, how much of it came from the cache, and the {@code prompt eval time} / {@code eval time} lines it prints
 * when the task ends. The figures are the ones of the task's {@code timings} object, named as there.
 */
final class ServerLog {

    /** One completion as the server saw it. */
    record Task(int id, int slot, int nTokens, int cacheN, int promptN, double promptMs, double promptPerSecond,
                int predictedN, double predictedMs, double predictedPerSecond) {
    }

    private static final Pattern SLOT_LINE = Pattern.compile("id\\s+(\\d+) \\| task (\\d+) \\| (.*)$");
    private static final Pattern NEW_PROMPT = Pattern.compile("^new prompt, .*task\\.n_tokens = (\\d+)");
    private static final Pattern CACHED = Pattern.compile("^cached n_tokens = (\\d+),");
    private static final String TIMING = "time =\\s*(\\S+) ms /\\s*(\\d+) tokens \\(\\s*\\S+ ms per token,\\s*(\\S+) tokens per second\\)";
    private static final Pattern PROMPT_EVAL = Pattern.compile("^prompt eval " + TIMING);
    private static final Pattern EVAL = Pattern.compile("^\\s*eval " + TIMING);

    private final List<Task> tasks;

    private ServerLog(List<Task> tasks) {
        this.tasks = List.copyOf(tasks);
    }

    /** Reads the log's lines; a task appears once both its timing lines were printed. */
    static ServerLog parse(List<String> lines) {
        Map<Integer, Partial> partials = new TreeMap<>();
        List<Task> done = new ArrayList<>();
        for (String line : lines) {
            Matcher slotLine = SLOT_LINE.matcher(line);
            if (!slotLine.find()) {
                continue;
            }
            int slot = Integer.parseInt(slotLine.group(1));
            int task = Integer.parseInt(slotLine.group(2));
            String text = slotLine.group(3);
            Partial p = partials.computeIfAbsent(task, id -> new Partial(id, slot));
            Matcher m;
            if ((m = NEW_PROMPT.matcher(text)).find()) {
                p.nTokens = Integer.parseInt(m.group(1));
            } else if ((m = CACHED.matcher(text)).find() && p.cacheN < 0) {
                p.cacheN = Integer.parseInt(m.group(1));
            } else if ((m = PROMPT_EVAL.matcher(text)).find()) {
                p.prompt = m;
            } else if ((m = EVAL.matcher(text)).find() && p.prompt != null) {
                done.add(p.complete(m));
                partials.remove(task);
            }
        }
        done.sort((a, b) -> Integer.compare(a.id(), b.id()));
        return new ServerLog(done);
    }

    List<Task> tasks() {
        return tasks;
    }

    /** The id of the newest completed task, or −1: a mark to take before a run. */
    int lastTask() {
        return tasks.isEmpty() ? -1 : tasks.get(tasks.size() - 1).id();
    }

    /** The tasks completed after {@code mark} that match, oldest first. */
    List<Task> after(int mark, Predicate<Task> filter) {
        return tasks.stream().filter(t -> t.id() > mark).filter(filter).toList();
    }

    private static final class Partial {
        final int id;
        final int slot;
        int nTokens = -1;
        int cacheN = -1;
        Matcher prompt;

        Partial(int id, int slot) {
            this.id = id;
            this.slot = slot;
        }

        Task complete(Matcher eval) {
            return new Task(id, slot, nTokens, cacheN, Integer.parseInt(prompt.group(2)),
                    Double.parseDouble(prompt.group(1)), Double.parseDouble(prompt.group(3)),
                    Integer.parseInt(eval.group(2)), Double.parseDouble(eval.group(1)),
                    Double.parseDouble(eval.group(3)));
        }
    }
}
