package dev.benchy.service.api;

import dev.benchy.core.report.CsvReportWriter;
import dev.benchy.core.report.JsonReportWriter;
import dev.benchy.core.report.MarkdownReportWriter;
import dev.benchy.core.report.ReportWriter;
import dev.benchy.core.report.RunReport;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.stream.Collectors;

/** A report as an HTTP answer in the format asked for: json (llama-benchy's, the default), md or csv. */
final class ReportResponses {

    private static final List<ReportWriter> WRITERS =
            List.of(new JsonReportWriter(), new MarkdownReportWriter(), new CsvReportWriter());

    private ReportResponses() {
    }

    static Response of(RunReport report, String format) {
        String wanted = format == null || format.isBlank() ? "json" : format.strip();
        for (ReportWriter writer : WRITERS) {
            if (writer.format().equalsIgnoreCase(wanted)) {
                return Response.ok(writer.write(report), writer.mediaType() + "; charset=utf-8").build();
            }
        }
        return Problem.badRequest("format must be one of "
                + WRITERS.stream().map(ReportWriter::format).collect(Collectors.joining(", "))
                + ", but was " + format);
    }
}
