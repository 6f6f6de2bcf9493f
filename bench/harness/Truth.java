package harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * bench/truth: benchy against the independent peer (bench/peer/peer.js, a Node server that shares no code with
 * benchy): one fresh bench process per cell ({@link PeerCells}), the service's steady state
 * ({@link ServiceSteadyState}) and the wall time of {@code bench --help} ({@link HelpTiming}). Options: see
 * bench/README.md.
 */
public final class Truth {

    private static final Set<String> OPTIONS = Set.of("jar", "cells", "runs", "service-runs", "service-reports",
            "service-schedule", "help-runs", "no-cells", "no-service", "no-help", "bench-java-options",
            "service-java-options", "out");
    private static final String DEFAULT_CELLS = "1x32@50,16x32@50,64x32@50,256x32@50,512x32@50,"
            + "1x100@200,16x100@200,64x100@200,256x100@200,512x100@200,"
            + "1x400@200,16x400@200,64x400@200,256x400@200,512x400@200";

    private Truth() {
    }

    public static void main(String[] args) throws Exception {
        Options.exitOnBadInput(() -> run(Options.parse(args, OPTIONS)));
    }

    /** Reads every option first, so a bad one is named before anything runs. */
    private static void run(Options options) throws Exception {
        String jar = options.text("jar", "target/quarkus-app/quarkus-run.jar");
        List<PeerCell> cells = PeerCell.parseAll(options.text("cells", DEFAULT_CELLS));
        List<Integer> runs = options.wholes("runs", "1,3");
        int serviceRuns = options.whole("service-runs", 3);
        int serviceReports = options.whole("service-reports", 3);
        String serviceSchedule = options.text("service-schedule", "2s");
        int helpRuns = options.whole("help-runs", 5);
        List<String> benchJavaOptions = options.words("bench-java-options");
        List<String> serviceJavaOptions = options.words("service-java-options");
        String out = options.text("out", null);
        Path work = Files.createTempDirectory("benchy-truth");
        Report report = new Report();
        report.print("# benchy against the independent peer\n\n" + ProcFs.machine() + "\n");
        if (!options.has("no-cells")) {
            report.print(PeerCells.measure(jar, benchJavaOptions, cells, runs, work));
        }
        if (!options.has("no-service")) {
            report.print(ServiceSteadyState.measure(jar, serviceJavaOptions, cells, serviceRuns, serviceReports,
                    serviceSchedule, work));
        }
        if (!options.has("no-help")) {
            report.print(HelpTiming.measure(jar, benchJavaOptions, helpRuns, work));
        }
        if (out != null) {
            report.writeTo(Path.of(out));
        }
    }
}
