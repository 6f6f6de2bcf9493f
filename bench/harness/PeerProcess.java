package harness;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** The independent peer (bench/peer/peer.js, Node) in its own process, on a port the OS chose. */
final class PeerProcess implements StampingServer {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)/v1");

    private final Launched launched;
    private final String root;

    private PeerProcess(Launched launched, String root) {
        this.launched = launched;
        this.root = root;
    }

    /**
     * @param tgSpeed tokens per second of each stream
     * @param keep    how many of the most recent streams it keeps for {@link #stats()}
     */
    static PeerProcess start(Path work, double tgSpeed, int keep) throws IOException, InterruptedException {
        Launched launched = Launched.start(List.of("node", "bench/peer/peer.js", "--port", "0", "--tg-speed",
                Double.toString(tgSpeed), "--keep", Integer.toString(keep)), work.resolve("peer.log"));
        return new PeerProcess(launched, launched.await(LISTENING, "the peer"));
    }

    @Override
    public String baseUrl() {
        return root + "/v1";
    }

    @Override
    public String model() {
        return "peer";
    }

    @Override
    public long pid() {
        return launched.process().pid();
    }

    @Override
    public void reset() throws IOException, InterruptedException {
        Http.delete(URI.create(root + "/peer/stats"));
    }

    @Override
    public ServerStats stats() throws IOException, InterruptedException {
        return ServerStats.read(Http.getJson(URI.create(root + "/peer/stats")),
                s -> StampedStream.read(s, "tokens", StampedStream.UNKNOWN));
    }

    @Override
    public void close() {
        launched.close();
    }
}
