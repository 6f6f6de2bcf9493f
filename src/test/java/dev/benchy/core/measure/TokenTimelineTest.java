package dev.benchy.core.measure;

import dev.benchy.core.measure.TokenTimeline.Source;
import dev.benchy.core.stream.RequestTrace;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenTimelineTest {

    private static final int ABSENT = RequestTrace.ABSENT;
    private static final Traces.WordTokenizer WORDS = new Traces.WordTokenizer();

    private static TokenTimeline timeline(Traces trace) {
        return TokenTimeline.of(trace.build(), Traces.BASE, WORDS);
    }

    @Test
    void noContentEventsMeanNoTokens() {
        TokenTimeline t = timeline(Traces.startedAt(0).completionTokens(12).text("some words"));

        assertTrue(t.isEmpty());
        assertEquals(0, t.count());
    }

    @Test
    void oneTokenIdPerEventTakesTheEventsStamp() {
        TokenTimeline t = timeline(Traces.startedAt(0).events(1.0, 1.25, 1.5).completionTokens(99));

        assertEquals(Source.TOKEN_IDS, t.source());
        assertArrayEquals(new double[] {1.0, 1.25, 1.5}, t.seconds(), 0.0);
    }

    @Test
    void multiTokenEventsAreSpreadOverTheGapSinceThePreviousToken() {
        // MTP-style: three token ids per event; the first event's tokens share its stamp
        TokenTimeline t = timeline(Traces.startedAt(0).event(1.0, 3).event(1.75, 3).event(2.5, 3));

        assertEquals(Source.TOKEN_IDS, t.source());
        assertArrayEquals(new double[] {1.0, 1.0, 1.0, 1.25, 1.5, 1.75, 2.0, 2.25, 2.5}, t.seconds(), 0.0);
        assertEquals(4.0, Formulas.tgSpeed(t.seconds()).getAsDouble(), 0.0);
    }

    @Test
    void anEventWithAnEmptyTokenIdListAddsNoToken() {
        TokenTimeline t = timeline(Traces.startedAt(0).event(1.0, 2).event(1.5, 0).event(2.0, 2));

        assertEquals(Source.TOKEN_IDS, t.source());
        assertArrayEquals(new double[] {1.0, 1.0, 1.5, 2.0}, t.seconds(), 0.0);
    }

    @Test
    void usageCountIsSpreadEvenlyWhenSomeEventLacksTokenIds() {
        TokenTimeline t = timeline(Traces.startedAt(0).event(1.0, 3).event(2.0, ABSENT).completionTokens(5)
                .text("one two"));

        assertEquals(Source.USAGE, t.source());
        assertArrayEquals(new double[] {1.0, 1.25, 1.5, 1.75, 2.0}, t.seconds(), 0.0);
    }

    @Test
    void usageOfOneTokenSitsAtTheFirstEvent() {
        TokenTimeline t = timeline(Traces.startedAt(0).eventsWithoutIds(1.0, 2.0).completionTokens(1));

        assertArrayEquals(new double[] {1.0}, t.seconds(), 0.0);
    }

    @Test
    void usageOverASingleEventPutsEveryTokenAtItsStamp() {
        TokenTimeline t = timeline(Traces.startedAt(0).eventsWithoutIds(1.5).completionTokens(4));

        assertArrayEquals(new double[] {1.5, 1.5, 1.5, 1.5}, t.seconds(), 0.0);
    }

    @Test
    void tokenizerCountsTheJoinedTextOnceNotEachEvent() {
        // "Hel" + "lo" + " world": counted per event that is 3 words, joined it is 2
        TokenTimeline t = timeline(Traces.startedAt(0).eventsWithoutIds(1.0, 1.5, 2.0).text("Hello world"));

        assertEquals(Source.TOKENIZER, t.source());
        assertEquals(2, t.count());
        assertArrayEquals(new double[] {1.0, 2.0}, t.seconds(), 0.0);
    }

    @Test
    void withoutTokenizerEachEventIsOneToken() {
        TokenTimeline t = TokenTimeline.of(
                Traces.startedAt(0).eventsWithoutIds(1.0, 1.5, 2.0).text("Hello world").build(), Traces.BASE, null);

        assertEquals(Source.EVENTS, t.source());
        assertArrayEquals(new double[] {1.0, 1.5, 2.0}, t.seconds(), 0.0);
    }

    @Test
    void textTheTokenizerFindsNoTokenInCountsEvents() {
        TokenTimeline t = timeline(Traces.startedAt(0).eventsWithoutIds(1.0, 1.5).text("  "));

        assertEquals(Source.EVENTS, t.source());
        assertEquals(2, t.count());
    }

    @Test
    void timesAreSecondsSinceTheGivenOrigin() {
        TokenTimeline t = TokenTimeline.of(Traces.startedAt(10).events(10.5, 11.0).build(), Traces.ns(10), null);

        assertArrayEquals(new double[] {0.5, 1.0}, t.seconds(), 0.0);
    }

    @Test
    void secondsAreACopy() {
        TokenTimeline t = timeline(Traces.startedAt(0).events(1.0, 2.0));

        t.seconds()[0] = 99;

        assertArrayEquals(new double[] {1.0, 2.0}, t.seconds(), 0.0);
    }

    @Test
    void rejectsTokenIdCountsThatDoNotMatchTheEvents() {
        RequestTrace bad = new RequestTrace(0, 1, 1, 1, 1, 2, new long[] {1, 2}, new int[] {1}, "", ABSENT, ABSENT,
                ABSENT, 200, null);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TokenTimeline.of(bad, 0, null));

        assertEquals("eventTokenIds must have one entry per content event (2), but had 1", e.getMessage());
    }
}
