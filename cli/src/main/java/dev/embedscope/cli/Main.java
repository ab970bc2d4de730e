package dev.embedscope.cli;

import dev.embedscope.cli.commands.AuditCommand;
import dev.embedscope.cli.commands.BenchCommand;
import dev.embedscope.cli.commands.ClassesCommand;
import dev.embedscope.cli.commands.CompareCommand;
import dev.embedscope.cli.commands.DemoCommand;
import dev.embedscope.cli.commands.DevicesCommand;
import dev.embedscope.cli.commands.EmbedCommand;
import dev.embedscope.cli.commands.InspectCommand;
import dev.embedscope.cli.commands.LabelCommand;
import dev.embedscope.cli.commands.MontageCommand;
import dev.embedscope.cli.commands.PlotCommand;
import dev.embedscope.cli.commands.ReportCommand;
import dev.embedscope.cli.commands.ScaleCommand;
import dev.embedscope.cli.commands.StatsCommand;
import dev.embedscope.cli.commands.ViewCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import dev.embedscope.cli.render.About;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * The {@code embedscope} command: become one with a dataset before training anything. Each
 * subcommand is a {@code Callable<Integer>}; this class wires them, turns bad input into one
 * line on standard error with exit code 1 (a stack trace only with {@code --verbose}), checks
 * the files a command line reads and writes before any work ({@link FileRoles}; when an output is
 * {@code -}, the command's own messages go to standard error), and is the only place that calls
 * {@code System.exit}.
 */
@Command(name = "embedscope", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Look at a dataset before training anything: statistics, problems, scaling, pictures.",
        subcommands = {InspectCommand.class, StatsCommand.class, ScaleCommand.class, MontageCommand.class,
            ClassesCommand.class, EmbedCommand.class, PlotCommand.class, ViewCommand.class, CompareCommand.class,
                    AuditCommand.class,
                    LabelCommand.class, ReportCommand.class, DevicesCommand.class, BenchCommand.class,
                    DemoCommand.class, CommandLine.HelpCommand.class, AutoComplete.GenerateCompletion.class})
public final class Main {

    @CommandLine.Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Print stack traces for errors.")
    public boolean verbose;

    @CommandLine.Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "No progress bars and no notes on standard error; warnings and errors only.")
    public boolean quiet;

    /** The version the build wrote, for --version on every command. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {About.version()};
        }
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        boolean verbose = List.of(args).contains("--verbose") || List.of(args).contains("-v");
        CommandLine cli = new CommandLine(new Main());
        everyCommand(cli, c -> c.getCommandSpec().versionProvider(new Version()));
        cli.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        return execute(cli, out, err, verbose, args);
    }

    private static void everyCommand(CommandLine c, java.util.function.Consumer<CommandLine> action) {
        action.accept(c);
        c.getSubcommands().values().forEach(s -> everyCommand(s, action));
    }

    /**
     * Executes a command line: an exception from a command, and an error too (picocli lets
     * {@link Error}s through: out of memory, a native library or ND4J backend that cannot load),
     * becomes one line on standard error and exit code 1, with the stack trace only when verbose.
     */
    public static int execute(CommandLine cli, PrintWriter out, PrintWriter err, boolean verbose, String... args) {
        cli.setOut(out);
        cli.setErr(err);
        // errors go to the real standard error even with --quiet, which only quiets what commands write there
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> report(err, ex, verbose));
        cli.setExecutionStrategy(parseResult -> {
            FileRoles roles = FileRoles.of(parseResult);
            try {
                roles.check();
            } catch (IOException | IllegalArgumentException e) {
                return report(err, e, verbose);
            }
            if (roles.writesStandardOutput()) {
                cli.setOut(err);
            }
            if (cli.getCommand() instanceof Main m && m.quiet) {
                everyCommand(cli, c -> c.setErr(new PrintWriter(new WarningsOnly(err), true)));
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        int code;
        try {
            code = cli.execute(args);
        } catch (Error e) {
            code = report(err, e, verbose);
        }
        out.flush();
        err.flush();
        return code;
    }

    private static int report(PrintWriter err, Throwable ex, boolean verbose) {
        err.println("embedscope: " + Errors.describe(ex));
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return 1;
    }
}
