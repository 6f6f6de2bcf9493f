package dev.benchy.openai;

import dev.benchy.core.NanoClock;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;

/**
 * Stamps a connection's traffic at the socket end of its Netty pipeline, in front of TLS and HTTP: when a request's
 * bytes are flushed to the kernel and when each read came off it. The HTTP layer decodes the response head, the
 * chunk framing and dispatches to the response handler between the read and the handler; stamped here, none of that
 * is in a measured time, so a cold path (the first requests, before the JIT compiled it) does not lengthen the
 * time to first response.
 *
 * <p>Confined to the connection's event loop: it is only installed and read there (see
 * {@link #on(Channel, NanoClock)}), so its fields need no synchronisation. A stamp is never earlier than the bytes
 * it stands for: data the HTTP layer hands over later than its own read carries the stamp of a later read.
 */
final class WireStamps extends ChannelDuplexHandler {

    static final long ABSENT = Long.MIN_VALUE;
    private static final String NAME = "benchy-wire-stamps";

    private final NanoClock clock;
    private long readNanos = ABSENT;
    private boolean awaitingFlush;
    private long flushNanos = ABSENT;
    private int requests;
    private boolean closedBeforeUse;

    private WireStamps(NanoClock clock) {
        this.clock = clock;
    }

    /**
     * The stamps of {@code channel}, installed at the socket end of its pipeline on first use; null when called off
     * the channel's event loop, where the stamps could not be read safely (the caller then stamps on its own).
     */
    static WireStamps on(Channel channel, NanoClock clock) {
        if (channel == null || !channel.eventLoop().inEventLoop()) {
            return null;
        }
        ChannelPipeline pipeline = channel.pipeline();
        WireStamps stamps;
        if (pipeline.get(NAME) instanceof WireStamps installed) {
            stamps = installed;
        } else {
            stamps = new WireStamps(clock);
            pipeline.addFirst(NAME, stamps);
        }
        // a pooled connection whose close was handled before it was handed out has lost its pipeline's handlers,
        // so its count of requests starts over: remember that it was already closed
        stamps.closedBeforeUse |= !channel.isActive();
        return stamps;
    }

    /** Whether a request was written on the connection before (the next one would reuse it). */
    boolean carriedRequests() {
        return requests > 0;
    }

    /** Whether the connection was already closed when a request was given it (a stale pooled connection). */
    boolean closedBeforeUse() {
        return closedBeforeUse;
    }

    /**
     * Arms the stamp of the next flush: the request about to be written. The read stamp starts over, so that
     * {@link #readSinceFlush()} tells whether this request's response has begun.
     */
    void awaitFlush() {
        awaitingFlush = true;
        flushNanos = ABSENT;
        readNanos = ABSENT;
        requests++;
    }

    /** Whether the connection carried a request before the one being written: it came from the pool. */
    boolean reused() {
        return requests > 1;
    }

    /** Whether any byte came off the socket since the request was written. */
    boolean readSinceFlush() {
        return readNanos != ABSENT;
    }

    /** When the armed flush handed the request to the kernel, or {@link #ABSENT} if it has not happened yet. */
    long flushNanos() {
        return flushNanos;
    }

    /** When the read being handled (or the latest one) came off the socket, or {@link #ABSENT} before any. */
    long readNanos() {
        return readNanos;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        readNanos = clock.nanoTime();
        ctx.fireChannelRead(msg);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (awaitingFlush) {
            awaitingFlush = false;
            flushNanos = clock.nanoTime();
        }
        ctx.flush();
    }
}
