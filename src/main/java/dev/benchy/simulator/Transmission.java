package dev.benchy.simulator;

import dev.benchy.core.NanoClock;
import io.vertx.core.Timer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

import java.util.concurrent.TimeUnit;

/**
 * Delivers one planned completion on its schedule over one HTTP response, and records what it actually sent. It
 * lives on the response's event loop, so its state needs no locking. At most one timer is pending at any time, and
 * a client that goes away cancels it.
 *
 * <p>Timers fire about a millisecond late at best; every event whose time has come is written when one fires, so
 * a decode rate above 1000 events/s still sends the right number of tokens per unit of time, and the absolute
 * schedule keeps late timers from adding up.
 */
final class Transmission {

    private static final String DONE = "[DONE]";

    private final Vertx vertx;
    private final HttpServerResponse response;
    private final Completion completion;
    private final Schedule schedule;
    private final SimulatorStats stats;
    private final NanoClock clock;

    private Timer timer;
    private boolean ended;
    private int nextEvent;
    private long firstResponseNanos = ServedStream.ABSENT;
    private long firstTokenNanos = ServedStream.ABSENT;
    private long lastTokenNanos = ServedStream.ABSENT;
    private int tokensSent;
    private int tokensAfterFirstEvent;

    Transmission(Vertx vertx, HttpServerResponse response, Completion completion, SimulatorStats stats,
                 NanoClock clock) {
        this.vertx = vertx;
        this.response = response;
        this.completion = completion;
        this.schedule = completion.schedule();
        this.stats = stats;
        this.clock = clock;
    }

    void start() {
        if (response.closed()) {
            return;
        }
        stats.responseStarted();
        response.closeHandler(ignored -> end(false));
        response.exceptionHandler(ignored -> end(false));
        if (!completion.stream()) {
            at(schedule.lastDueNanos(), this::answer);
            return;
        }
        response.setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        if (completion.roleFirst()) {
            send(completion.roleChunk());
            firstResponseNanos = clock.nanoTime();
        }
        pump();
    }

    /** Writes every token event that is due, then either finishes or waits for the next one. */
    private void pump() {
        timer = null;
        int events = schedule.events();
        long now = clock.nanoTime();
        while (!ended && nextEvent < events && schedule.dueNanos(nextEvent) <= now) {
            send(completion.tokenChunk(nextEvent));
            now = clock.nanoTime();
            stampTokenEvent(now, schedule.tokensIn(nextEvent));
            nextEvent++;
        }
        if (ended) {
            return;
        }
        if (nextEvent == events) {
            finish();
        } else {
            at(schedule.dueNanos(nextEvent), this::pump);
        }
    }

    private void stampTokenEvent(long now, int tokens) {
        if (firstTokenNanos == ServedStream.ABSENT) {
            firstTokenNanos = now;
            if (firstResponseNanos == ServedStream.ABSENT) {
                firstResponseNanos = now;
            }
        } else {
            tokensAfterFirstEvent += tokens;
        }
        lastTokenNanos = now;
        tokensSent += tokens;
    }

    private void finish() {
        send(completion.finishChunk());
        if (completion.call().includeUsage()) {
            send(completion.usageChunk());
        }
        send(DONE);
        if (!ended) {
            response.end();
            end(true);
        }
    }

    private void answer() {
        timer = null;
        if (ended) {
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(completion.body());
        stats.recordBlocking(completion.completionTokens());
        end(true);
    }

    private void send(String data) {
        if (ended) {
            return;
        }
        if (response.closed()) {
            end(false);
            return;
        }
        response.write("data: " + data + "\n\n");
    }

    /** Runs {@code action} on this event loop once {@code dueNanos} has come (never synchronously). */
    private void at(long dueNanos, Runnable action) {
        long delay = Math.max(1, dueNanos - clock.nanoTime());
        Timer next = vertx.timer(delay, TimeUnit.NANOSECONDS);
        timer = next;
        next.onSuccess(ignored -> action.run());
    }

    /** Ends the response's bookkeeping exactly once: cancels the pending timer and records what was sent. */
    private void end(boolean completed) {
        if (ended) {
            return;
        }
        ended = true;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        if (completion.stream()) {
            stats.record(new ServedStream(completion.promptTokens(), completion.cachedTokens(),
                    schedule.arrivalNanos(), firstResponseNanos, firstTokenNanos, lastTokenNanos, nextEvent,
                    tokensSent, tokensAfterFirstEvent, completed));
        }
        stats.responseEnded();
    }
}
