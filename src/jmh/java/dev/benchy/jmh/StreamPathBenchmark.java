package dev.benchy.jmh;

import dev.benchy.core.stream.ChatChunk;
import dev.benchy.core.stream.ChatChunkParser;
import dev.benchy.core.stream.ChatStream;
import dev.benchy.core.stream.RequestTrace;
import dev.benchy.core.stream.SseFramer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The client's per-event cost on the timed path, without the network: SSE framing alone, chunk parsing alone, and
 * the whole path (framer, parser, recorder) of one streamed request. Every operation is one event, so with
 * {@code -prof gc} the {@code gc.alloc.rate.norm} column is the allocation per event in bytes.
 *
 * <p>The events are what the built-in simulator sends benchy (with {@code token_ids}), one network read per event,
 * the common case when a server flushes every token.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class StreamPathBenchmark {

    /** Events per stream in the whole-path benchmark: a request with tg 1000. */
    static final int EVENTS = 1000;

    private static final byte[] DONE = ("data: {\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{},"
            + "\"finish_reason\":\"length\"}]}\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8);

    private byte[][] reads;
    private byte[] payload;
    private ChatChunkParser parser;
    private ChatChunk chunk;
    private SseFramer framer;
    private long nanos;

    @Setup
    public void setUp() {
        reads = new byte[EVENTS][];
        for (int i = 0; i < EVENTS; i++) {
            reads[i] = ("data: " + event(i) + "\n\n").getBytes(StandardCharsets.UTF_8);
        }
        payload = event(7).getBytes(StandardCharsets.UTF_8);
        parser = new ChatChunkParser();
        chunk = new ChatChunk();
    }

    static String event(int i) {
        String[] words = {" the", " quick", " brown", " fox", " jumps", " over", " lazy", " dog"};
        return "{\"id\":\"chatcmpl-sim-4711\",\"object\":\"chat.completion.chunk\",\"created\":1795858249,"
                + "\"model\":\"benchy-sim\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + words[i % 8]
                + "\"},\"finish_reason\":null,\"token_ids\":[" + (262 + i % 8) + "]}]}";
    }

    /** SSE framing of one read holding one event; the listener only consumes the payload bounds. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void frameEvents(Blackhole hole) {
        SseFramer f = new SseFramer(new SseFramer.Listener() {
            @Override
            public void onData(byte[] buf, int off, int len, long readNanos) {
                hole.consume(len);
            }

            @Override
            public void onDone(long readNanos) {
                hole.consume(readNanos);
            }
        });
        for (byte[] read : reads) {
            f.feed(read, 0, read.length, ++nanos);
        }
    }

    /** Parsing one event payload into the reused chunk. */
    @Benchmark
    public boolean parseEvent() {
        boolean ok = parser.parse(payload, 0, payload.length, chunk);
        return ok && chunk.tokenIds() == 1;
    }

    /** The whole timed path of one request, per event: framing, parsing, recording, and the trace at the end. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public RequestTrace streamEvents() {
        ChatStream stream = new ChatStream(parser);
        stream.start(++nanos);
        stream.status(200);
        for (byte[] read : reads) {
            stream.read(read, 0, read.length, ++nanos);
        }
        stream.read(DONE, 0, DONE.length, ++nanos);
        return stream.end(++nanos);
    }
}
