package dev.benchy.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line read before anything starts: help and usage errors are answered without the application, and the
 * mode of every command comes from the command tree itself.
 */
class LaunchTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Launch read(String... args) {
        return Launch.read(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void onlyTheTopCommandAndServeAreTheService() {
        assertEquals(CommandMode.SERVICE, read().mode());
        assertEquals(CommandMode.SERVICE, read("serve").mode());
        Launch bench = read("bench", "--base-url", "http://127.0.0.1:9/v1");
        assertEquals(CommandMode.ONE_SHOT, bench.mode());
        assertNull(bench.exitCode(), "bench runs in the application");
        assertEquals("bench", bench.command());
        assertEquals(CommandMode.ONE_SHOT, read("simulate").mode());
        Launch check = read("check-config", "my.yaml");
        assertEquals(CommandMode.ONE_SHOT, check.mode());
        assertEquals("my.yaml", check.configFile());
        assertEquals("", out.toString() + err);
    }

    /** A command added to the tree is one-shot without being listed anywhere: it cannot start the scheduler. */
    @Test
    void everyCommandButServeIsOneShot() {
        Map<String, CommandLine> commands = Launch.tree().getSubcommands();
        assertTrue(commands.keySet().containsAll(java.util.List.of("serve", "bench", "simulate", "check-config",
                "help")), commands.keySet().toString());
        commands.forEach((name, command) -> assertEquals(name.equals("serve") ? CommandMode.SERVICE
                : CommandMode.ONE_SHOT, CommandMode.of(command.getCommandSpec()), name));
        assertEquals(CommandMode.SERVICE, CommandMode.of(Launch.tree().getCommandSpec()));
    }

    @Test
    void helpIsAnsweredHere() {
        Launch help = read("serve", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(out.toString().startsWith("Usage: benchy serve [-hV]"), out.toString());

        Launch helpCommand = read("help", "simulate");
        assertEquals(0, helpCommand.exitCode());
        assertTrue(out.toString().contains("Usage: benchy simulate"), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void usageErrorsAreAnsweredHereWithExitCodeTwo() {
        assertEquals(2, read("frobnicate").exitCode());
        assertEquals(2, read("serve", "--bogus").exitCode());
        assertEquals(2, read("check-config", "a.yaml", "b.yaml").exitCode());
        assertEquals("benchy: Unmatched argument at index 0: 'frobnicate'\n"
                + "Try 'benchy --help'.\n"
                + "benchy serve: Unknown option: '--bogus'\n"
                + "Try 'benchy serve --help'.\n"
                + "benchy check-config: Unmatched argument at index 2: 'b.yaml'\n"
                + "Try 'benchy check-config --help'.\n", err.toString().replace(System.lineSeparator(), "\n"));
        assertEquals("", out.toString());
    }

    /** The version is in the application's configuration: it is printed by the application, as a one-shot. */
    @Test
    void versionGoesOnAsAOneShot() {
        Launch version = read("serve", "--version");
        assertNull(version.exitCode());
        assertEquals(CommandMode.ONE_SHOT, version.mode());
    }
}
