package dev.benchy.core.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.util.Instantiatable;

import java.io.IOException;

/**
 * Jackson's layout set to Python's {@code json.dumps(indent=2)}, which llama-benchy writes: every object field and
 * every array element on its own line, two spaces per level, {@code ": "} between name and value, {@code ","} at line
 * ends, and {@code []} / {@code {}} for empty containers. Jackson's default printer keeps arrays on one line and writes
 * {@code " : "}, so files would differ from llama-benchy's for no reason.
 */
final class PythonJsonPrinter implements PrettyPrinter, Instantiatable<PythonJsonPrinter> {

    private static final String INDENT = "  ";

    private int depth;

    @Override
    public PythonJsonPrinter createInstance() {
        return new PythonJsonPrinter();
    }

    @Override
    public void writeRootValueSeparator(JsonGenerator gen) throws IOException {
        gen.writeRaw('\n');
    }

    @Override
    public void writeStartObject(JsonGenerator gen) throws IOException {
        gen.writeRaw('{');
        depth++;
    }

    @Override
    public void beforeObjectEntries(JsonGenerator gen) throws IOException {
        newLine(gen);
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator gen) throws IOException {
        gen.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator gen) throws IOException {
        gen.writeRaw(',');
        newLine(gen);
    }

    @Override
    public void writeEndObject(JsonGenerator gen, int entries) throws IOException {
        depth--;
        if (entries > 0) {
            newLine(gen);
        }
        gen.writeRaw('}');
    }

    @Override
    public void writeStartArray(JsonGenerator gen) throws IOException {
        gen.writeRaw('[');
        depth++;
    }

    @Override
    public void beforeArrayValues(JsonGenerator gen) throws IOException {
        newLine(gen);
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator gen) throws IOException {
        gen.writeRaw(',');
        newLine(gen);
    }

    @Override
    public void writeEndArray(JsonGenerator gen, int values) throws IOException {
        depth--;
        if (values > 0) {
            newLine(gen);
        }
        gen.writeRaw(']');
    }

    private void newLine(JsonGenerator gen) throws IOException {
        gen.writeRaw('\n');
        gen.writeRaw(INDENT.repeat(depth));
    }
}
