package dev.benchy.service.api;

import dev.benchy.core.report.ReportWriter;
import dev.benchy.core.report.RunReport;
import jakarta.ws.rs.core.Response;

import java.util.stream.Collectors;

/** A report as an HTTP answer in the format asked for: json (llama-benchy's, the default), md or csv. */
final class ReportResponses {

    private ReportResponses() {
    }

    static Response of(RunReport report, String format) {
        String wanted = format == null || format.isBlank() ? "json" : format;
        return ReportWriter.forFormat(wanted)
                .map(writer -> Response.ok(writer.write(report), writer.mediaType() + "; charset=utf-8").build())
                .orElseGet(() -> Problem.badRequest("format must be one of "
                        + ReportWriter.all().stream().map(ReportWriter::format).collect(Collectors.joining(", "))
                        + ", but was " + format));
    }
}
