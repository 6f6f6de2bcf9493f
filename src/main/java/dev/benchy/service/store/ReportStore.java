package dev.benchy.service.store;

import dev.benchy.core.report.JsonReportReader;
import dev.benchy.core.report.JsonReportWriter;
import dev.benchy.core.report.RunReport;
import dev.benchy.core.report.RunStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reports on disk, one JSON file each ({@code <id>.json}), written atomically (a temporary file renamed into place,
 * so a crash never leaves half a report), loaded again at start-up, and pruned per target.
 *
 * <p>A report is filed in memory first: it is listed and served from the moment it is saved, even when the folder
 * cannot take it (full disk, read-only or removed folder). Such a report stays in memory, unsaved, until a later
 * {@link #save} or {@link #writeUnsaved} writes it; the folder is created again if it went missing. Saved reports
 * are held as summaries only and read from disk when asked for.
 *
 * <p>Pruning keeps a target's {@code keep} newest reports and, beyond them, its {@link #KEPT_FAILURES} newest
 * unsuccessful ones (failed, cancelled or partial), so a burst of good runs never erases the last failures.
 */
public final class ReportStore {

    /** Unsuccessful reports a target keeps even when they are older than its {@code keep} newest. */
    public static final int KEPT_FAILURES = 20;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private static final String SUFFIX = ".json";
    private static final Comparator<ReportSummary> NEWEST_FIRST =
            Comparator.comparing(ReportStore::finishedAt).thenComparing(ReportSummary::id).reversed();

    private final Path dir;
    private final int keep;
    private final JsonReportWriter writer = new JsonReportWriter();
    private final JsonReportReader reader = new JsonReportReader();
    private final TreeMap<String, ReportSummary> index = new TreeMap<>();
    /** Reports not yet on disk, in the order they were saved. */
    private final Map<String, RunReport> unsaved = new LinkedHashMap<>();

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

    /**
     * Files the report (it is listed and served at once), prunes its target's old reports, and writes every
     * unsaved report to disk, oldest first.
     *
     * @throws UncheckedIOException when a report could not be written; it stays in memory, unsaved, and the next
     *                              save or {@link #writeUnsaved} tries again
     */
    public synchronized void save(RunReport report) {
        requireId(report.id());
        index.put(report.id(), ReportSummary.of(report));
        unsaved.put(report.id(), report);
        prune(report.target());
        writeUnsaved();
    }

    /**
     * Writes the reports held in memory to disk, oldest first, and returns how many it wrote.
     *
     * @throws UncheckedIOException at the first report that cannot be written (it and the later ones stay unsaved)
     */
    public synchronized int writeUnsaved() {
        int written = 0;
        for (var it = unsaved.values().iterator(); it.hasNext(); ) {
            write(it.next());
            it.remove();
            written++;
        }
        return written;
    }

    /** How many reports are held in memory only, waiting for the folder to take them. */
    public synchronized int unsavedCount() {
        return unsaved.size();
    }

    private void write(RunReport report) {
        Path file = dir.resolve(report.id() + SUFFIX);
        Path temp = dir.resolve("." + report.id() + SUFFIX + ".tmp");
        try {
            Files.createDirectories(dir);
            Files.write(temp, writer.write(report).getBytes(StandardCharsets.UTF_8));
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Report " + report.id() + " of target " + report.target()
                    + " could not be written: " + IoText.of(e, dir), e);
        }
    }

    /** Forgets the target's reports that are neither among its {@code keep} newest nor its newest failures. */
    private void prune(String target) {
        int failures = 0;
        int position = 0;
        for (ReportSummary s : list(target, Integer.MAX_VALUE)) {
            boolean unsuccessful = s.status() != RunStatus.OK;
            boolean kept = position++ < keep || (unsuccessful && failures < KEPT_FAILURES);
            if (unsuccessful) {
                failures++;
            }
            if (!kept) {
                forget(s.id());
            }
        }
    }

    /** Deletes a report; when its file cannot be deleted now it stays listed, and a later prune tries again. */
    private void forget(String id) {
        if (unsaved.remove(id) == null) {
            try {
                Files.deleteIfExists(dir.resolve(id + SUFFIX));
            } catch (IOException e) {
                return;
            }
        }
        index.remove(id);
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

    /**
     * The report with this id: from memory while it is unsaved, else from disk.
     *
     * @throws UncheckedIOException when its file exists but cannot be read now
     */
    public Optional<RunReport> get(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        synchronized (this) {
            if (!index.containsKey(id)) {
                return Optional.empty();
            }
            RunReport inMemory = unsaved.get(id);
            if (inMemory != null) {
                return Optional.of(inMemory);
            }
        }
        try {
            return Optional.of(reader.read(Files.readAllBytes(dir.resolve(id + SUFFIX))));
        } catch (NoSuchFileException e) {
            // deleted behind the store's back (the folder removed by hand): no longer listed
            synchronized (this) {
                index.remove(id);
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Report " + id + " could not be read: " + IoText.of(e, dir), e);
        }
    }

    /** The summary of the report with this id, if the store holds it. */
    public synchronized Optional<ReportSummary> summary(String id) {
        return Optional.ofNullable(id == null ? null : index.get(id));
    }

    public Optional<RunReport> latest(String target) {
        List<ReportSummary> newest = list(target, 1);
        return newest.isEmpty() ? Optional.empty() : get(newest.get(0).id());
    }

    /** When the target's newest successful run (status ok or partial) ended, if the store holds one. */
    public synchronized Optional<Instant> lastSuccess(String target) {
        return list(target, Integer.MAX_VALUE).stream()
                .filter(s -> s.status() == RunStatus.OK || s.status() == RunStatus.PARTIAL)
                .map(ReportStore::finishedAt).filter(t -> !t.equals(Instant.EPOCH)).findFirst();
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
