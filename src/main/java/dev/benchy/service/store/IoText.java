package dev.benchy.service.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * A file-system failure in words: NIO's exceptions often carry only a path as their message
 * ({@code NoSuchFileException: data/reports/.x.json.tmp}), which does not say what went wrong.
 */
final class IoText {

    private IoText() {
    }

    /** The failure, naming the file it concerns: its own, or {@code where} when it names none. */
    static String of(IOException e, Path where) {
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            return fs.getFile() + ": " + (fs.getReason() != null ? fs.getReason() : kind(fs));
        }
        return where + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private static String kind(FileSystemException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "exists and is not a directory";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        return e.getClass().getSimpleName();
    }
}
