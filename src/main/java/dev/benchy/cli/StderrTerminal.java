package dev.benchy.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether stderr is a terminal a person watches (a progress bar redrawn in place) or a pipe, a file or a CI log
 * (plain lines). Java 17 cannot ask that of stderr directly: on Linux, where file descriptor 2 points tells; elsewhere
 * the JVM's console (stdin and stdout both terminals) is the best guess.
 */
final class StderrTerminal {

    private StderrTerminal() {
    }

    static boolean isTerminal() {
        String term = System.getenv("TERM");
        if (term == null || term.isBlank() || "dumb".equals(term)) {
            return false;
        }
        Path fd = Path.of("/proc/self/fd/2");
        if (Files.isSymbolicLink(fd)) {
            try {
                return isTerminalDevice(Files.readSymbolicLink(fd).toString());
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return false;
            }
        }
        return System.console() != null;
    }

    /** A terminal device, as /proc names it: a pseudo-terminal ({@code /dev/pts/3}) or a console ({@code /dev/tty1}). */
    static boolean isTerminalDevice(String target) {
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    }

    /** The terminal's width: {@code COLUMNS} when the shell exports it, else the usual 80. */
    static int width() {
        try {
            int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80").strip());
            return columns >= 20 ? columns : 80;
        } catch (NumberFormatException e) {
            return 80;
        }
    }
}
