package dev.benchy.service.ui;

import dev.benchy.core.report.RunStatus;
import dev.benchy.service.store.ReportSummary;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Which stored runs make a report's baseline: the same target's runs that finished in the {@code span} before it,
 * itself excluded, that produced figures (ok or partial; a failed or cancelled run measured nothing to stand on).
 */
final class Baselines {

    /** The window of "the target's median of the last 7 days". */
    static final Duration WEEK = Duration.ofDays(7);

    private Baselines() {
    }

    /** The baseline's runs among {@code ofTarget} (the target's summaries, any order), newest first as given. */
    static List<ReportSummary> before(ReportSummary report, List<ReportSummary> ofTarget, Duration span) {
        Instant end = instant(report.finishedAt());
        if (end == null) {
            return List.of();
        }
        Instant start = end.minus(span);
        return ofTarget.stream()
                .filter(s -> !s.id().equals(report.id()))
                .filter(s -> s.status() == RunStatus.OK || s.status() == RunStatus.PARTIAL)
                .filter(s -> {
                    Instant at = instant(s.finishedAt());
                    return at != null && !at.isBefore(start) && at.isBefore(end);
                })
                .toList();
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
