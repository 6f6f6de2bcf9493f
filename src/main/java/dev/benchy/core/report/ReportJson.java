package dev.benchy.core.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;

/**
 * The one Jackson set-up behind benchy's JSON reports, shared by the writer and the reader so they cannot disagree.
 * Its output is what Python's {@code json.dumps(report, indent=2)} prints for the same data: the same layout
 * ({@link PythonJsonPrinter}), the same number text ({@link PythonFloat#repr}) and non-ASCII characters escaped as
 * lowercase backslash-u escapes (Python's default {@code ensure_ascii}). Reading ignores unknown fields, so reports from
 * newer benchy or plain llama-benchy versions load, and leaves the caller's stream open.
 */
final class ReportJson {

    private ReportJson() {
    }

    /** A new mapper configured as described above. Mappers are not shared, so no one can reconfigure another's. */
    static JsonMapper mapper() {
        JsonFactory factory = JsonFactory.builder()
                .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
                .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .addDecorator((ignored, generator) -> new PythonNumbers(generator))
                .build();
        return JsonMapper.builder(factory)
                .defaultPrettyPrinter(new PythonJsonPrinter())
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /**
     * Writes every finite double as Python's {@code repr} ({@code 1e-05} rather than {@code 1.0E-5}). NaN and the
     * infinities, which no report should hold, keep Jackson's quoted form ({@code "NaN"}), which reads back as the same
     * value; Python would write a bare {@code NaN}, which is not JSON.
     */
    private static final class PythonNumbers extends JsonGeneratorDelegate {

        PythonNumbers(JsonGenerator delegate) {
            super(delegate);
        }

        @Override
        public void writeNumber(double value) throws IOException {
            if (Double.isFinite(value)) {
                delegate.writeNumber(PythonFloat.repr(value));
            } else {
                delegate.writeNumber(value);
            }
        }

        @Override
        public void writeArray(double[] array, int offset, int length) throws IOException {
            delegate.writeStartArray(array, length);
            for (int i = offset; i < offset + length; i++) {
                writeNumber(array[i]);
            }
            delegate.writeEndArray();
        }
    }
}
