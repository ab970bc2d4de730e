package dev.embedscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.embedscope.cli.render.About;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What scripts and CI pipelines rely on: versions, quiet runs, completion, exit codes, terminals told apart. */
class ScriptingTest {

    @TempDir
    Path dir;

    @Test
    void everyCommandAnswersVersionWithTheBuildsVersion() {
        String version = About.version();
        assertTrue(version.matches("embedscope \\d+\\.\\d+\\.\\d+.*"), version);
        CommandLine cli = new CommandLine(new Main());
        for (String name : cli.getSubcommands().keySet()) {
            if (name.equals("help") || name.equals("generate-completion")) {
                continue;
            }
            CliRun r = CliRun.of(name, "--version");
            assertEquals(0, r.code(), name + ": " + r.err());
            assertEquals(version, r.out().strip(), name);
        }
    }

    @Test
    void quietLeavesStandardErrorEmptyButForWarningsAndErrors() {
        String[] args = {"embed", "sample", "--split", "test", "--sample", "100000", "--perplexity", "10",
            "--iterations", "250", "--out", dir.resolve("e.npy").toString()};
        CliRun loud = CliRun.of(args);
        assertEquals(0, loud.code(), loud.err());
        assertTrue(loud.err().contains("embedscope: "), "notes without --quiet: " + loud.err());
        assertTrue(!loud.err().contains("\r"), "no progress bar when standard error is not a terminal");
        String[] quietArgs = java.util.Arrays.copyOf(args, args.length + 1);
        quietArgs[args.length] = "--quiet";
        CliRun quiet = CliRun.of(quietArgs);
        assertEquals(0, quiet.code(), quiet.err());
        assertEquals("", quiet.err());
        CliRun bad = CliRun.of("inspect", dir.resolve("missing.csv").toString(), "--quiet");
        assertEquals(1, bad.code());
        assertTrue(bad.err().startsWith("embedscope: "), "errors still say what went wrong: " + bad.err());
    }

    @Test
    void completionCoversTheCommandsAndTheirOptions() {
        CliRun r = CliRun.of("generate-completion");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("complete -F") && r.out().contains("view") && r.out().contains("--fail-on")
                && r.out().contains("--thumbnail-budget"), "a bash completion script");
    }

    @Test
    void failOnGivesExitCodeThreeOnlyWhenItsConditionHolds() throws IOException {
        Path clean = dir.resolve("clean.csv");
        Path constant = dir.resolve("constant.csv");
        StringBuilder a = new StringBuilder("x,y,label\n");
        StringBuilder b = new StringBuilder("x,y,label\n");
        Random r = new Random(2);
        for (int i = 0; i < 200; i++) {
            a.append(String.format(java.util.Locale.ROOT, "%.6f,%.6f,%d%n", r.nextGaussian(), r.nextGaussian(), i % 2));
            b.append(String.format(java.util.Locale.ROOT, "%.6f,4,%d%n", r.nextGaussian() + 2, i % 2));
        }
        Files.writeString(clean, a);
        Files.writeString(constant, b);
        Path clean2 = dir.resolve("clean2.csv");
        StringBuilder c = new StringBuilder("x,y,label\n");
        for (int i = 0; i < 200; i++) {
            c.append(String.format(java.util.Locale.ROOT, "%.6f,%.6f,%d%n", r.nextGaussian(), r.nextGaussian(), i % 2));
        }
        Files.writeString(clean2, c);
        Path json = dir.resolve("i.json");
        CliRun ok = CliRun.of("inspect", clean.toString(), "--label-column", "label", "--fail-on", "findings");
        assertEquals(0, ok.code(), ok.out() + ok.err());
        CliRun gated = CliRun.of("inspect", constant.toString(), "--label-column", "label", "--fail-on", "findings",
                "--json", json.toString());
        assertEquals(3, gated.code(), gated.err());
        assertTrue(Files.exists(json), "the outputs are written before the gate");
        assertTrue(gated.err().contains("--fail-on findings:"), gated.err());
        CliRun errorsOnly = CliRun.of("inspect", constant.toString(), "--label-column", "label", "--fail-on", "errors");
        assertEquals(0, errorsOnly.code(), "a warning is not an error: " + errorsOnly.out());
        CliRun same = CliRun.of("compare", clean.toString(), clean2.toString(), "--label-column", "label", "--embed",
                "none", "--out", dir.resolve("c1").toString(), "--fail-on", "shift");
        assertEquals(0, same.code(), same.err());
        CliRun moved = CliRun.of("compare", clean.toString(), constant.toString(), "--label-column", "label",
                "--embed", "none", "--out", dir.resolve("c2").toString(), "--fail-on", "shift");
        assertEquals(3, moved.code(), moved.err());
        assertTrue(Files.exists(dir.resolve("c2").resolve("compare.json")));
        CliRun unknown = CliRun.of("compare", clean.toString(), clean.toString(), "--label-column", "label",
                "--out", dir.resolve("c3").toString(), "--fail-on", "drift");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("--fail-on: 'drift' is not shift"), unknown.err());
    }

    @Test
    void standardErrorIsATerminalOnlyWhenItIsOneWhateverStandardOutputIs() throws IOException, InterruptedException {
        Path script = Path.of("/usr/bin/script");
        assumeTrue(Files.isExecutable(script), "needs script(1) (util-linux) for a pseudo-terminal");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        String probe = "TERM=xterm '" + java + "' -cp '" + cp + "' " + TerminalProbe.class.getName();
        assertTrue(run(script, probe).contains("stderr-terminal=true"), "under a terminal");
        Path log = dir.resolve("err.log");
        String redirected = run(script, probe + " 2>'" + log + "'");
        assertTrue(redirected.contains("stderr-terminal=false"), "standard error redirected: " + redirected);
    }

    private static String run(Path script, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(script.toString(), "-qec", command, "/dev/null")
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out;
    }
}
