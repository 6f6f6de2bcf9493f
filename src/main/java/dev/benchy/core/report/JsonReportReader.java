package dev.benchy.core.report;

import com.fasterxml.jackson.databind.ObjectReader;

import java.io.IOException;
import java.io.InputStream;

/**
 * Loads a JSON report back into the model: the service stores every report as JSON and reads them at start-up, so a
 * report survives restarts. Reads what {@link JsonReportWriter} writes, and llama-benchy's own reports too (fields
 * benchy adds are then null, false or 0); fields it does not know are ignored.
 */
public final class JsonReportReader {

    private final ObjectReader reader = ReportJson.mapper().readerFor(RunReport.class);

    /** The report in these UTF-8 JSON bytes; an {@link IOException} names what is malformed. */
    public RunReport read(byte[] json) throws IOException {
        return reader.readValue(json);
    }

    /** The report in this UTF-8 JSON stream, which is read to its end but not closed. */
    public RunReport read(InputStream json) throws IOException {
        return reader.readValue(json);
    }
}
