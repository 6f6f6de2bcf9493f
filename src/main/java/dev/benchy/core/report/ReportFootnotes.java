package dev.benchy.core.report;

import dev.benchy.core.plan.RowLabel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The warnings a reader of the table needs to trust (or distrust) its numbers, which the table itself cannot show:
 * a prompt that the server partly served from its prefix cache (so the pp rate is not a cold prefill), and tests with
 * failed requests (whose numbers come from the requests that succeeded). One line each, in report order; none when
 * nothing applies.
 */
public final class ReportFootnotes {

    static final String MARK = "\u26a0 ";
    /** Long server error bodies are cut to this many characters, so a footnote stays one readable line. */
    static final int MAX_ERROR_LENGTH = 200;

    private ReportFootnotes() {
    }

    /** The footnotes of a report, without line breaks. */
    public static List<String> of(RunReport report) {
        List<String> notes = new ArrayList<>();
        for (BenchmarkRun run : report.benchmarks()) {
            String label = RowLabel.withConcurrency(
                    RowLabel.pp(run.promptSize(), run.contextSize(), run.contextPrefillPhase()),
                    run.concurrency(), report.maxConcurrency());
            if (run.cacheHit() && !warmByDesign(run, report)) {
                notes.add(MARK + label + ": " + cacheHit(run.cachedTokens()));
            }
            if (run.failedRequests() > 0) {
                notes.add(MARK + label + ": " + failures(run));
            }
        }
        return List.copyOf(notes);
    }

    /** The inference phase of {@code --enable-prefix-caching} is meant to find its context cached. */
    private static boolean warmByDesign(BenchmarkRun run, RunReport report) {
        return report.prefixCachingEnabled() && run.contextSize() > 0 && !run.contextPrefillPhase();
    }

    private static String cacheHit(Metric cachedTokens) {
        if (cachedTokens == null) {
            return "the server reported cached prompt tokens; prefill was not cold.";
        }
        double least = cachedTokens.values().stream().mapToDouble(Double::doubleValue).min().orElse(cachedTokens.mean());
        double most = cachedTokens.values().stream().mapToDouble(Double::doubleValue).max().orElse(cachedTokens.mean());
        String count = least == most ? count(least) : count(least) + "\u2013" + count(most);
        return "the server reported " + count + " cached prompt tokens; prefill was not cold.";
    }

    private static String failures(BenchmarkRun run) {
        int failed = run.failedRequests();
        String text = failed <= run.requests()
                ? failed + " of " + run.requests() + (run.requests() == 1 ? " request failed" : " requests failed")
                : failed + (failed == 1 ? " request failed" : " requests failed");
        Set<String> distinct = new LinkedHashSet<>();
        for (String error : run.errors()) {
            if (error != null && !error.isBlank()) {
                distinct.add(oneLine(error));
            }
        }
        if (distinct.isEmpty()) {
            return text + ".";
        }
        String first = distinct.iterator().next();
        int others = distinct.size() - 1;
        return text + ": " + first + (others == 0 ? "" : " (and " + others + (others == 1 ? " other error)" : " other errors)"));
    }

    private static String oneLine(String error) {
        String line = error.strip().replaceAll("\\s+", " ");
        if (line.codePointCount(0, line.length()) <= MAX_ERROR_LENGTH) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, MAX_ERROR_LENGTH)) + "\u2026";
    }

    private static String count(double tokens) {
        return tokens == Math.rint(tokens) && !Double.isInfinite(tokens)
                ? Long.toString((long) tokens)
                : PythonFloat.fixed(tokens, 1);
    }
}
