package dev.benchy.real;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Report rows paired with the server tasks that served them, in the order benchy sends its batches. */
class ServedRowsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode report(String rows) throws Exception {
        return JSON.readTree("{\"benchmarks\": [" + rows + "]}");
    }

    private static String row(String test, int c, int requests, boolean contextPhase) {
        return "{\"test\": \"" + test + "\", \"concurrency\": " + c + ", \"requests\": " + requests
                + ", \"is_context_prefill_phase\": " + contextPhase + "}";
    }

    private static List<ServerLog.Task> tasks(int n) {
        return IntStream.range(0, n).mapToObj(id -> new ServerLog.Task(id, id % 4, 100, 0, 100, 1, 1, 8, 1, 1))
                .toList();
    }

    private static List<Integer> ids(ServedRows.Row row) {
        return row.tasks().stream().map(ServerLog.Task::id).toList();
    }

    @Test
    void standardRowsTakeTheirRequestsInTurn() throws Exception {
        List<ServedRows.Row> rows = ServedRows.pair(report(row("pp1", 2, 4, false) + "," + row("pp2", 1, 3, false)),
                tasks(7));

        assertEquals(List.of(0, 1, 2, 3), ids(rows.get(0)));
        assertEquals(List.of(4, 5, 6), ids(rows.get(1)));
        assertEquals("pp2", rows.get(1).name());
    }

    @Test
    void prefixCachingAlternatesContextAndInferenceBatches() throws Exception {
        List<ServedRows.Row> rows = ServedRows.pair(
                report(row("ctx_pp @ d512 (c2)", 2, 4, true) + "," + row("pp128 @ d512 (c2)", 2, 4, false)),
                tasks(8));

        assertEquals(List.of(0, 1, 4, 5), ids(rows.get(0)));
        assertEquals(List.of(2, 3, 6, 7), ids(rows.get(1)));
    }

    @Test
    void aServerThatRanOtherThanTheReportCountsIsNamed() throws Exception {
        JsonNode report = report(row("pp1", 2, 4, false));

        AssertionError fewer = assertThrows(AssertionError.class, () -> ServedRows.pair(report, tasks(3)));
        assertTrue(fewer.getMessage().startsWith("the report counts more measured requests than the 3 the server"
                + " ran"), fewer.getMessage());
        AssertionError more = assertThrows(AssertionError.class, () -> ServedRows.pair(report, tasks(5)));
        assertTrue(more.getMessage().startsWith("the report counts 4 measured requests, the server ran 5"),
                more.getMessage());
    }
}
