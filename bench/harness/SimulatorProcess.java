package harness;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** benchy's own simulator ({@code simulate}) in its own JVM, on a port the OS chose. */
final class SimulatorProcess implements StampingServer {

    private static final Pattern PORT = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/v1");

    private final Launched launched;
    private final String baseUrl;

    private SimulatorProcess(Launched launched, String baseUrl) {
        this.launched = launched;
        this.baseUrl = baseUrl;
    }

    static SimulatorProcess start(String jar, List<String> javaOptions, Path work, double ppSpeed, double tgSpeed)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar, "simulate", "--port", "0", "--pp-speed", Double.toString(ppSpeed),
                "--tg-speed", Double.toString(tgSpeed)));
        Launched launched = Launched.start(command, work.resolve("simulator.log"));
        String port = launched.await(PORT, "simulator");
        return new SimulatorProcess(launched, "http://127.0.0.1:" + port + "/v1");
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public String model() {
        return "benchy-sim";
    }

    @Override
    public long pid() {
        return launched.process().pid();
    }

    @Override
    public void reset() throws IOException, InterruptedException {
        Http.delete(URI.create(baseUrl + "/simulator/stats"));
    }

    /** {@code GET /v1/simulator/stats}: it keeps the most recent 1,024 streams. */
    @Override
    public ServerStats stats() throws IOException, InterruptedException {
        return ServerStats.read(Http.getJson(URI.create(baseUrl + "/simulator/stats")), s -> StampedStream.read(s,
                "tokens_sent", s.get("prompt_tokens").asInt() - s.get("cached_tokens").asInt()));
    }

    @Override
    public void close() {
        launched.close();
    }
}
