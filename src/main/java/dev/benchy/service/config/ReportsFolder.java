package dev.benchy.service.config;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether reports can be kept where {@code benchy.reports.dir} says: a folder that exists and takes a file, or one
 * that can be created. Checked by trying (a temporary file or folder, removed at once), since permissions alone do
 * not tell: root may "write" to {@code /proc}, a read-only mount looks writable.
 */
final class ReportsFolder {

    static final String KEY = "benchy.reports.dir";

    private ReportsFolder() {
    }

    /** The problem with {@code dir}, or null when reports can be written there. Leaves nothing behind. */
    static String problem(Path dir) {
        String must = KEY + ": must be a writable directory, but ";
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                return must + dir + " is a file";
            }
            String failure = tryWriting(dir, false);
            return failure == null ? null : must + dir + " is not writable" + failure;
        }
        Path existing = dir.toAbsolutePath().getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return must + dir + " cannot be created (no part of the path exists)";
        }
        if (!Files.isDirectory(existing)) {
            return must + dir + " cannot be created: " + existing + " is a file";
        }
        String failure = tryWriting(existing, true);
        return failure == null ? null : must + dir + " cannot be created: " + existing + " is not writable" + failure;
    }

    /** Null when a file (or folder) could be created in {@code dir}, else the reason in brackets, if one is known. */
    private static String tryWriting(Path dir, boolean folder) {
        try {
            Path probe = folder ? Files.createTempDirectory(dir, ".benchy-check")
                    : Files.createTempFile(dir, ".benchy-check", ".tmp");
            Files.delete(probe);
            return null;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return e instanceof FileSystemException fs && fs.getReason() != null ? " (" + fs.getReason() + ")" : "";
        }
    }
}
