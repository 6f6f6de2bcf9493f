import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * benchy against the independent peer (bench/peer/peer.js, Node): each cell is one fresh {@code bench} process, as a
 * user runs it (warm-up on, latency mode none, prefill ≈ 0), and every run (batch) of it is compared on its own with
 * what the peer says it wrote: benchy's mean per-request tg over the peer's mean per-stream decode rate, benchy's
 * batch total over Σ (tokens − 1) / (last token − first first token) on the peer's stamps, and benchy's ttfr over the
 * peer's arrival-to-first-write time.
 *
 * <pre>bench/truth [--cells 1x32@50,16x100@200] [--runs 1,3] [--out FILE]</pre>
 */
public final class PeerCells {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern LISTENING = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)/v1");
    private static final String DEFAULT_CELLS = "1x32@50,16x32@50,64x32@50,256x32@50,512x32@50,"
            + "1x100@200,16x100@200,64x100@200,256x100@200,512x100@200,"
            + "1x400@200,16x400@200,64x400@200,256x400@200,512x400@200";

    private record Cell(int concurrency, int tg, int speed) {
        static Cell parse(String text) {
            Matcher m = Pattern.compile("(\\d+)x(\\d+)@(\\d+)").matcher(text.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("a cell is CxTG@SPEED (e.g. 64x100@200), but was " + text);
            }
            return new Cell(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
        }
    }

    public static void main(String[] args) throws Exception {
        String jar = "target/quarkus-app/quarkus-run.jar";
        String cells = DEFAULT_CELLS;
        String runsList = "1,3";
        Path out = null;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--jar" -> jar = args[i + 1];
                case "--cells" -> cells = args[i + 1];
                case "--runs" -> runsList = args[i + 1];
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        StringBuilder table = new StringBuilder();
        table.append("| c | tg @ t/s | runs | run | peer t/s (req) | benchy/peer (req) | peer t/s (total) "
                + "| benchy/peer (total) | ttfr − peer first write, ms (mean) | flags |\n");
        table.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (String spec : cells.split(",")) {
            Cell cell = Cell.parse(spec);
            for (String r : runsList.split(",")) {
                int runs = Integer.parseInt(r.trim());
                try (Peer peer = Peer.start(cell.speed())) {
                    table.append(measure(jar, peer, cell, runs));
                }
                System.err.println(table.substring(table.lastIndexOf("| " + cell.concurrency() + " |")));
            }
        }
        System.out.print(table);
        if (out != null) {
            Files.writeString(out, table);
        }
    }

    private static String measure(String jar, Peer peer, Cell cell, int runs) throws Exception {
        Path report = Files.createTempFile("peer-cell", ".json");
        List<String> cmd = List.of("java", "-jar", jar, "bench", "--base-url", peer.baseUrl + "/v1",
                "--model", "peer", "--tokenizer", "builtin:gpt2", "--book-url", "builtin:generated",
                "--pp", "64", "--tg", String.valueOf(cell.tg()), "--depth", "0",
                "--concurrency", String.valueOf(cell.concurrency()), "--runs", String.valueOf(runs),
                "--latency-mode", "none", "--skip-coherence", "--quiet", "--format", "json",
                "--save-result", report.toString());
        Process bench = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int exit = bench.waitFor();
        if (exit != 0) {
            return String.format(Locale.ROOT, "| %d | %d @ %d | %d | – | bench exited %d | | | | | |%n",
                    cell.concurrency(), cell.tg(), cell.speed(), runs, exit);
        }
        JsonNode test = JSON.readTree(report.toFile()).get("benchmarks").get(0);
        Files.deleteIfExists(report);
        List<List<JsonNode>> batches = peer.batches(cell.concurrency(), runs);
        StringBuilder rows = new StringBuilder();
        double[] req = values(test, "tg_req_throughput");
        double[] total = cell.concurrency() > 1 ? values(test, "tg_throughput") : null;
        double[] ttfr = values(test, "ttfr");
        String flags = test.has("flags") ? test.get("flags").toString() : "";
        for (int k = 0; k < batches.size(); k++) {
            List<JsonNode> batch = batches.get(k);
            double peerReq = batch.stream().mapToDouble(s -> s.get("decode_tokens_per_second").asDouble())
                    .average().orElse(Double.NaN);
            long first = batch.stream().mapToLong(s -> s.get("first_token_nanos").asLong()).min().orElseThrow();
            long last = batch.stream().mapToLong(s -> s.get("last_token_nanos").asLong()).max().orElseThrow();
            double afterFirst = batch.stream().mapToDouble(s -> s.get("tokens").asDouble() - 1).sum();
            double peerTotal = afterFirst / ((last - first) / 1e9);
            double peerPrefillMs = batch.stream()
                    .mapToDouble(s -> (s.get("first_token_nanos").asLong() - s.get("arrival_nanos").asLong()) / 1e6)
                    .average().orElse(Double.NaN);
            int c = cell.concurrency();
            double benchyReq = mean(req, k * c, c);
            double benchyTtfr = mean(ttfr, k * c, c);
            String totalRatio = total == null ? "–" : ratio(total[k], peerTotal);
            rows.append(String.format(Locale.ROOT, "| %d | %d @ %d | %d | %d | %.2f | %s | %.1f | %s | %+.2f | %s |%n",
                    c, cell.tg(), cell.speed(), runs, k + 1, peerReq, ratio(benchyReq, peerReq), peerTotal,
                    totalRatio, benchyTtfr - peerPrefillMs, k == 0 ? flags : ""));
        }
        return rows.toString();
    }

    private static String ratio(double benchy, double peer) {
        return String.format(Locale.ROOT, "%.4f", benchy / peer);
    }

    private static double[] values(JsonNode test, String field) {
        JsonNode metric = test.get(field);
        if (metric == null || metric.isNull()) {
            return new double[0];
        }
        double[] v = new double[metric.get("values").size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = metric.get("values").get(i).asDouble();
        }
        return v;
    }

    private static double mean(double[] values, int from, int count) {
        return from + count <= values.length ? Arrays.stream(values, from, from + count).average().orElse(Double.NaN)
                : Double.NaN;
    }

    /** The peer in its own Node process, on a port the OS chose. */
    private static final class Peer implements AutoCloseable {
        final Process process;
        final String baseUrl;

        private Peer(Process process, String baseUrl) {
            this.process = process;
            this.baseUrl = baseUrl;
        }

        static Peer start(int speed) throws IOException {
            Process p = new ProcessBuilder("node", "bench/peer/peer.js", "--port", "0", "--tg-speed",
                    String.valueOf(speed), "--keep", "8192").redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = lines.readLine();
            Matcher m = line == null ? null : LISTENING.matcher(line);
            if (m == null || !m.find()) {
                p.destroy();
                throw new IOException("the peer did not start: " + line);
            }
            return new Peer(p, m.group(1));
        }

        /** The last {@code runs} batches of {@code concurrency} streams the peer served (the warm-up comes first). */
        List<List<JsonNode>> batches(int concurrency, int runs) throws Exception {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/peer/stats")).build(),
                    HttpResponse.BodyHandlers.ofString());
            List<JsonNode> streams = new ArrayList<>();
            JSON.readTree(r.body()).get("recent").forEach(streams::add);
            streams.sort(Comparator.comparingLong(s -> s.get("arrival_nanos").asLong()));
            List<List<JsonNode>> batches = new ArrayList<>();
            long end = Long.MIN_VALUE;
            for (JsonNode s : streams) {
                if (batches.isEmpty() || s.get("arrival_nanos").asLong() > end) {
                    batches.add(new ArrayList<>());
                }
                batches.get(batches.size() - 1).add(s);
                end = Math.max(end, s.get("last_token_nanos").asLong());
            }
            batches.removeIf(b -> b.size() != concurrency);
            return batches.subList(Math.max(0, batches.size() - runs), batches.size());
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }
}
