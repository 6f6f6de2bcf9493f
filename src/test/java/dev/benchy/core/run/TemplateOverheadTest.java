package dev.benchy.core.run;

import dev.benchy.core.stream.RequestTrace;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TemplateOverheadTest {

    private final TemplateOverhead measured = new TemplateOverhead(7, 14, true);

    @Test
    void theServerCountsTheTextSentPlusTheTemplateAroundItsMessages() {
        // adapted at depth 0: 100 − 7 text tokens sent, the server sees the 100 the row asked for
        assertEquals(100, measured.serverCount(0, measured.adaptPrompt(100, 0)));
        // not adapted: the plain 100 plus the template
        assertEquals(107, measured.serverCount(0, 100));
        // with a context: system text, user text, the two messages' template
        assertEquals(300, measured.serverCount(measured.adaptDepth(200), 100));
        // the context-load phase: the context and the one-token user turn
        assertEquals(186 + 1 + 14, measured.serverCount(186, 1));
    }

    @Test
    void anUnmeasuredOverheadGivesNoCountToCheck() {
        assertEquals(RequestTrace.ABSENT, TemplateOverhead.NONE.serverCount(0, 100));
        assertEquals(RequestTrace.ABSENT, new TemplateOverhead(0, 0, false).serverCount(50, 100));
    }
}
