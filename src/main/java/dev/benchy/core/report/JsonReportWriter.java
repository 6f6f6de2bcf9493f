package dev.benchy.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;

import java.io.UncheckedIOException;

/**
 * The report as JSON, the format the service stores and serves: llama-benchy's report fields first, in its order, then
 * benchy's, laid out exactly as llama-benchy's {@code json.dumps(indent=2)} (no trailing line break), so tools written
 * for llama-benchy's files (its schema, notebooks, dashboards) read benchy's too. Absent metrics are written as null.
 */
public final class JsonReportWriter implements ReportWriter {

    private final ObjectWriter writer = ReportJson.mapper().writerFor(RunReport.class);

    @Override
    public String format() {
        return "json";
    }

    @Override
    public String mediaType() {
        return "application/json";
    }

    @Override
    public String write(RunReport report) {
        try {
            return writer.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("report " + report.id() + " must be writable as JSON, but was not", e);
        }
    }
}
