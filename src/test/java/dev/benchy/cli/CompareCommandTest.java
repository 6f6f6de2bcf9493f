package dev.benchy.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code compare} as a terminal user and a CI job run it: llama-benchy's sample report against a later benchy
 * report in which pp at concurrency 2 is 12.5 % slower.
 */
class CompareCommandTest {

    static final String A = "src/test/resources/schemas/llama-benchy-0.3.6-sample.json";
    static final String B = "src/test/resources/compare/benchy-later.json";

    record Result(int exit, String stdout, String stderr) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        CommandLine command = new CommandLine(new CompareCommand(stdout, stderr));
        command.setOut(new PrintWriter(stdout, true));
        command.setErr(new PrintWriter(stderr, true));
        int exit = command.execute(args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void markdownOfEveryCommonRowOnStdout() throws IOException {
        Result r = run(A, B);
        assertEquals(0, r.exit(), r.stderr());
        assertEquals(Files.readString(Path.of("src/test/resources/golden/compare.md"))
                .replace("llama-benchy-0.3.6-sample.json", A).replace("benchy-later.json", B), r.stdout()
                .replace(Path.of(A).toString(), A).replace(Path.of(B).toString(), B));
        assertEquals("", r.stderr());
    }

    @Test
    void jsonAndHtmlOnAsking() {
        Result json = run("--format", "json", A, B);
        assertEquals(0, json.exit());
        assertTrue(json.stdout().startsWith("{") && json.stdout().contains("\"change_percent\" : -12.5"),
                json.stdout());
        Result html = run("--format=html", A, B);
        assertEquals(0, html.exit());
        assertTrue(html.stdout().startsWith("<!DOCTYPE html>") && html.stdout().contains("<tr class=\"worse\">"));
    }

    @Test
    void failBelowFailsWhenASpeedFellByMoreAndNamesIt() {
        Result failing = run("--fail-below", "10", A, B);
        assertEquals(1, failing.exit(), failing.stderr());
        assertTrue(failing.stderr().contains("slower: pp2048 (c2) t/s (total) -12.50% (limit -10.00%)"),
                failing.stderr());
        assertTrue(failing.stdout().contains("| pp2048 (c2) |"), "the table is still written");

        assertEquals(0, run("--fail-below", "12.5", A, B).exit(), "a fall of exactly the limit passes");
        assertEquals(0, run("--fail-below", "6", B, A).exit(), "B to A: pp faster, tg 5.88 % slower");
        assertEquals(1, run("--fail-below", "5", B, A).exit(), "B to A: tg 5.88 % slower");
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path dir) throws IOException {
        Path notJson = Files.writeString(dir.resolve("notes.txt"), "pp2048 was fast");
        Result missing = run(A, dir.resolve("nope.json").toString());
        assertEquals(2, missing.exit());
        assertEquals("benchy compare: " + dir.resolve("nope.json") + ": no such file\n", missing.stderr());

        Result garbage = run(A, notJson.toString());
        assertEquals(2, garbage.exit());
        assertTrue(garbage.stderr().startsWith("benchy compare: " + notJson
                + ": must be a JSON report of benchy or llama-benchy, but could not be read ("), garbage.stderr());

        Result format = run("--format", "csv", A, B);
        assertEquals(2, format.exit());
        assertEquals("benchy compare: --format must be one of md, json, html, but was csv\n", format.stderr());

        Result limit = run("--fail-below", "-5", A, B);
        assertEquals(2, limit.exit());
        assertEquals("benchy compare: --fail-below must be a percentage from 0 to 100 (exclusive), but was -5.0\n",
                limit.stderr());
    }

    @Test
    void compareIsAOneShotCommand() {
        assertEquals(CommandMode.ONE_SHOT, CommandMode.of(Launch.tree().getSubcommands().get("compare")
                .getCommandSpec()));
    }
}
