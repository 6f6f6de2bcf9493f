package dev.benchy.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;

/**
 * The command line, read before anything starts. Help ({@code --help}, {@code help}) and usage errors (an unknown
 * command, an unknown flag, a missing value) are answered here, so they never boot Quarkus, bind a port or create the
 * reports folder. What remains is which face of benchy runs ({@link CommandMode}) and, for {@code check-config FILE},
 * the file to read.
 *
 * @param exitCode   the exit code when the command line has been answered here, else null (start the application)
 * @param mode       the service or a one-shot command
 * @param command    the name of the command that runs ({@code benchy} for the top command)
 * @param configFile the file {@code check-config FILE} names, or null
 */
record Launch(Integer exitCode, CommandMode mode, String command, String configFile) {

    /** Reads {@code args} with benchy's command tree; help goes to {@code out}, usage errors to {@code err}. */
    static Launch read(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = tree();
        commandLine.setOut(out);
        commandLine.setErr(err);
        ParseResult parsed;
        try {
            parsed = commandLine.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return new Launch(BenchyCommand.badInput(e, args), CommandMode.ONE_SHOT, null, null);
        }
        ParseResult leaf = parsed;
        boolean versionAsked = parsed.isVersionHelpRequested();
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
            versionAsked |= leaf.isVersionHelpRequested();
        }
        if (versionAsked) {
            // the version is stamped into the application's configuration: it is printed once that is read
            return new Launch(null, CommandMode.ONE_SHOT, leaf.commandSpec().name(), null);
        }
        Integer help = CommandLine.executeHelpRequest(parsed);
        if (help != null) {
            return new Launch(help, CommandMode.ONE_SHOT, null, null);
        }
        String command = leaf.commandSpec().name();
        String file = CheckConfigCommand.NAME.equals(command) ? leaf.matchedPositionalValue(0, null) : null;
        return new Launch(null, CommandMode.of(leaf.commandSpec()), command, file);
    }

    /** benchy's command tree, for parsing only. */
    static CommandLine tree() {
        return BenchyCommand.commandLine(new ParseOnlyFactory());
    }

    /**
     * Builds the commands for parsing only: their dependencies (Vert.x, the configuration) do not exist yet and are
     * never used, since nothing is run from this command line. A command's injected constructor gets nulls.
     */
    private static final class ParseOnlyFactory implements CommandLine.IFactory {

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls.isInterface() || Modifier.isAbstract(cls.getModifiers())) {
                return CommandLine.defaultFactory().create(cls);
            }
            Constructor<?>[] constructors = cls.getDeclaredConstructors();
            Constructor<?> chosen = constructors[0];
            for (Constructor<?> c : constructors) {
                if (c.getParameterCount() < chosen.getParameterCount()) {
                    chosen = c;
                }
            }
            if (chosen.getParameterCount() == 0) {
                return CommandLine.defaultFactory().create(cls);
            }
            Object[] nulls = new Object[chosen.getParameterCount()];
            Class<?>[] types = chosen.getParameterTypes();
            for (int i = 0; i < types.length; i++) {
                nulls[i] = types[i].isPrimitive() ? Array.get(Array.newInstance(types[i], 1), 0) : null;
            }
            chosen.setAccessible(true);
            return cls.cast(chosen.newInstance(nulls));
        }
    }
}
