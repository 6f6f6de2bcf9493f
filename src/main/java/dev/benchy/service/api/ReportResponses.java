package dev.benchy.service.api;

import dev.benchy.core.report.ReportWriter;
import dev.benchy.core.report.RunReport;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.stream.Collectors;

/** A report as an HTTP answer in the format asked for: json (llama-benchy's, the default), md or csv. */
final class ReportResponses {

    /** The format parameter, for the API description. */
    static final String FORMAT = "json: llama-benchy's JSON report; md: its Markdown table; csv: its CSV";

    private ReportResponses() {
    }

    static Response of(RunReport report, String format) {
        String wanted = format == null || format.isBlank() ? "json" : format;
        return ReportWriter.forFormat(wanted)
                .map(writer -> Response.ok(writer.write(report), utf8(writer.mediaType())).build())
                .orElseGet(() -> Problem.badRequest("format must be one of "
                        + ReportWriter.all().stream().map(ReportWriter::format).collect(Collectors.joining(", "))
                        + ", but was " + format));
    }

    /** The writer's media type with one charset parameter, utf-8, whether it named one or not. */
    static MediaType utf8(String mediaType) {
        MediaType type = MediaType.valueOf(mediaType);
        return type.getParameters().containsKey(MediaType.CHARSET_PARAMETER) ? type : type.withCharset("utf-8");
    }
}
