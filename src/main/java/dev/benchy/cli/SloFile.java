package dev.benchy.cli;

import dev.benchy.core.report.SloThreshold;
import dev.benchy.core.slo.Slo;
import dev.benchy.core.slo.SloReader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code bench --slo-file FILE}: service-level thresholds in YAML, written as a target's {@code slo} block of the
 * service configuration, so one file serves a deploy pipeline and the canary alike:
 * <pre>
 * ttfr: 500ms
 * tg-min: 40
 * error-rate: 1%
 * rows:
 *   - depth: 4096
 *     ttfr: 2s
 * </pre>
 * Unknown keys are refused, and every problem is named by its key.
 */
final class SloFile {

    private static final String ROWS = "rows";

    private SloFile() {
    }

    /**
     * @throws IllegalArgumentException naming the file and each problem
     */
    static Slo read(Path file) {
        Object document;
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try (Reader reader = Files.newBufferedReader(file)) {
            document = new Yaml(new SafeConstructor(options)).load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": must be a readable file, but was not ("
                    + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()) + ")");
        } catch (YAMLException e) {
            throw new IllegalArgumentException(file + ": must be valid YAML, but was not ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (!(document instanceof Map<?, ?> top)) {
            throw new IllegalArgumentException(file + ": must map threshold keys (" + keys(true)
                    + ") to values, but was " + (document == null ? "empty" : document.getClass().getSimpleName()));
        }
        List<String> problems = new ArrayList<>();
        unknown("", top, keys(true), problems);
        List<Function<String, Optional<String>>> rows = new ArrayList<>();
        Object rowList = top.get(ROWS);
        if (rowList != null && !(rowList instanceof List<?>)) {
            problems.add(ROWS + ": must be a list of scoped limits, but was " + rowList);
        } else if (rowList != null) {
            List<?> list = (List<?>) rowList;
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof Map<?, ?> row) {
                    unknown(ROWS + "[" + i + "]: ", row, keys(false), problems);
                    rows.add(values(row));
                } else {
                    problems.add(ROWS + "[" + i + "]: must map scope and threshold keys to values, but was "
                            + list.get(i));
                }
            }
        }
        Slo slo = SloReader.read("", values(top), rows, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(file + ": " + String.join("; ", problems));
        }
        return slo;
    }

    /** The keys a level may hold: thresholds, and {@code rows} at the top or the scope keys in a row. */
    private static Set<String> keys(boolean top) {
        Set<String> keys = new LinkedHashSet<>();
        Arrays.stream(SloThreshold.values()).map(SloThreshold::key).forEach(keys::add);
        if (top) {
            keys.add(ROWS);
        } else {
            keys.addAll(SloReader.SCOPE_KEYS);
        }
        return keys;
    }

    private static void unknown(String at, Map<?, ?> map, Set<String> known, List<String> problems) {
        for (Object key : map.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                problems.add(at + "keys must be one of " + String.join(", ", known) + ", but one was '" + key + "'");
            }
        }
    }

    private static Function<String, Optional<String>> values(Map<?, ?> map) {
        return key -> Optional.ofNullable(map.get(key)).map(String::valueOf);
    }
}
