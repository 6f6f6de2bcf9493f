import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The performance harness behind bench/run (a benchmark, not a test). It starts the simulator in its own process,
 * runs the bench command against it at each concurrency, and compares what benchy measured with what the simulator
 * says it actually sent (GET /v1/simulator/stats), batch by batch. Client CPU per 1,000 tokens is marginal: the CPU
 * time of a long bench run minus that of a short run with the same concurrency and runs, divided by the difference
 * in tokens the simulator sent, so JVM start-up, JIT and prompt building cancel out.
 *
 * <p>Options (all optional): --jar PATH, --concurrency 1,16,64,256,512, --runs 3, --tg-speed 100, --pp-speed 5000,
 * --pp 256, --short-tg 100, --long-tg 600, --capacity 512x100,512x200 (concurrency x tg-speed points of the capacity
 * sweep; "none" skips it), --no-footprint, --out FILE (the Markdown also goes there).
 */
public final class Harness {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern PORT = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/v1");
    private static final double TICKS_PER_SECOND = 100.0;
    /** The TTFR check first lets the simulator serve this many requests (16 x 16), so it is the warm reference. */
    private static final int SIMULATOR_WARM_UP_CONCURRENCY = 16;
    private static final int SIMULATOR_WARM_UP_RUNS = 16;

    private final Map<String, String> options;
    private final String jar;
    private final Path work;
    private final StringBuilder report = new StringBuilder();

