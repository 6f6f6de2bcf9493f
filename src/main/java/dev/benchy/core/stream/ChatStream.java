package dev.benchy.core.stream;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The timed path of one streamed chat completion, free of any network library: bytes of each network read go through
 * the {@link SseFramer}, each payload through the {@link ChatChunkParser}, each event into the
 * {@link StreamRecorder}, all stamped with the one timestamp the caller took for that read. An HTTP adapter only
 * has to call {@link #start}, {@link #status}, {@link #read} per read and {@link #end} (or {@link #fail}), which keeps
 * the adapter thin and lets the whole path be tested without a socket.
 *
 * <p>Nothing here logs, tokenises or allocates per event beyond what the generated text needs. One instance per
 * request, used from one thread.
 */
public final class ChatStream {

    private final ChatChunkParser parser;
    private final ChatChunk chunk = new ChatChunk();
    private final StreamRecorder recorder = new StreamRecorder();
    private final SseFramer framer;

    public ChatStream(ChatChunkParser parser) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.framer = new SseFramer(new Events());
    }

    /** When the request bytes are written; a later call (the stamp at the socket) replaces an earlier one. */
    public void start(long nanos) {
        recorder.start(nanos);
    }

    /** The response head arrived. */
    public void status(int httpStatus) {
        recorder.status(httpStatus);
    }

    /** One network read of the body, stamped once; empty reads are ignored. */
    public void read(byte[] b, int off, int len, long readNanos) {
        if (len > 0) {
            recorder.firstByte(readNanos);
            framer.feed(b, off, len, readNanos);
        }
    }

    /** One network read of the body, stamped once; empty reads are ignored. */
    public void read(ByteBuffer bytes, long readNanos) {
        if (bytes.hasRemaining()) {
            recorder.firstByte(readNanos);
            framer.feed(bytes, readNanos);
        }
    }

    /** The body ended: the trace (see {@link StreamRecorder} for when an ended stream is still an error). */
    public RequestTrace end(long nanos) {
        framer.end(nanos);
        return recorder.finish(nanos);
    }

    /** The request failed: the trace keeps what was recorded so far. */
    public RequestTrace fail(ErrorReason reason, int httpStatus, String error, long nanos) {
        return recorder.fail(reason, httpStatus, error, nanos);
    }

    /** The timeout passed: a timeout before the response head, else a stall (see {@link StreamRecorder#timedOut}). */
    public RequestTrace timedOut(String what, long nanos) {
        return recorder.timedOut(what, nanos);
    }

    /** How far the stream got, for error messages (see {@link StreamRecorder#progress()}). */
    public String progress() {
        return recorder.progress();
    }

    /** Events that were not JSON (any makes the stream an error). */
    public int malformedEvents() {
        return recorder.malformedEvents();
    }

    private final class Events implements SseFramer.Listener {

        @Override
        public void onData(byte[] buf, int off, int len, long readNanos) {
            if (parser.parse(buf, off, len, chunk)) {
                recorder.event(chunk, readNanos);
            } else {
                recorder.malformed(readNanos);
            }
        }

        @Override
        public void onDone(long readNanos) {
            recorder.done(readNanos);
        }
    }
}
