package dev.benchy.simulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The small OpenAI-shaped JSON documents the simulator answers with besides completions: errors and the model list.
 * Rendering lives in one place so the handler and the completion renderer agree on the wire format.
 */
final class OpenAiWire {

    /** Thread-safe once configured, and never reconfigured. */
    private static final JsonFactory JSON = new JsonFactory();

    private OpenAiWire() {
    }

    /** Something that writes one JSON document. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    static String render(Body body) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Renders straight to UTF-8 bytes, the same bytes as {@link #render(Body)} encoded: the sending path uses it so
     * an event costs no String, no char buffer and no re-encoding.
     */
    static void render(Body body, OutputStream out) {
        try (JsonGenerator g = JSON.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code {"error":{"message":..,"type":..,"param":..,"code":null}}}, as OpenAI-compatible servers answer. */
    static String error(String message, String type, String param) {
        return render(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeStringField("message", message);
            g.writeStringField("type", type);
            if (param == null) {
                g.writeNullField("param");
            } else {
                g.writeStringField("param", param);
            }
            g.writeNullField("code");
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** {@code GET /v1/models}: one model, whose {@code root} is the same id (there is no Hugging Face name behind it). */
    static String models(String modelId) {
        return render(g -> {
            g.writeStartObject();
            g.writeStringField("object", "list");
            g.writeArrayFieldStart("data");
            g.writeStartObject();
            g.writeStringField("id", modelId);
            g.writeStringField("object", "model");
            g.writeStringField("owned_by", "benchy");
            g.writeStringField("root", modelId);
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        });
    }
}
