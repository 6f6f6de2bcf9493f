package dev.benchy.simulator;

import dev.benchy.core.NanoClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.vertx.core.Timer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Delivers one planned completion on its schedule over one HTTP response, and records what it actually sent. It
 * lives on the response's event loop, so its state needs no locking. At most one timer is pending at any time, and
 * a client that goes away cancels it.
 *
 * <p>Each event is its own write. Timers fire about a millisecond late at best, so when one fires every event whose
 * time has come is sent at once: then the events due together share one write (each still its own {@code data:}
 * frame), which keeps a decode rate above 1000 events/s at the right number of tokens per unit of time without a
 * system call per event. The absolute schedule keeps late timers from adding up.
 */
final class Transmission {

    private static final String DONE = "[DONE]";
    private static final long DECODE_TICK_NANOS = 1_000_000;
    private static final long PREFILL_SPIN_NANOS = 2_000_000;
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT_END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final int EVENT_BYTES = 256;

    private final Vertx vertx;
    private final HttpServerResponse response;
    private final Completion completion;
    private final Schedule schedule;
    private final SimulatorStats stats;
    private final NanoClock clock;

    private Timer timer;
    private boolean ended;
    private int nextEvent;
    private long decodeOriginNanos;
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
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .writeHead();
        if (completion.roleFirst()) {
            send(frame(completion.roleChunk()));
            firstResponseNanos = clock.nanoTime();
        }
        pump();
    }

    /** Sends every token event that is due, then either finishes or waits for the next one. */
    private void pump() {
        timer = null;
        if (ended) {
            return;
        }
        int events = schedule.events();
        long now = clock.nanoTime();
        int to = nextEvent;
        ByteBuf due = null;
        while (to < events && dueNanos(to) <= now) {
            if (to == 0) {
                decodeOriginNanos = now;
            }
            due = render(due, to);
            to++;
        }
        if (due != null && !deliver(due, to)) {
            return;
        }
        if (nextEvent == events) {
            finish();
        } else if (nextEvent == 0) {
            atPrefillEnd(dueNanos(0));
        } else {
            at(onDecodeTick(dueNanos(nextEvent)), this::pump);
        }
    }

    /**
     * The first decode tick at or after {@code dueNanos}: decode events wait for the next whole millisecond of the
     * simulator's clock, shared by every stream, as a batched server emits one decode step for all its sequences at
     * once. Streams on one event loop then go out in one wake-up instead of one each, which cuts the cost of a token
     * on both sides of the connection at high concurrency (bench/RESULTS.md); each event is at most one tick late,
     * and the absolute schedule keeps that from adding up. The first token is not moved, so the prefill time stays
     * exact.
     */
    private static long onDecodeTick(long dueNanos) {
        return Math.floorDiv(dueNanos + DECODE_TICK_NANOS - 1, DECODE_TICK_NANOS) * DECODE_TICK_NANOS;
    }

    private long dueNanos(int event) {
        return event == 0 ? schedule.prefillEndNanos() : decodeOriginNanos + schedule.decodeOffsetNanos(event);
    }

    /** Appends token event {@code event} as UTF-8 to {@code frames} (a new buffer when null). */
    private ByteBuf render(ByteBuf frames, int event) {
        ByteBuf to = frames == null ? Unpooled.buffer(EVENT_BYTES) : frames;
        to.writeBytes(DATA);
        completion.writeTokenChunk(event, new ByteBufOutputStream(to));
        to.writeBytes(EVENT_END);
        return to;
    }

    /** Sends the rendered events up to {@code to} and stamps them; false when the response has ended. */
    private boolean deliver(ByteBuf frames, int to) {
        send(Buffer.buffer(frames));
        if (ended) {
            return false;
        }
        stampTokenEvents(nextEvent, to, clock.nanoTime());
        nextEvent = to;
        return true;
    }

    private void stampTokenEvents(int from, int to, long sentNanos) {
        for (int event = from; event < to; event++) {
            int tokens = schedule.tokensIn(event);
            if (event == 0) {
                firstTokenNanos = sentNanos;
                if (firstResponseNanos == ServedStream.ABSENT) {
                    firstResponseNanos = sentNanos;
                }
            } else {
                tokensAfterFirstEvent += tokens;
            }
            tokensSent += tokens;
        }
        lastTokenNanos = sentNanos;
    }

    private void finish() {
        send(frame(completion.finishChunk()));
        if (completion.reply().includeUsage()) {
            send(frame(completion.usageChunk()));
        }
        send(frame(DONE));
        if (!ended) {
            end(true);
            response.end();
        }
    }

    private void answer() {
        timer = null;
        if (ended) {
            return;
        }
        String body = completion.body();
        stats.recordBlocking(completion.completionTokens());
        end(true);
        response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
    }

    private static String frame(String data) {
        return "data: " + data + "\n\n";
    }

    private void send(String frames) {
        send(Buffer.buffer(frames.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Token events are rendered as UTF-8 straight into one buffer per timer tick (no String, no re-encoding): the
     * same bytes as the String path, at a fraction of the cost per event.
     */
    private void send(Buffer frames) {
        if (ended) {
            return;
        }
        if (response.closed()) {
            end(false);
            return;
        }
        response.write(frames);
    }

    /**
     * Sends the first token when prefill ends, to the microsecond rather than the millisecond: a timer wakes up to a
     * millisecond or two late (the thread must be scheduled first), which would add to the time to first token every
     * client measures and make the simulator a poor reference for TTFR. So the timer is set
     * {@link #PREFILL_SPIN_NANOS} early, the first event is rendered, and the rest is waited out on the event loop,
     * once per request (bounded, also against a clock that does not move), so that only the write is left when it is
     * due. The response head went out when the request was accepted, as a server that streams sends its head before
     * its first token. Other streams on the loop wait that long at most; their events go out late, never early, and
     * are stamped when they actually go out.
     */
    private void atPrefillEnd(long dueNanos) {
        at(dueNanos - PREFILL_SPIN_NANOS, () -> {
            timer = null;
            if (ended) {
                return;
            }
            ByteBuf first = render(null, 0);
            long spinStart = System.nanoTime();
            while (clock.nanoTime() < dueNanos && System.nanoTime() - spinStart < 2 * PREFILL_SPIN_NANOS) {
                Thread.onSpinWait();
            }
            decodeOriginNanos = clock.nanoTime();
            if (deliver(first, 1)) {
                pump();
            }
        });
    }

    /** Runs {@code action} on this event loop once {@code dueNanos} has come (never synchronously). */
    private void at(long dueNanos, Runnable action) {
        long delay = Math.max(1, dueNanos - clock.nanoTime());
        Timer next = vertx.timer(delay, TimeUnit.NANOSECONDS);
        timer = next;
        next.onSuccess(ignored -> action.run());
    }

    /**
     * Ends the response's bookkeeping exactly once: cancels the pending timer and records what was sent. A
     * completed response ends just before its last bytes go out, so a client that has read it all finds it in the
     * statistics.
     */
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
