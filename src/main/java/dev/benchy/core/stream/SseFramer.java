package dev.benchy.core.stream;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Cuts a server-sent-events body into {@code data:} payloads as the bytes arrive, one network read at a time, and
 * stamps each payload with the time of the read that completed it. That stamp is the measurement: the framer never
 * reads a clock itself, so the caller takes exactly one timestamp per read and every event finished by that read
 * shares it.
 *
 * <p>Framing works on bytes, never on characters: a UTF-8 sequence split across two reads stays intact because only
 * complete lines are handed on, and nothing is decoded here. Lines end in LF, CRLF or CR (a CRLF split across two reads
 * is one line end). Lines may be of any length: vLLM echoes every prompt token id in its first event, which can be tens
 * of megabytes, so the line buffer grows as needed instead of failing (llama-benchy issue #12).
 *
 * <p>Each {@code data:} line is one event, as llama-benchy treats it: servers send one data line per event, and a
 * missing blank line between events must not merge them. The payload is the text after {@code data:}, without the
 * whitespace around it. {@code [DONE]} ends the stream through {@link Listener#onDone}. Comment lines ({@code :}),
 * {@code event:}, {@code id:}, {@code retry:}, any other field, blank lines and {@code data:} lines with an empty
 * payload are ignored. A UTF-8 byte order mark at the very start is skipped.
 *
 * <p>Allocation: a complete line that lies inside one read is handed to the listener straight from the caller's
 * array, without a copy; only a line split across reads is copied into the framer's own buffer. The slice given to
 * the listener is valid only during the call. Not thread-safe: one framer per response, fed from one thread.
 */
public final class SseFramer {

    /** Receives the framed events. The slice is only valid during the call: the framer reuses its buffer. */
    public interface Listener {

        /** One {@code data:} payload (whitespace trimmed, never empty, never {@code [DONE]}). */
        void onData(byte[] buf, int off, int len, long readNanos);

        /** {@code data: [DONE]} arrived. */
        void onDone(long readNanos);
    }

    private static final int DEFAULT_INITIAL_CAPACITY = 8 * 1024;
    private static final int COPY_CHUNK = 16 * 1024;
    private static final int MAX_LINE = Integer.MAX_VALUE - 8;
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte[] DATA = {'d', 'a', 't', 'a', ':'};
    private static final byte[] DONE = {'[', 'D', 'O', 'N', 'E', ']'};

    private final Listener listener;
    private byte[] pending;
    private int pendingLength;
    private byte[] directCopy;
    private boolean skipLineFeed;
    private boolean firstLine = true;
    private boolean ended;

    public SseFramer(Listener listener) {
        this(listener, DEFAULT_INITIAL_CAPACITY);
    }

    /**
     * @param initialCapacity starting size of the buffer that holds a line split across reads; it doubles as needed
     */
    public SseFramer(Listener listener, int initialCapacity) {
        this.listener = Objects.requireNonNull(listener, "listener");
        if (initialCapacity < 1) {
            throw new IllegalArgumentException("initial capacity must be at least 1, but was " + initialCapacity);
        }
        this.pending = new byte[initialCapacity];
    }

    /** Feeds the remaining bytes of one network read; the buffer's position is moved to its limit. */
    public void feed(ByteBuffer bytes, long readNanos) {
        if (bytes.hasArray()) {
            int length = bytes.remaining();
            feed(bytes.array(), bytes.arrayOffset() + bytes.position(), length, readNanos);
            bytes.position(bytes.limit());
            return;
        }
        checkOpen();
        if (directCopy == null) {
            directCopy = new byte[COPY_CHUNK];
        }
        while (bytes.hasRemaining()) {
            int n = Math.min(directCopy.length, bytes.remaining());
            bytes.get(directCopy, 0, n);
            scan(directCopy, 0, n, readNanos);
        }
    }

    /** Feeds {@code len} bytes of one network read. */
    public void feed(byte[] b, int off, int len, long readNanos) {
        Objects.checkFromIndexSize(off, len, b.length);
        checkOpen();
        scan(b, off, len, readNanos);
    }

    /**
     * The body ended. A last line without a line end is still delivered, stamped with {@code nanos}: the end of the
     * stream is what completed it. Feeding after the end is an error.
     */
    public void end(long nanos) {
        checkOpen();
        ended = true;
        if (pendingLength > 0) {
            int length = pendingLength;
            pendingLength = 0;
            line(pending, 0, length, nanos);
        }
    }

    /** Bytes of an unfinished line held between reads (for tests and diagnostics). */
    public int pendingBytes() {
        return pendingLength;
    }

    private void checkOpen() {
        if (ended) {
            throw new IllegalStateException("SSE stream must not be fed after end(), but it was");
        }
    }

    private void scan(byte[] b, int off, int len, long readNanos) {
        int limit = off + len;
        int lineStart = off;
        int i = off;
        if (skipLineFeed && i < limit) {
            skipLineFeed = false;
            if (b[i] == LF) {
                i++;
                lineStart = i;
            }
        }
        while (i < limit) {
            byte c = b[i];
            if (c != LF && c != CR) {
                i++;
                continue;
            }
            if (pendingLength > 0) {
                append(b, lineStart, i - lineStart);
                int length = pendingLength;
                pendingLength = 0;
                line(pending, 0, length, readNanos);
            } else {
                line(b, lineStart, i - lineStart, readNanos);
            }
            i++;
            if (c == CR) {
                if (i == limit) {
                    skipLineFeed = true;
                } else if (b[i] == LF) {
                    i++;
                }
            }
            lineStart = i;
        }
        if (lineStart < limit) {
            append(b, lineStart, limit - lineStart);
        }
    }

    private void append(byte[] b, int off, int len) {
        int needed = pendingLength + len;
        if (needed < 0 || needed > MAX_LINE) {
            throw new IllegalStateException("SSE line must fit in a Java array (" + MAX_LINE + " bytes), but needed "
                    + Integer.toUnsignedLong(pendingLength + len) + " bytes");
        }
        if (needed > pending.length) {
            int capacity = (int) Math.min(MAX_LINE, Math.max(2L * pending.length, needed));
            byte[] grown = new byte[capacity];
            System.arraycopy(pending, 0, grown, 0, pendingLength);
            pending = grown;
        }
        System.arraycopy(b, off, pending, pendingLength, len);
        pendingLength = needed;
    }

    private void line(byte[] b, int off, int len, long readNanos) {
        if (firstLine) {
            firstLine = false;
            if (len >= 3 && b[off] == (byte) 0xEF && b[off + 1] == (byte) 0xBB && b[off + 2] == (byte) 0xBF) {
                off += 3;
                len -= 3;
            }
        }
        if (len < DATA.length || !startsWith(b, off, DATA)) {
            return;
        }
        int start = off + DATA.length;
        int end = off + len;
        while (start < end && isBlank(b[start])) {
            start++;
        }
        while (end > start && isBlank(b[end - 1])) {
            end--;
        }
        int length = end - start;
        if (length == 0) {
            return;
        }
        if (length == DONE.length && startsWith(b, start, DONE)) {
            listener.onDone(readNanos);
        } else {
            listener.onData(b, start, length, readNanos);
        }
    }

    private static boolean startsWith(byte[] b, int off, byte[] prefix) {
        for (int k = 0; k < prefix.length; k++) {
            if (b[off + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(byte c) {
        return c == ' ' || c == '\t';
    }
}