    private Harness(Map<String, String> options) throws IOException {
        this.options = options;
        this.jar = options.getOrDefault("jar", "target/quarkus-app/quarkus-run.jar");
        this.work = Files.createTempDirectory("benchy-harness");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i].replaceFirst("^--", "");
            if (name.startsWith("no-")) {
                options.put(name, "true");
            } else {
                options.put(name, args[++i]);
            }
        }
        new Harness(options).run();
    }

    private void run() throws Exception {
        int runs = intOption("runs", 3);
        double tgSpeed = Double.parseDouble(options.getOrDefault("tg-speed", "100"));
        double ppSpeed = Double.parseDouble(options.getOrDefault("pp-speed", "5000"));
        int pp = intOption("pp", 256);
        int shortTg = intOption("short-tg", 100);
        int longTg = intOption("long-tg", 600);
        print("# benchy performance harness\n\n" + machine() + "\n");
        print(String.format(Locale.ROOT, "Simulator: pp %.0f t/s, tg %.0f t/s per stream (one token per event); "
                + "requests: pp %d, depth 0, tg %d (long) and %d (short), %d runs per concurrency; tokenizer "
                + "builtin:gpt2, book builtin:generated, no warm-up, no latency probe, no coherence test.%n",
                ppSpeed, tgSpeed, pp, longTg, shortTg, runs));
        List<String> summary = new ArrayList<>();
        String concurrencies = options.getOrDefault("concurrency", "1,16,64,256,512");
        try (Simulator sim = Simulator.start(this, ppSpeed, tgSpeed)) {
            for (String c : concurrencies.equals("none") ? new String[0] : concurrencies.split(",")) {
                int concurrency = Integer.parseInt(c.trim());
                Point point = measure(sim, concurrency, runs, pp, shortTg, longTg, ppSpeed);
                print(point.table());
                summary.add(point.summaryRow());
            }
        }
        print("## Summary (warm batches)\n\n" + Point.HEAD + Point.RULE + String.join("", summary));
        int ttfrRuns = intOption("ttfr-runs", 30);
        if (ttfrRuns > 0) {
            try (Simulator sim = Simulator.start(this, ppSpeed, tgSpeed)) {
                print(ttfr(sim, ttfrRuns, pp, ppSpeed));
            }
        }
        String capacity = options.getOrDefault("capacity", "512x100,512x200,512x300,512x400,512x600");
        if (!capacity.equals("none")) {
            List<String> rows = new ArrayList<>();
            for (String spec : capacity.split(",")) {
                String[] parts = spec.trim().split("x");
                int concurrency = Integer.parseInt(parts[0]);
                double speed = Double.parseDouble(parts[1]);
                try (Simulator sim = Simulator.start(this, ppSpeed, speed)) {
                    Point point = measure(sim, concurrency, 2, pp, shortTg, longTg, ppSpeed);
                    rows.add(String.format(Locale.ROOT, "| %d x %.0f | %.0f %s", concurrency, speed,
                            concurrency * speed, point.summaryRow()));
                }
            }
            print("## Capacity (concurrency x tg-speed, 2 runs, last batch)\n\n| c x steps/s | configured t/s "
                    + Point.HEAD + "|---|---" + Point.RULE + String.join("", rows));
        }
        if (!options.containsKey("no-footprint")) {
            print(footprint());
        }
        if (options.containsKey("out")) {
            Files.writeString(Path.of(options.get("out")), report);
        }
    }

    /** One concurrency: a short and a long bench run against a freshly reset simulator. */
    private Point measure(Simulator sim, int concurrency, int runs, int pp, int shortTg, int longTg, double ppSpeed)
            throws Exception {
        BenchRun small = bench(sim, concurrency, runs, pp, shortTg);
        BenchRun large = bench(sim, concurrency, runs, pp, longTg);
        return new Point(concurrency, runs, longTg, ppSpeed, small, large);
    }

    private BenchRun bench(Simulator sim, int concurrency, int runs, int pp, int tg) throws Exception {
        sim.reset();
        long simTicks = sim.cpuTicks();
        Path json = work.resolve("bench.json");
        Path time = work.resolve("time.txt");
        List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S %M", "-o", time.toString(),
                "java"));
        command.addAll(javaOptions("bench-java-options"));
        command.addAll(List.of("-jar", jar, "bench", "--base-url", sim.baseUrl(), "--model", "benchy-sim",
                "--tokenizer", "builtin:gpt2", "--book-url", "builtin:generated", "--pp", Integer.toString(pp),
                "--tg", Integer.toString(tg), "--depth", "0", "--concurrency", Integer.toString(concurrency),
                "--runs", Integer.toString(runs), "--no-warmup", "--latency-mode", "none", "--skip-coherence",
                "--format", "json", "--save-result", json.toString(), "-q"));
        Path log = work.resolve("bench.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ThreadSampler clientThreads = new ThreadSampler(javaUnderTime(p));
        ThreadSampler serverThreads = new ThreadSampler(sim.process().pid());
        clientThreads.start();
        serverThreads.start();
        int exit = p.waitFor();
        clientThreads.interrupt();
        serverThreads.interrupt();
        clientThreads.join();
        serverThreads.join();
        if (exit != 0) {
            throw new IllegalStateException("bench must exit 0, but exited " + exit + ": " + command + "\n"
                    + Files.readString(log));
        }
        double simCpu = (sim.cpuTicks() - simTicks) / TICKS_PER_SECOND;
        String[] t = Files.readString(time).trim().split("\\s+");
        JsonNode stats = sim.stats();
        return new BenchRun(concurrency, runs, JSON.readTree(json.toFile()), stats, Double.parseDouble(t[1])
                + Double.parseDouble(t[2]), Long.parseLong(t[3]) / 1024.0, simCpu, clientThreads.samples(),
                serverThreads.samples());
    }

    /**
     * TTFR at concurrency 1 in a warm client: many short requests in one bench process, the first third dropped
     * (JIT warm-up), each compared with the simulator's real prefill (arrival to first token written) and with the
     * configured prefill time.
     */
    private String ttfr(Simulator sim, int runs, int pp, double ppSpeed) throws Exception {
        bench(sim, SIMULATOR_WARM_UP_CONCURRENCY, SIMULATOR_WARM_UP_RUNS, pp, 8);
        BenchRun run = bench(sim, 1, runs, pp, 8);
        List<List<JsonNode>> batches = run.batches();
        JsonNode values = run.test().get("ttfr").get("values");
        if (batches.size() != runs || values.size() != runs) {
            return "## TTFR at concurrency 1\n\nNot compared: " + batches.size() + " batches, " + values.size()
                    + " values\n";
        }
        int from = runs / 3;
        double vsServer = 0;
        double vsConfigured = 0;
        double worst = 0;
        double serverLate = 0;
        for (int k = from; k < runs; k++) {
            JsonNode s = batches.get(k).get(0);
            double configured = (s.get("prompt_tokens").asDouble() - s.get("cached_tokens").asDouble()) / ppSpeed
                    * 1000;
            double server = s.get("prefill_seconds").asDouble() * 1000;
            double measured = values.get(k).asDouble();
            vsServer += (measured - server) / (runs - from);
            vsConfigured += (measured - configured) / (runs - from);
            serverLate += (server - configured) / (runs - from);
            worst = Math.abs(measured - configured) > Math.abs(worst) ? measured - configured : worst;
        }
        return String.format(Locale.ROOT, "## TTFR at concurrency 1 (warm: requests %d–%d of %d, pp %d, tg 8; "
                + "the simulator served %d requests before, so its once-per-request path is compiled)%n%n"
                + "| | mean |%n|---|---|%n| benchy ttfr − configured prefill | %+.2f ms (worst %+.2f ms) |%n"
                + "| benchy ttfr − simulator's real prefill (arrival to first token written) | %+.2f ms |%n"
                + "| simulator's real prefill − configured (its own timer lateness) | %+.2f ms |%n", from + 1, runs,
                runs, pp, SIMULATOR_WARM_UP_CONCURRENCY * SIMULATOR_WARM_UP_RUNS, vsConfigured, worst, vsServer,
                serverLate);
    }

    /** RSS samples of the service, split by whether a run was in progress (its targets' state). */
    private record RssSamples(List<Double> idle, List<Double> running) {
    }

    /**
     * Samples the service's RSS every 500 ms for {@code seconds} and asks it each time whether a target is queued or
     * running: idle samples count only after the first run ended, so start-up and the first run are not "idle".
     */
    private static RssSamples sampleRss(long pid, int port, long seconds) throws Exception {
        URI targets = URI.create("http://127.0.0.1:" + port + "/api/targets");
        List<Double> idle = new ArrayList<>();
        List<Double> running = new ArrayList<>();
        boolean ranOnce = false;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            JsonNode before = getJson(targets);
            double mb = rssMb(pid);
            JsonNode after = getJson(targets);
            boolean busy = false;
            for (JsonNode view : List.of(before, after)) {
                for (JsonNode target : view) {
                    busy |= !"idle".equals(target.path("state").asText());
                }
            }
            for (JsonNode target : before) {
                ranOnce |= target.hasNonNull("last_report_id");
            }
            if (busy) {
                running.add(mb);
            } else if (ranOnce) {
                idle.add(mb);
            }
            Thread.sleep(500);
        }
        return new RssSamples(idle, running);
    }

    /** {@code GET uri}, its body as JSON. */
    private static JsonNode getJson(URI uri) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                .body());
    }

    private static double percentile(List<Double> values, double q) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * (sorted.size() - 1) + 0.5)));
    }

    /** Service start-up and idle RSS, and the prompt timings of bench/PromptTiming.java. */
    private String footprint() throws Exception {
        StringBuilder out = new StringBuilder("## Footprint\n\n| what | value |\n|---|---|\n");
        int port = freePort();
        Path reports = work.resolve("reports");
        List<String> command = new ArrayList<>(List.of("java"));
        String javaOptions = options.getOrDefault("service-java-options", "");
        command.addAll(javaOptions("service-java-options"));
        command.addAll(List.of("-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dbenchy.reports.dir=" + reports, "-jar", jar));
        long t0 = System.nanoTime();
        Process service = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("service.log").toFile()).start();
        try {
            URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
            double readySeconds = Double.NaN;
            while (System.nanoTime() - t0 < 60_000_000_000L) {
                try {
                    if (HTTP.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200) {
                        readySeconds = (System.nanoTime() - t0) / 1e9;
                        break;
                    }
                } catch (IOException notYet) {
                    Thread.sleep(20);
                }
            }
            Matcher started = Pattern.compile("started in ([0-9.]+)s").matcher(
                    Files.readString(work.resolve("service.log")));
            String quarkusSays = started.find() ? started.group(1) + " s" : "?";
            long settle = Long.parseLong(options.getOrDefault("idle-seconds", "100"));
            double rssAtReady = rssMb(service.pid());
            RssSamples rss = sampleRss(service.pid(), port, settle);
            out.append(String.format(Locale.ROOT, "| service start-up: launch to /q/health/ready 200 | %.2f s "
                    + "(Quarkus says started in %s) |%n", readySeconds, quarkusSays));
            out.append(String.format(Locale.ROOT, "| service RSS when ready | %.0f MB |%n", rssAtReady));
            out.append(String.format(Locale.ROOT, "| service RSS idle: no run in progress, after the first run, over"
                    + " %d s (%d samples) | median %.0f MB, max %.0f MB |%n", settle, rss.idle().size(),
                    percentile(rss.idle(), 0.5), percentile(rss.idle(), 1.0)));
            out.append(String.format(Locale.ROOT, "| service RSS while the embedded simulator is benchmarked (%d "
                    + "samples) | median %.0f MB, max %.0f MB |%n", rss.running().size(),
                    percentile(rss.running(), 0.5), percentile(rss.running(), 1.0)));
            out.append("| service JVM options | ").append(javaOptions.isBlank() ? "(none)" : javaOptions)
                    .append(" |\n");
        } finally {
            service.destroy();
            service.waitFor();
        }
        Path appJar = Path.of(jar).getParent();
        String classPath = appJar.resolve("app") + "/*:" + appJar.resolve("lib/main") + "/*";
        Process timing = new ProcessBuilder("java", "-cp", classPath, "bench/PromptTiming.java", "builtin:gpt2",
                options.getOrDefault("book", "builtin:generated"), "131072", "5")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        JsonNode prompt = JSON.readTree(timing.getInputStream());
        timing.waitFor();
        out.append(String.format(Locale.ROOT, "| tokenize the whole corpus (%d chars, %d tokens, %s) | first %.0f ms,"
                        + " warm %.0f ms |%n", prompt.get("book_chars").asLong(), prompt.get("corpus_tokens").asLong(),
                prompt.get("tokenizer").asText(), prompt.get("tokenize_corpus_ms_first").asDouble(),
                prompt.get("tokenize_corpus_ms_min").asDouble()));
        out.append(String.format(Locale.ROOT, "| build a depth-131072 prompt (+512, no-cache nonce) | first %.1f ms,"
                        + " warm %.1f ms |%n", prompt.get("build_prompt_ms_first").asDouble(),
                prompt.get("build_prompt_ms_min").asDouble()));
        return out.toString();
    }

    /** JVM options given as one space-separated option value, e.g. --bench-java-options "-Xmx256m -Dx=y". */
    private List<String> javaOptions(String name) {
        String value = options.getOrDefault(name, "").trim();
        return value.isEmpty() ? List.of() : List.of(value.split("\\s+"));
    }

    private int intOption(String name, int fallback) {
        return Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)));
    }

    private void print(String text) {
        System.out.println(text);
        report.append(text).append('\n');
    }

    private static String machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.replaceFirst(".*:\\s*", "")).orElse("?");
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        return String.format(Locale.ROOT, "Machine: %d CPUs (%s), %s, Java %s, load average at start %s.",
                Runtime.getRuntime().availableProcessors(), cpu, memory, System.getProperty("java.version"), load);
    }

    /** The java process /usr/bin/time started (its only child), waited for up to 5 s. */
    private static long javaUnderTime(Process time) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            var child = time.toHandle().children().findFirst();
            if (child.isPresent()) {
                return child.get().pid();
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("/usr/bin/time must start java, but no child appeared");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static double rssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * CPU ticks of a process at one moment (all threads, ended ones included) and of its live JIT compiler threads
     * (a compiler thread that ends between two samples takes its ticks with it, so "without JIT" can be a little
     * high, never low).
     */
    private record ThreadSample(long nanos, long ticks, long compilerTicks) {

        double cpuTo(ThreadSample later, boolean withoutCompiler) {
            long all = later.ticks - ticks;
            return withoutCompiler ? all - (later.compilerTicks - compilerTicks) : all;
        }

        /** The first sample at or after {@code from} and the last at or before {@code to}, or null. */
        static ThreadSample[] within(List<ThreadSample> samples, long from, long to) {
            ThreadSample first = null;
            ThreadSample last = null;
            for (ThreadSample s : samples) {
                if (s.nanos >= from && s.nanos <= to) {
                    first = first == null ? s : first;
                    last = s;
                }
            }
            return first == null || last == first ? null : new ThreadSample[] {first, last};
        }
    }

    /** Samples the per-thread CPU of a process every 100 ms until interrupted (or the process is gone). */
    private static final class ThreadSampler extends Thread {

        private final long pid;
        private final List<ThreadSample> samples = new ArrayList<>();

        ThreadSampler(long pid) {
            this.pid = pid;
            setDaemon(true);
        }

        @Override
        public void run() {
            Path tasks = Path.of("/proc/" + pid + "/task");
            while (!isInterrupted()) {
                long now = System.nanoTime();
                long ticks;
                long compiler = 0;
                try (var threads = Files.list(tasks)) {
                    ticks = cpuTicks(pid);
                    for (Path task : (Iterable<Path>) threads::iterator) {
                        try {
                            String stat = Files.readString(task.resolve("stat"));
                            if (stat.contains("CompilerThre")) {
                                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                                compiler += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                            }
                        } catch (IOException threadGone) {
                            // a thread that ended between the listing and the read
                        }
                    }
                } catch (IOException | java.io.UncheckedIOException processGone) {
                    return;
                }
                synchronized (samples) {
                    samples.add(new ThreadSample(now, ticks, compiler));
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        List<ThreadSample> samples() {
            synchronized (samples) {
                return List.copyOf(samples);
            }
        }
    }

    /** The simulator in its own process. */
    private record Simulator(Process process, String baseUrl) implements AutoCloseable {

        static Simulator start(Harness harness, double ppSpeed, double tgSpeed) throws Exception {
            Path log = harness.work.resolve("simulator.log");
            List<String> command = new ArrayList<>(List.of("java"));
            command.addAll(harness.javaOptions("sim-java-options"));
            command.addAll(List.of("-jar", harness.jar, "simulate", "--port", "0", "--pp-speed",
                    Double.toString(ppSpeed), "--tg-speed", Double.toString(tgSpeed)));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline) {
                Matcher m = PORT.matcher(Files.readString(log));
                if (m.find()) {
                    return new Simulator(process, "http://127.0.0.1:" + m.group(1) + "/v1");
                }
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(50);
            }
            process.destroy();
            throw new IllegalStateException("simulator must start, but did not: " + Files.readString(log));
        }

        void reset() throws Exception {
            HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/simulator/stats")).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
        }

        JsonNode stats() throws Exception {
            return getJson(URI.create(baseUrl + "/simulator/stats"));
        }

        long cpuTicks() throws IOException {
            return Harness.cpuTicks(process.pid());
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }

    /** One bench invocation: its report, the simulator's stats, and what it cost. */
    private record BenchRun(int concurrency, int runs, JsonNode report, JsonNode stats, double cpuSeconds,
                            double peakRssMb, double simulatorCpuSeconds, List<ThreadSample> clientThreads,
                            List<ThreadSample> serverThreads) {

        /**
         * CPU seconds per 1,000 tokens in the steady state of the last batch: between two thread samples inside the
         * span where every stream of the batch is decoding (its middle 80 %), over the tokens the simulator sent in
         * that span (each stream paces its tokens evenly from its first to its last). Both processes stamp with
         * CLOCK_MONOTONIC, so the harness's sample times and the simulator's stamps share one clock.
         *
         * @return {all threads, without the JIT compiler threads} for the client then the same for the server, or
         *         null when the batch is too short to hold two samples
         */
        double[] steadyState() {
            List<JsonNode> batch = batches().get(batches().size() - 1);
            long from = batch.stream().mapToLong(s -> s.get("first_token_nanos").asLong()).max().orElseThrow();
            long to = batch.stream().mapToLong(s -> s.get("last_token_nanos").asLong()).min().orElseThrow();
            long margin = (to - from) / 10;
            ThreadSample[] c = ThreadSample.within(clientThreads, from + margin, to - margin);
            ThreadSample[] s = ThreadSample.within(serverThreads, from + margin, to - margin);
            if (c == null || s == null) {
                return null;
            }
            double client = 1000 / tokensIn(batch, c) / TICKS_PER_SECOND;
            double server = 1000 / tokensIn(batch, s) / TICKS_PER_SECOND;
            return new double[] {c[0].cpuTo(c[1], false) * client, c[0].cpuTo(c[1], true) * client,
                    s[0].cpuTo(s[1], false) * server, s[0].cpuTo(s[1], true) * server};
        }

        private static double tokensIn(List<JsonNode> batch, ThreadSample[] window) {
            double tokens = 0;
            for (JsonNode stream : batch) {
                long first = stream.get("first_token_nanos").asLong();
                long last = stream.get("last_token_nanos").asLong();
                double afterFirst = stream.get("decode_tokens_per_second").asDouble()
                        * stream.get("decode_seconds").asDouble();
                long overlap = Math.min(last, window[1].nanos()) - Math.max(first, window[0].nanos());
                tokens += overlap > 0 ? afterFirst * overlap / (last - first) : 0;
            }
            return tokens;
        }

        JsonNode test() {
            for (JsonNode b : report.get("benchmarks")) {
                if (b.get("concurrency").asInt() == concurrency && !b.get("is_context_prefill_phase").asBoolean()) {
                    return b;
                }
            }
            throw new IllegalStateException("report must hold the test at concurrency " + concurrency);
        }

        long tokensSent() {
            return stats.get("totals").get("tokens_sent").asLong();
        }

        /** The simulator's streams grouped into the batches benchy sent: a batch ends when its last stream ends. */
        List<List<JsonNode>> batches() {
            List<JsonNode> streams = new ArrayList<>();
            stats.get("recent").forEach(streams::add);
            streams.sort(Comparator.comparingLong(s -> s.get("arrival_nanos").asLong()));
            List<List<JsonNode>> batches = new ArrayList<>();
            long batchEnd = Long.MIN_VALUE;
            for (JsonNode s : streams) {
                if (batches.isEmpty() || s.get("arrival_nanos").asLong() > batchEnd) {
                    batches.add(new ArrayList<>());
                }
                batches.get(batches.size() - 1).add(s);
                batchEnd = Math.max(batchEnd, s.get("last_token_nanos").asLong());
            }
            return batches;
        }
    }

    /** The comparison at one concurrency, over the warm batches (all but the first when there are several). */
    private static final class Point {

        static final String HEAD = "| c | server t/s (req) | server t/s (total) | benchy/server (req) "
                + "| benchy/server (total) | ttfr − server prefill, ms | ttfr − configured prefill, ms "
                + "| client CPU s/1k tok: marginal, steady, steady w/o JIT | simulator CPU s/1k tok: marginal, "
                + "steady, steady w/o JIT | client peak RSS, MB |\n";
        static final String RULE = "|---|---|---|---|---|---|---|---|---|---|\n";

        final int concurrency;
        final int runs;
        final int tg;
        final int firstWarm;
        int firstCompared;
        double serverReq;
        double serverTotal;
        double benchyReq;
        double benchyTotal;
        double worstReq;
        double worstTotal;
        double ttfr;
        double serverPrefill;
        double configuredPrefill;
        double ttfrWorst;
        final double clientCpuPerK;
        final double simCpuPerK;
        final double[] steady;
        final double peakRss;
        final long marginalTokens;
        final String problem;

        Point(int concurrency, int runs, int tg, double ppSpeed, BenchRun small, BenchRun large) {
            this.concurrency = concurrency;
            this.runs = runs;
            this.tg = tg;
            this.firstWarm = runs > 1 ? 1 : 0;
            marginalTokens = large.tokensSent() - small.tokensSent();
            clientCpuPerK = (large.cpuSeconds() - small.cpuSeconds()) / marginalTokens * 1000;
            simCpuPerK = (large.simulatorCpuSeconds() - small.simulatorCpuSeconds()) / marginalTokens * 1000;
            peakRss = large.peakRssMb();
            double[] window = large.steadyState();
            steady = window == null ? new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN} : window;
            JsonNode test = large.test();
            List<List<JsonNode>> batches = large.batches();
            JsonNode reqValues = test.get("tg_req_throughput").get("values");
            JsonNode totalValues = test.get("tg_throughput").get("values");
            JsonNode ttfrValues = test.get("ttfr").get("values");
            // the simulator keeps the most recent 1,024 streams: at high concurrency only the last batches are there
            int offset = runs - batches.size();
            boolean whole = batches.stream().allMatch(b -> b.size() == concurrency);
            if (offset < 0 || !whole || reqValues.size() != runs * concurrency) {
                problem = "expected " + runs + " batches of " + concurrency + ", but the simulator saw "
                        + batches.size() + " batches and benchy reported " + reqValues.size() + " requests";
                return;
            }
            problem = null;
            firstCompared = Math.max(firstWarm, offset);
            int warm = runs - firstCompared;
            for (int k = firstCompared; k < runs; k++) {
                List<JsonNode> batch = batches.get(k - offset);
                double sReq = batch.stream().mapToDouble(s -> s.get("decode_tokens_per_second").asDouble())
                        .average().orElseThrow();
                double bReq = 0;
                double bTtfr = 0;
                for (int i = k * concurrency; i < (k + 1) * concurrency; i++) {
                    bReq += reqValues.get(i).asDouble() / concurrency;
                    bTtfr += ttfrValues.get(i).asDouble() / concurrency;
                }
                double afterFirst = batch.stream().mapToDouble(s -> s.get("decode_tokens_per_second").asDouble()
                        * s.get("decode_seconds").asDouble()).sum();
                long first = batch.stream().mapToLong(s -> s.get("first_token_nanos").asLong()).min().orElseThrow();
                long last = batch.stream().mapToLong(s -> s.get("last_token_nanos").asLong()).max().orElseThrow();
                double sTotal = afterFirst * 1e9 / (last - first);
                double bTotal = totalValues.size() == runs ? totalValues.get(k).asDouble() : bReq;
                double sPrefill = batch.stream().mapToDouble(s -> s.get("prefill_seconds").asDouble() * 1000)
                        .average().orElseThrow();
                double configured = batch.stream().mapToDouble(s -> (s.get("prompt_tokens").asDouble()
                        - s.get("cached_tokens").asDouble()) / ppSpeed * 1000).average().orElseThrow();
                serverReq += sReq / warm;
                serverTotal += sTotal / warm;
                benchyReq += bReq / warm;
                benchyTotal += bTotal / warm;
                ttfr += bTtfr / warm;
                serverPrefill += sPrefill / warm;
                configuredPrefill += configured / warm;
                worstReq = worse(worstReq, bReq / sReq - 1);
                worstTotal = worse(worstTotal, bTotal / sTotal - 1);
                ttfrWorst = worse(ttfrWorst, bTtfr - sPrefill);
            }
        }

        private static double worse(double a, double b) {
            return Math.abs(b) > Math.abs(a) ? b : a;
        }

        String table() {
            StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "## Concurrency %d%n%n", concurrency));
            if (problem != null) {
                return t.append("Not compared: ").append(problem).append("\n").toString();
            }
            t.append(String.format(Locale.ROOT, "%d tokens per request; compared batches %d–%d of %d (batch 1 is the "
                    + "JIT warm-up); marginal tokens for CPU: %d.%n%n", tg, firstCompared + 1, runs, runs,
                    marginalTokens));
            t.append("| | server (simulator) achieved | benchy measured | benchy vs server (worst batch) |\n"
                    + "|---|---|---|---|\n");
            t.append(String.format(Locale.ROOT, "| tg t/s (req), batch mean | %.2f | %.2f | %+.2f %% (%+.2f %%) |%n",
                    serverReq, benchyReq, (benchyReq / serverReq - 1) * 100, worstReq * 100));
            t.append(String.format(Locale.ROOT, "| tg t/s (total) | %.1f | %.1f | %+.2f %% (%+.2f %%) |%n",
                    serverTotal, benchyTotal, (benchyTotal / serverTotal - 1) * 100, worstTotal * 100));
            t.append(String.format(Locale.ROOT, "| ttfr vs prefill, ms (configured %.2f) | %.2f | %.2f | %+.2f ms "
                    + "(%+.2f ms) |%n", configuredPrefill, serverPrefill, ttfr, ttfr - serverPrefill, ttfrWorst));
            t.append(String.format(Locale.ROOT, "| CPU s per 1,000 tokens, marginal (long − short run) | %.4f "
                    + "| %.4f | |%n", simCpuPerK, clientCpuPerK));
            t.append(String.format(Locale.ROOT, "| CPU s per 1,000 tokens, steady state of the last batch "
                    + "(without JIT compiler threads) | %.4f (%.4f) | %.4f (%.4f) | |%n", steady[2], steady[3],
                    steady[0], steady[1]));
            t.append(String.format(Locale.ROOT, "| client peak RSS | | %.0f MB | |%n", peakRss));
            return t.toString();
        }

        String summaryRow() {
            if (problem != null) {
                return String.format(Locale.ROOT, "| %d | %s |%n", concurrency, problem);
            }
            return String.format(Locale.ROOT, "| %d | %.2f | %.1f | %.4f | %.4f | %+.2f | %+.2f | %.4f, %.4f, %.4f "
                    + "| %.4f, %.4f, %.4f | %.0f |%n", concurrency, serverReq, serverTotal, benchyReq / serverReq,
                    benchyTotal / serverTotal, ttfr - serverPrefill, ttfr - configuredPrefill, clientCpuPerK,
                    steady[0], steady[1], simCpuPerK, steady[2], steady[3], peakRss);
        }
    }
}
