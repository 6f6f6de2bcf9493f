package dev.benchy.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * benchy's report schema ({@code schemas/benchy-report.schema.json}) against llama-benchy's: benchy's JSON satisfies
 * both, llama-benchy's sample satisfies benchy's, and benchy's schema keeps every llama-benchy field with its type.
 */
class ReportSchemaTest {

    private static final Path BENCHY_SCHEMA = Path.of("schemas", "benchy-report.schema.json");
    private static final String LLAMA_BENCHY_SCHEMA = "/schemas/llama-benchy-0.3.6.schema.json";
    private static final String LLAMA_BENCHY_SAMPLE = "/schemas/llama-benchy-0.3.6-sample.json";

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final JsonReportWriter writer = new JsonReportWriter();

    @Test
    void fullReportSatisfiesBothSchemas() throws IOException {
        JsonNode json = tree(writer.write(ReportFixtures.full()));

        assertEquals(Set.of(), benchySchema().validate(json));
        assertEquals(Set.of(), llamaBenchySchema().validate(json));
    }

    @Test
    void tableReportsSatisfyBothSchemas() throws IOException {
        for (RunReport report : new RunReport[] {ReportFixtures.singleConcurrency(), ReportFixtures.multiConcurrency()}) {
            JsonNode json = tree(writer.write(report));

            assertEquals(Set.of(), benchySchema().validate(json));
            assertEquals(Set.of(), llamaBenchySchema().validate(json));
        }
    }

    @Test
    void llamaBenchySampleSatisfiesBenchysSchema() throws IOException {
        JsonNode sample = ReportJson.mapper().readTree(JsonReportTest.resource(LLAMA_BENCHY_SAMPLE));

        assertEquals(Set.of(), benchySchema().validate(sample));
    }

    @Test
    void benchysSchemaRejectsWhatIsNotAReport() throws IOException {
        ObjectNode badStatus = (ObjectNode) tree(writer.write(ReportFixtures.full()));
        badStatus.put("status", "fine");
        ObjectNode unknownField = (ObjectNode) tree(writer.write(ReportFixtures.full()));
        ((ObjectNode) unknownField.get("benchmarks").get(0).get("ttfr")).put("p95", 1.0);
        ObjectNode missingModel = (ObjectNode) tree(writer.write(ReportFixtures.full()));
        missingModel.remove("model");

        Set<ValidationMessage> status = benchySchema().validate(badStatus);
        assertFalse(status.isEmpty());
        assertEquals("$.status", status.iterator().next().getInstanceLocation().toString());
        assertFalse(benchySchema().validate(unknownField).isEmpty());
        assertFalse(benchySchema().validate(missingModel).isEmpty());
    }

    @Test
    void everyLlamaBenchyFieldKeepsItsTypeAndRequiredness() throws IOException {
        JsonNode theirs = ReportJson.mapper().readTree(JsonReportTest.resource(LLAMA_BENCHY_SCHEMA));
        JsonNode ours = ReportJson.mapper().readTree(Files.readAllBytes(BENCHY_SCHEMA));

        assertSameFields(theirs, ours, "report");
        for (String definition : new String[] {"BenchmarkRun", "BenchmarkMetric"}) {
            assertSameFields(theirs.get("$defs").get(definition), ours.get("$defs").get(definition), definition);
        }
    }

    private static void assertSameFields(JsonNode theirs, JsonNode ours, String where) {
        assertEquals(theirs.get("required"), ours.get("required"), where + " required");
        assertEquals(theirs.get("type"), ours.get("type"), where + " type");
        for (Iterator<Map.Entry<String, JsonNode>> it = theirs.get("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode mine = ours.get("properties").get(field.getKey());
            assertNotNull(mine, where + " must keep field " + field.getKey());
            assertEquals(field.getValue().get("type"), mine.get("type"), where + "." + field.getKey() + " type");
            assertEquals(shape(field.getValue().get("anyOf")), shape(mine.get("anyOf")),
                    where + "." + field.getKey() + " anyOf");
        }
    }

    /** The anyOf alternatives without their descriptions, which benchy rewrites. */
    private static JsonNode shape(JsonNode anyOf) {
        if (anyOf == null) {
            return null;
        }
        JsonNode copy = anyOf.deepCopy();
        copy.findParents("description").forEach(parent -> ((ObjectNode) parent).remove("description"));
        return copy;
    }

    private JsonSchema benchySchema() throws IOException {
        try (InputStream in = Files.newInputStream(BENCHY_SCHEMA)) {
            return factory.getSchema(in);
        }
    }

    private JsonSchema llamaBenchySchema() throws IOException {
        try (InputStream in = ReportSchemaTest.class.getResourceAsStream(LLAMA_BENCHY_SCHEMA)) {
            return factory.getSchema(in);
        }
    }

    private static JsonNode tree(String json) throws IOException {
        return ReportJson.mapper().readTree(json);
    }
}
