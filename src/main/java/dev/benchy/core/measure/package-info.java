/**
 * Pure measurement: raw {@link dev.benchy.core.stream.RequestTrace}s in, the numbers of a
 * {@link dev.benchy.core.report.BenchmarkRun} out. No clock, no I/O, no state: every formula is a static function
 * with its own test, so a number in a report can be traced back to one line of arithmetic.
 *
 * <p>Times arrive as nanoseconds ({@code long}) and are turned into {@code double} seconds relative to a local
 * origin (the batch's first start), which keeps sub-microsecond precision however long the process has been up.
 *
 * <p>Where llama-benchy 0.3.6 and benchy differ, the difference is deliberate and named in the javadoc of the
 * function that makes it: token counting ({@link dev.benchy.core.measure.TokenTimeline}), tg t/s
 * ({@link dev.benchy.core.measure.Formulas#tgSpeed(double[])}) and the short-stream peak
 * ({@link dev.benchy.core.measure.Peak}).
 */
package dev.benchy.core.measure;
