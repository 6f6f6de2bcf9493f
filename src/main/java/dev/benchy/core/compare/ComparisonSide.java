package dev.benchy.core.compare;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.benchy.core.report.ReportFigures;
import dev.benchy.core.report.RunReport;

import java.util.List;

/**
 * One side of a comparison: a report, or a baseline made of several (the median of a target's recent runs).
 *
 * @param label   what the reader calls it: a file name, a report id, "median of 12 runs since ..."
 * @param model   the model measured, or null when unknown
 * @param figures the numbers compared
 */
@JsonPropertyOrder({"label", "model"})
public record ComparisonSide(@JsonProperty("label") String label, @JsonProperty("model") String model,
                             @JsonIgnore ReportFigures figures) {

    /** A single report. */
    public static ComparisonSide of(String label, RunReport report) {
        return new ComparisonSide(label, report.model(), ReportFigures.of(report));
    }

    /** The median of several reports of one target, row by row (see {@link ReportFigures#median}). */
    public static ComparisonSide median(String label, List<RunReport> reports) {
        String model = reports.isEmpty() ? null : reports.get(0).model();
        return new ComparisonSide(label, model, ReportFigures.median(reports.stream().map(ReportFigures::of)
                .toList()));
    }
}
