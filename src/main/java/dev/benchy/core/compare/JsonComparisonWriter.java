package dev.benchy.core.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.UncheckedIOException;

/**
 * A comparison as JSON, for scripts: {@code a} and {@code b} (label, model), {@code rows} (test, concurrency, metric
 * key and header, both means, {@code change_percent} or null, {@code verdict}), {@code only_in_a}, {@code only_in_b}.
 */
public final class JsonComparisonWriter implements ComparisonWriter {

    private final ObjectWriter writer = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
            .writer();

    @Override
    public String format() {
        return "json";
    }

    @Override
    public String mediaType() {
        return "application/json";
    }

    @Override
    public String write(Comparison comparison) {
        try {
            return writer.writeValueAsString(comparison) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
