package dev.embedscope.cli;

import dev.embedscope.io.AtomicOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The files a parsed command line reads and writes, checked before any work: no output may be an
 * input (or a data file inside an input folder), two outputs may not be one file, only one output may
 * be standard output ({@code -}), and a folder output may not be an existing file. Roles come from
 * the option names every command shares: {@code --out} (a folder where its label is {@code DIR}),
 * {@code --json}, {@code --csv}, {@code --plot}, {@code --labels-out}, {@code --view} and {@code --projector}
 * (a folder) write; positional arguments, {@code --labels}, {@code --test-labels}, {@code --scaler},
 * {@code --score}, {@code --class-names}, {@code --answers} and {@code --audit} read.
 */
final class FileRoles {

    private static final Set<String> OUTPUTS = Set.of("--out", "--json", "--csv", "--plot", "--labels-out",
            "--view", "--projector");
    private static final Set<String> INPUTS = Set.of("--labels", "--test-labels", "--scaler", "--score",
            "--class-names", "--answers", "--audit");
    private static final Set<String> STANDARD_OUTPUT_NAMES = Set.of(AtomicOutput.STANDARD_OUTPUT, "/dev/stdout",
            "/dev/fd/1", "/proc/self/fd/1");
    private static final List<String> DATA_ENDINGS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".gif", "ubyte",
            "ubyte.gz", ".npy", ".csv", ".tsv", ".txt", ".gz");

    /** One file argument: the option (or parameter label) that named it and its value. */
    record Named(String option, String value) {
        Path path() {
            return Path.of(value);
        }
    }

    private final List<Named> inputs = new ArrayList<>();
    private final List<Named> outputFiles = new ArrayList<>();
    private final List<Named> outputFolders = new ArrayList<>();

    /** The roles of the deepest sub-command's arguments. */
    static FileRoles of(ParseResult parsed) {
        ParseResult p = parsed;
        while (p.hasSubcommand()) {
            p = p.subcommand();
        }
        FileRoles roles = new FileRoles();
        for (ArgSpec arg : p.matchedArgs()) {
            Object value = arg.getValue();
            if (value == null || value instanceof Boolean || value instanceof Number) {
                continue;
            }
            String text = value.toString();
            if (arg instanceof OptionSpec o) {
                String name = o.longestName();
                if (OUTPUTS.contains(name)) {
                    (o.paramLabel().equals("DIR") ? roles.outputFolders : roles.outputFiles).add(new Named(name, text));
                } else if (INPUTS.contains(name)) {
                    roles.inputs.add(new Named(name, text));
                }
            } else if (value instanceof String || value instanceof Path) {
                roles.inputs.add(new Named(arg.paramLabel(), text));
            }
        }
        return roles;
    }

    /** True when some output is standard output: the command's own messages then go to standard error. */
    boolean writesStandardOutput() {
        return outputFiles.stream().anyMatch(o -> STANDARD_OUTPUT_NAMES.contains(o.value()));
    }

    /** Refuses the command line (one line naming the option and the file) when an output would be wrong. */
    void check() throws IOException {
        int stdout = 0;
        for (Named out : outputFiles) {
            if (out.value().equals(AtomicOutput.STANDARD_OUTPUT)) {
                if (++stdout > 1) {
                    throw new IllegalArgumentException(out.option() + " -: only one output can go to standard "
                            + "output; give the others file names");
                }
                continue;
            }
            for (Named in : inputs) {
                refuseOverwritingInput(out, in);
            }
            for (Named other : outputFiles) {
                if (other != out && !other.value().equals(AtomicOutput.STANDARD_OUTPUT)
                        && outputFiles.indexOf(other) < outputFiles.indexOf(out) && same(out.path(), other.path())) {
                    throw new IllegalArgumentException(out.option() + " " + out.value() + ": is also the output of "
                            + other.option() + "; give each output its own file");
                }
            }
        }
        for (Named folder : outputFolders) {
            if (folder.value().equals(AtomicOutput.STANDARD_OUTPUT)) {
                throw new IllegalArgumentException(folder.option() + " -: this output is a folder of several files, "
                        + "it cannot go to standard output; give a folder name");
            }
            Path dir = folder.path();
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new IllegalArgumentException(folder.option() + " " + folder.value() + ": is a file, expected a "
                        + "folder to write into; give a new or existing folder name");
            }
        }
    }

    private static void refuseOverwritingInput(Named out, Named in) throws IOException {
        Path o = out.path();
        Path i = in.path();
        if (!Files.exists(o) || !Files.exists(i)) {
            return;
        }
        if (same(o, i)) {
            throw new IllegalArgumentException(out.option() + " " + out.value() + ": is the input " + in.option()
                    + "; writing it would destroy the input, give the output another name");
        }
        if (Files.isDirectory(i) && Files.isRegularFile(o) && o.toRealPath().startsWith(i.toRealPath())
                && isDataFile(o)) {
            throw new IllegalArgumentException(out.option() + " " + out.value() + ": is a data file inside the input "
                    + "folder " + in.value() + "; write the output outside it");
        }
    }

    private static boolean isDataFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return DATA_ENDINGS.stream().anyMatch(name::endsWith);
    }

    private static boolean same(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        } catch (IOException e) {
            return false;
        }
    }
}
