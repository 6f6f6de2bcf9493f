package dev.benchy.core.slo;

import dev.benchy.core.report.RowScope;
import dev.benchy.core.report.SloThreshold;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a target's thresholds as the service configuration and {@code bench --slo-file} write them: a value per
 * threshold key ({@code ttfr}, {@code e2e-ttft}, {@code pp-min}, {@code tg-min}, {@code error-rate}), and
 * {@code rows}, each naming its scope ({@code depth}, {@code concurrency}, {@code pp}, {@code tg}) and its own
 * limits. Every problem is collected and named by its key, e.g.
 * {@code benchy.targets.vllm.slo.ttfr: must be a duration such as 500ms or 2s, but was abc}.
 */
public final class SloReader {

    /** The keys that scope a row, in the order a scope lists them. */
    public static final List<String> SCOPE_KEYS = List.of("depth", "concurrency", "pp", "tg");

    private SloReader() {
    }

    /**
     * @param key      the key the values are under, e.g. {@code benchy.targets.vllm.slo}; empty for none
     * @param values   the text of each threshold key, empty when not given
     * @param rows     per scoped row, the text of each scope and threshold key
     * @param problems where each problem is added
     * @return the thresholds, or {@link Slo#NONE} when a problem was found
     */
    public static Slo read(String key, Function<String, Optional<String>> values,
                           List<Function<String, Optional<String>>> rows, List<String> problems) {
        int before = problems.size();
        Map<SloThreshold, Double> limits = limits(key, values, problems);
        List<Slo.Scoped> scoped = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String rowKey = child(key, "rows[" + i + "]");
            Function<String, Optional<String>> row = rows.get(i);
            RowScope scope = new RowScope(whole(rowKey, "depth", row, 0, problems),
                    whole(rowKey, "concurrency", row, 1, problems), whole(rowKey, "pp", row, 1, problems),
                    whole(rowKey, "tg", row, 1, problems));
            Map<SloThreshold, Double> rowLimits = limits(rowKey, row, problems);
            if (scope.text().isEmpty()) {
                problems.add(rowKey + ": must name its rows by at least one of " + String.join(", ", SCOPE_KEYS)
                        + ", but named none");
            }
            if (Arrays.stream(SloThreshold.values()).allMatch(t -> row.apply(t.key()).isEmpty())) {
                problems.add(rowKey + ": must set at least one of " + SloText.keys() + ", but set none");
            }
            scoped.add(new Slo.Scoped(scope, rowLimits));
        }
        return problems.size() > before ? Slo.NONE : new Slo(limits, scoped);
    }

    private static Map<SloThreshold, Double> limits(String key, Function<String, Optional<String>> values,
                                                    List<String> problems) {
        Map<SloThreshold, Double> limits = new EnumMap<>(SloThreshold.class);
        for (SloThreshold threshold : SloThreshold.values()) {
            Optional<String> text = values.apply(threshold.key());
            if (text.isPresent()) {
                try {
                    limits.put(threshold, SloText.limit(threshold, text.get()));
                } catch (IllegalArgumentException e) {
                    problems.add(child(key, threshold.key()) + ": " + e.getMessage());
                }
            }
        }
        return limits;
    }

    private static Integer whole(String key, String name, Function<String, Optional<String>> values, int min,
                                 List<String> problems) {
        Optional<String> text = values.apply(name);
        if (text.isEmpty()) {
            return null;
        }
        String value = text.get().strip();
        try {
            int n = Integer.parseInt(value);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(child(key, name) + ": must be a whole number of " + min + " or more, but was " + value);
        return null;
    }

    /** {@code key.name}, or {@code name} alone under the empty key (a file that holds only thresholds). */
    private static String child(String key, String name) {
        return key.isEmpty() ? name : key + "." + name;
    }
}
