package dev.benchy.core.measure;

import dev.benchy.core.prompt.Tokenizer;
import dev.benchy.core.stream.RequestTrace;

import java.util.OptionalDouble;

/**
 * What one successful request measured (llama-benchy's per-request numbers, spec §11.1 with benchy's corrections).
 * Times are seconds; the timeline shares its origin with the other requests of the batch.
 *
 * @param ttfr         time to first response
 * @param estPpt       ttfr − latency, clamped at 0; only for a request that produced a first token
 * @param estPptClamped whether that clamp applied (ttfr not above the latency)
 * @param e2eTtft      time to the first content, reasoning or tool-call event
 * @param contentTtft  time to the first non-reasoning content
 * @param promptTokens the pp numerator (expected count, or the server's when within ±20 %)
 * @param ppSpeed      promptTokens / estPpt, when estPpt &gt; 0
 * @param tgSpeed      tokens after the first / (last − first token)
 * @param peak         the request's peak t/s
 * @param timeline     the request's token timestamps
 * @param latency      start to the end of the response
 * @param eventGaps    the gaps between consecutive content events
 */
record RequestMeasurement(
        OptionalDouble ttfr,
        OptionalDouble estPpt,
        boolean estPptClamped,
        OptionalDouble e2eTtft,
        OptionalDouble contentTtft,
        int promptTokens,
        OptionalDouble ppSpeed,
        OptionalDouble tgSpeed,
        OptionalDouble peak,
        TokenTimeline timeline,
        OptionalDouble latency,
        double[] eventGaps) {

    static RequestMeasurement of(RequestTrace trace, long originNanos, int expectedPromptTokens,
                                 double latencySeconds, Tokenizer tokenizer) {
        OptionalDouble ttfr = Formulas.ttfr(trace);
        OptionalDouble estPpt = trace.hasFirstToken() && ttfr.isPresent()
                ? OptionalDouble.of(Formulas.estPpt(ttfr.getAsDouble(), latencySeconds))
                : OptionalDouble.empty();
        int promptTokens = Formulas.promptTokens(expectedPromptTokens, trace.promptTokens());
        OptionalDouble ppSpeed = estPpt.isPresent()
                ? Formulas.ppRate(promptTokens, estPpt.getAsDouble())
                : OptionalDouble.empty();
        TokenTimeline timeline = TokenTimeline.of(trace, originNanos, tokenizer);
        double[] stamps = timeline.seconds();
        boolean clamped = estPpt.isPresent() && Formulas.estPptClamped(ttfr.getAsDouble(), latencySeconds);
        return new RequestMeasurement(ttfr, estPpt, clamped, Formulas.e2eTtft(trace), Formulas.contentTtft(trace),
                promptTokens, ppSpeed, Formulas.tgSpeed(stamps), Peak.of(stamps), timeline,
                Formulas.requestLatency(trace), Formulas.eventGaps(trace));
    }
}
