package dev.benchy.core.measure;

import dev.benchy.core.stream.RequestTrace;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestMeasurementTest {

    @Test
    void measuresEveryPerRequestNumber() {
        RequestTrace trace = Traces.startedAt(2).firstResponse(2.5).firstToken(2.75).firstContent(3.0)
                .events(2.75, 3.0, 3.25).promptTokens(90).build();

        RequestMeasurement m = RequestMeasurement.of(trace, Traces.ns(2), 100, 0.25, null);

        assertEquals(0.5, m.ttfr().getAsDouble(), 0.0);
        assertEquals(0.25, m.estPpt().getAsDouble(), 0.0);
        assertEquals(0.75, m.e2eTtft().getAsDouble(), 0.0);
        assertEquals(1.0, m.contentTtft().getAsDouble(), 0.0);
        assertEquals(90, m.promptTokens());
        assertEquals(360.0, m.ppSpeed().getAsDouble(), 0.0);
        assertEquals(4.0, m.tgSpeed().getAsDouble(), 0.0);
        assertEquals(4.0, m.peak().getAsDouble(), 0.0);
        assertEquals(3, m.timeline().count());
    }

    @Test
    void estPptNeedsBothAResponseAndAToken() {
        RequestTrace noToken = Traces.startedAt(0).firstResponse(0.5).build();

        RequestMeasurement m = RequestMeasurement.of(noToken, Traces.ns(0), 100, 0.0, null);

        assertTrue(m.estPpt().isEmpty());
        assertTrue(m.ppSpeed().isEmpty());
        assertTrue(m.peak().isEmpty());
        assertTrue(m.tgSpeed().isEmpty());
    }
}
