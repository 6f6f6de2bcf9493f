package dev.benchy.service.store;

import dev.benchy.core.report.JsonReportReader;
import dev.benchy.core.report.JsonReportWriter;
import dev.benchy.core.report.RunReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reports on disk, one JSON file each ({@code <id>.json}), written atomically (a temporary file renamed into place,
 * so a crash never leaves half a report), loaded again at start-up, and pruned to the newest {@code keep} per
 * target. Only summaries are held in memory; a report is read from disk when asked for.
 */
public final class ReportStore {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private static final String SUFFIX = ".json";
    private static final Comparator<ReportSummary> NEWEST_FIRST =
            Comparator.comparing(ReportStore::finishedAt).thenComparing(ReportSummary::id).reversed();

    private final Path dir;
    private final int keep;
    private final JsonReportWriter writer = new JsonReportWriter();
    private final JsonReportReader reader = new JsonReportReader();
    private final TreeMap<String, ReportSummary> index = new TreeMap<>();

    public ReportStore(Path dir, int keep) {
        this.dir = dir;
        this.keep = keep;
    }

    /** Creates the folder if needed and indexes the reports already there; unreadable files are reported. */
    public synchronized void open(Consumer<String> warnings) {
        try {
            Files.createDirectories(dir);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
                for (Path file : files) {
                    try {
                        RunReport report = reader.read(Files.readAllBytes(file));
                        if (report.id() != null && file.getFileName().toString().equals(report.id() + SUFFIX)) {
                            index.put(report.id(), ReportSummary.of(report));
                        } else {
                            warnings.accept("Report file " + file + " does not carry the id of its name; skipped");
                        }
                    } catch (IOException | RuntimeException e) {
                        warnings.accept("Report file " + file + " could not be read (" + e.getMessage()
                                + "); skipped");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Report folder " + dir + " cannot be used: " + e.getMessage(), e);
        }
    }

    /** Writes the report atomically and prunes its target's oldest reports beyond {@code keep}. */
    public synchronized void save(RunReport report) {
        requireId(report.id());
        Path file = dir.resolve(report.id() + SUFFIX);
        Path temp = dir.resolve("." + report.id() + SUFFIX + ".tmp");
        try {
            Files.write(temp, writer.write(report).getBytes(StandardCharsets.UTF_8));
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Report " + report.id() + " could not be written to " + dir + ": "
                    + e.getMessage(), e);
        }
        index.put(report.id(), ReportSummary.of(report));
        prune(report.target());
    }

    private void prune(String target) {
        List<ReportSummary> ofTarget = list(target, Integer.MAX_VALUE);
        for (ReportSummary old : ofTarget.subList(Math.min(keep, ofTarget.size()), ofTarget.size())) {
            try {
                Files.deleteIfExists(dir.resolve(old.id() + SUFFIX));
                index.remove(old.id());
            } catch (IOException e) {
                throw new UncheckedIOException("Old report " + old.id() + " could not be deleted", e);
            }
        }
    }

    /** Summaries, newest first, optionally of one target. */
    public synchronized List<ReportSummary> list(String target, int limit) {
        List<ReportSummary> all = new ArrayList<>();
        for (ReportSummary s : index.values()) {
            if (target == null || target.equals(s.target())) {
                all.add(s);
            }
        }
        all.sort(NEWEST_FIRST);
        return List.copyOf(all.subList(0, Math.min(limit, all.size())));
    }

    public Optional<RunReport> get(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        synchronized (this) {
            if (!index.containsKey(id)) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(reader.read(Files.readAllBytes(dir.resolve(id + SUFFIX))));
        } catch (IOException e) {
            throw new UncheckedIOException("Report " + id + " could not be read: " + e.getMessage(), e);
        }
    }

    public Optional<RunReport> latest(String target) {
        List<ReportSummary> newest = list(target, 1);
        return newest.isEmpty() ? Optional.empty() : get(newest.get(0).id());
    }

    /** Whether new reports can be written (readiness). */
    public boolean writable() {
        return Files.isDirectory(dir) && Files.isWritable(dir);
    }

    public Path dir() {
        return dir;
    }

    private static Instant finishedAt(ReportSummary summary) {
        try {
            return Instant.parse(summary.finishedAt());
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }

    private static void requireId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("report id must be letters, digits, '.', '_' or '-', but was " + id);
        }
    }
}
