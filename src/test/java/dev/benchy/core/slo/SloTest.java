package dev.benchy.core.slo;

import dev.benchy.core.report.BenchmarkRun;
import dev.benchy.core.report.RowScope;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.benchy.core.report.SloThreshold.ERROR_RATE;
import static dev.benchy.core.report.SloThreshold.TG_MIN;
import static dev.benchy.core.report.SloThreshold.TTFR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SloTest {

    private static BenchmarkRun run(int depth, int concurrency, boolean contextPhase) {
        return new BenchmarkRun(concurrency, depth, 512, 32, contextPhase, null, null, null, null, null, null, null,
                null, null, null, null, "pp512", null, null, null, false, 1, 0, List.of());
    }

    @Test
    void theOwnLimitsOverTheDefaultsKeyByKey() {
        Slo defaults = new Slo(Map.of(TTFR, 500.0, TG_MIN, 40.0),
                List.of(new Slo.Scoped(new RowScope(4096, null, null, null), Map.of(TTFR, 2000.0))));
        Slo own = new Slo(Map.of(TTFR, 800.0), List.of());

        Slo merged = defaults.with(own);

        assertEquals(Map.of(TTFR, 800.0, TG_MIN, 40.0), merged.limits());
        assertEquals(defaults.rows(), merged.rows(), "no rows of its own: the defaults' stay");
        List<Slo.Scoped> rows = List.of(new Slo.Scoped(new RowScope(null, 4, null, null), Map.of(TG_MIN, 20.0)));
        assertEquals(rows, defaults.with(new Slo(Map.of(), rows)).rows());
    }

    @Test
    void aScopeMatchesEveryValueItGivesAndNeverTheContextLoad() {
        RowScope scope = new RowScope(4096, 2, null, null);

        assertTrue(scope.matches(run(4096, 2, false)));
        assertFalse(scope.matches(run(4096, 1, false)));
        assertFalse(scope.matches(run(4096, 2, true)));
        assertEquals("depth=4096,concurrency=2", scope.text());
    }

    @Test
    void aRowTakesTheFirstScopeThatSetsTheThreshold() {
        Slo slo = new Slo(Map.of(TTFR, 500.0), List.of(
                new Slo.Scoped(new RowScope(4096, null, null, null), Map.of(TG_MIN, 10.0)),
                new Slo.Scoped(new RowScope(4096, null, null, null), Map.of(TTFR, 2000.0))));

        assertEquals(2000.0, slo.limitFor(TTFR, run(4096, 1, false)));
        assertEquals(500.0, slo.limitFor(TTFR, run(0, 1, false)));
        assertNull(slo.scopedLimit(ERROR_RATE, run(4096, 1, false)));
        assertFalse(slo.isEmpty());
        assertTrue(Slo.NONE.isEmpty());
    }

    @Test
    void limitsAreFiniteAndNotNegative() {
        assertEquals("tg-min must be a finite limit of 0 or more, but was -1.0", assertThrows(
                IllegalArgumentException.class, () -> new Slo(Map.of(TG_MIN, -1.0), List.of())).getMessage());
    }
}
