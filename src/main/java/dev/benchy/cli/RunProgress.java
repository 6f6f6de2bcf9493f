package dev.benchy.cli;

import java.util.Locale;

/**
 * What {@code bench} is doing right now and since when: a step (warm-up, coherence test…) or a run (batch) of a
 * test, how many of the run's requests are done, and how far the whole suite is. The "still running" lines and the
 * progress bar are both read from it; time is the caller's (nanoseconds of one clock), so tests drive it.
 */
final class RunProgress {

    private static final int BAR_CELLS = 20;

    private final long intervalNanos;
    private String activity;
    private long since;
    private long nextNotice;
    private int batchSize;
    private int done;
    private int runsBefore;
    private int totalRuns;

    /** @param intervalNanos how long something runs before the first "still running" line, and between them */
    RunProgress(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /** A step outside the measured runs starts now. */
    synchronized void step(String what, long now) {
        start(what, 0, now);
    }

    /**
     * A run (batch) starts now.
     *
     * @param label      the run as its line names it ("[test 1/2 pp512 tg32 (c2)] Run 1/3 (batch size 2)")
     * @param runsBefore runs of the suite already completed
     * @param totalRuns  runs of the whole suite
     */
    synchronized void run(String label, int batchSize, int runsBefore, int totalRuns, long now) {
        start(label, batchSize, now);
        this.runsBefore = runsBefore;
        this.totalRuns = totalRuns;
    }

    private void start(String what, int requests, long now) {
        activity = what;
        since = now;
        nextNotice = intervalNanos;
        batchSize = requests;
        done = 0;
    }

    synchronized void requestFinished() {
        if (done < batchSize) {
            done++;
        }
    }

    /**
     * The "still running" words when what runs has reached its next interval (an interval, two…, counted from its
     * own start), else null. Each interval is said once.
     */
    synchronized String stillRunning(long now) {
        if (activity == null || now - since < nextNotice) {
            return null;
        }
        while (now - since >= nextNotice) {
            nextNotice += intervalNanos;
        }
        return activity + " still running... " + clock(now - since) + " so far" + requests();
    }

    /**
     * One line for a terminal: a bar of the suite's completed runs, the time since bench started, how long what
     * runs has been running (and how many of its requests are done), then what it is.
     *
     * @param elapsed the time since bench started, as printed
     * @param width   the terminal's width; the line is cut to fit so that redrawing it stays on one line
     */
    synchronized String bar(long now, String elapsed, int width) {
        StringBuilder line = new StringBuilder();
        if (totalRuns > 0) {
            int filled = (int) Math.round(BAR_CELLS * (double) runsBefore / totalRuns);
            line.append('[').append("#".repeat(filled)).append("-".repeat(BAR_CELLS - filled)).append("] ")
                    .append(runsBefore).append('/').append(totalRuns).append(" runs  ");
        }
        line.append("elapsed ").append(elapsed);
        if (activity != null) {
            // the times first: a narrow terminal cuts the long label, not the numbers
            line.append(" | ").append(clock(now - since)).append(requests()).append(" | ").append(activity.strip());
        }
        return line.length() < width ? line.toString() : line.substring(0, Math.max(0, width - 1));
    }

    private String requests() {
        return batchSize > 1 ? String.format(Locale.ROOT, ", %d/%d requests done", done, batchSize) : "";
    }

    /** {@code m:ss} */
    static String clock(long nanos) {
        long seconds = nanos / 1_000_000_000L;
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
