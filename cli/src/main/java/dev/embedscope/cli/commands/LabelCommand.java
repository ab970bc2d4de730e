package dev.embedscope.cli.commands;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.embedscope.cli.options.DataOptions;
import dev.embedscope.cli.options.SplitChoice;
import dev.embedscope.cli.render.Format;
import dev.embedscope.cli.render.Outputs;
import dev.embedscope.cli.render.Terminal;
import dev.embedscope.cli.render.TerminalImage;
import dev.embedscope.data.DataFormatException;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.Splits;
import dev.embedscope.quality.HumanScore;
import dev.embedscope.util.Sampling;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code embedscope label}: a human-baseline session in the terminal. Images are drawn with half
 * blocks, the person answers with a class number or name ({@code u} undoes, {@code q} stops), the
 * answers are saved after every step so a later run resumes, and the end shows the person's
 * accuracy against the dataset's labels, per class, with a confusion matrix.
 */
@Command(name = "label", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Label images yourself in the terminal and see how well a person does "
                + "against the dataset's labels.")
public final class LabelCommand implements Callable<Integer> {

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--count", paramLabel = "N", defaultValue = "100",
            description = "Images to label (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Which images (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--split", paramLabel = "train|test",
            description = "Which split (default: test when DATA has one, else its only split).")
    String split;

    @Option(names = "--answers", paramLabel = "FILE", defaultValue = "answers.json",
            description = "Answers file: saved after every answer, resumed from when it exists (default "
                    + "${DEFAULT-VALUE}).")
    Path answers;

    @Option(names = "--score", paramLabel = "ANSWERS", description = "Score an existing answers file; no session.")
    Path score;

    @Option(names = "--plain", description = "ASCII grey levels instead of 24-bit colour half blocks.")
    boolean plain;

    @Option(names = "--colour", paramLabel = "auto|always|never", defaultValue = "auto",
            description = "Colour codes: auto (only when standard output is a terminal and NO_COLOR is not set; "
                    + "the default), always or never (the same as --plain).")
    String colour;

    @Spec
    CommandSpec spec;

    /** The answers file. */
    record Answers(String data, String split, long seed, int[] rows, List<Integer> answers, Summary score) {
    }

    record Summary(int answered, int correct, double accuracy, List<ClassAccuracy> perClass, long[][] confusion) {
    }

    record ClassAccuracy(String name, double accuracy) {
    }

    @Override
    public Integer call() throws Exception {
        Splits splits = dataOptions.load();
        if (split == null) {
            split = splits.hasTest() ? "test" : "train";
        }
        Dataset d = SplitChoice.pick(splits, split);
        if (!d.hasLabels()) {
            throw new IllegalArgumentException(dataOptions.data + ": has no labels to compare answers with");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (score != null) {
            Answers a = read(score);
            check(a, d, score);
            Answers scored = withScore(a, d);
            Outputs.json(score, scored);
            printScore(out, scored.score(), d);
            return 0;
        }
        if (!d.isImage()) {
            throw new IllegalArgumentException(dataOptions.data + ": label needs image data");
        }
        Answers state = Files.exists(answers) ? read(answers) : fresh(d);
        check(state, d, answers);
        List<Integer> given = new ArrayList<>(state.answers());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (!given.isEmpty()) {
            out.printf(Locale.ROOT, "Resuming %s: %d of %d answered.%n", answers, given.size(), state.rows().length);
        }
        List<String> names = d.classNames();
        while (given.size() < state.rows().length) {
            int row = state.rows()[given.size()];
            out.println();
            out.print(TerminalImage.render(d, row, colour(colour, plain)));
            out.printf(Locale.ROOT, "[%d/%d] ", given.size() + 1, state.rows().length);
            for (int c = 0; c < names.size(); c++) {
                out.printf(Locale.ROOT, "%d %s%s", c, names.get(c), c + 1 < names.size() ? ", " : "");
            }
            out.print("  (u = undo, q = stop): ");
            out.flush();
            String line = in.readLine();
            if (line == null || line.trim().equalsIgnoreCase("q")) {
                break;
            }
            String t = line.trim();
            if (t.equalsIgnoreCase("u")) {
                if (given.isEmpty()) {
                    out.println("nothing to undo");
                } else {
                    given.remove(given.size() - 1);
                    save(state, given);
                }
                continue;
            }
            int answer = parse(t, names);
            if (answer < 0) {
                out.println("'" + t + "' is not a class: type its number (0-" + (names.size() - 1) + ") or its name");
                continue;
            }
            given.add(answer);
            save(state, given);
        }
        Answers done = withScore(new Answers(state.data(), state.split(), state.seed(), state.rows(), given, null), d);
        Outputs.json(answers, done);
        out.println();
        printScore(out, done.score(), d);
        out.println("Saved " + answers + (given.size() < state.rows().length ? "; run again to resume." : "."));
        return 0;
    }

    private Answers fresh(Dataset d) {
        int[] all = new int[d.rows()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        int[] rows = Sampling.draw(all, Math.max(1, count), new SplittableRandom(seed));
        return new Answers(dataOptions.displayName(), split, seed, rows, List.of(), null);
    }

    private void save(Answers state, List<Integer> given) throws IOException {
        Outputs.json(answers, new Answers(state.data(), state.split(), state.seed(),
                state.rows(), List.copyOf(given), null));
    }

    static int parse(String t, List<String> names) {
        try {
            int n = Integer.parseInt(t);
            return n >= 0 && n < names.size() ? n : -1;
        } catch (NumberFormatException e) {
            int found = -1;
            for (int c = 0; c < names.size(); c++) {
                String name = names.get(c).toLowerCase(Locale.ROOT);
                String q = t.toLowerCase(Locale.ROOT);
                if (name.equals(q)) {
                    return c;
                }
                if (name.startsWith(q)) {
                    if (found >= 0) {
                        return -1; // ambiguous prefix
                    }
                    found = c;
                }
            }
            return found;
        }
    }

    private static Answers read(Path file) throws IOException {
        try {
            JsonNode n = Outputs.JSON.readTree(file.toFile());
            int[] rows = Outputs.JSON.treeToValue(n.get("rows"), int[].class);
            List<Integer> given = new ArrayList<>();
            for (JsonNode a : n.get("answers")) {
                given.add(a.asInt());
            }
            return new Answers(n.path("data").asText(), n.path("split").asText(),
                    n.path("seed").asLong(), rows, given, null);
        } catch (JacksonException | NullPointerException e) {
            throw new DataFormatException(file + ": not an answers file written by 'embedscope label'"
                    + " (expected 'rows' and 'answers')");
        }
    }

    private static void check(Answers a, Dataset d, Path file) {
        for (int r : a.rows()) {
            if (r < 0 || r >= d.rows()) {
                throw new IllegalArgumentException(file + ": row " + r + " is not in the data (" + d.rows()
                        + " rows); wrong DATA or --split?");
            }
        }
        if (a.answers().size() > a.rows().length) {
            throw new IllegalArgumentException(file + ": more answers than images");
        }
        for (int v : a.answers()) {
            if (v < 0 || v >= d.classCount()) {
                throw new IllegalArgumentException(file + ": answer " + v + " is not a class (0-" + (d.classCount() - 1)
                        + ")");
            }
        }
    }

    private static Answers withScore(Answers a, Dataset d) {
        int n = a.answers().size();
        int[] rows = Arrays.copyOf(a.rows(), n);
        int[] ans = a.answers().stream().mapToInt(Integer::intValue).toArray();
        HumanScore s = HumanScore.of(rows, ans, d.labels(), d.classNames());
        int c = d.classCount();
        List<ClassAccuracy> per = new ArrayList<>();
        for (int k = 0; k < c; k++) {
            per.add(new ClassAccuracy(d.classNames().get(k), s.perClass()[k]));
        }
        long[][] m = new long[c][c];
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                m[i][j] = s.confusion()[i * c + j];
            }
        }
        return new Answers(a.data(), a.split(), a.seed(), a.rows(), a.answers(), new Summary(s.answered(), s.correct(),
                s.accuracy(), per, m));
    }

    static void printScore(PrintWriter out, Summary s, Dataset d) {
        out.printf(Locale.ROOT,
                "You labelled %d image(s): %d agree with the dataset, accuracy %.1f%%%n", s.answered(), s.correct(),
                100 * (Double.isNaN(s.accuracy()) ? 0 : s.accuracy()));
        for (ClassAccuracy c : s.perClass()) {
            if (!Double.isNaN(c.accuracy())) {
                out.printf(Locale.ROOT, "  %-16s %5.1f%%%n", Format.clip(c.name(), 16), 100 * c.accuracy());
            }
        }
        int c = d.classCount();
        out.println("Confusion (rows: dataset label, columns: your answer):");
        StringBuilder header = new StringBuilder("  " + " ".repeat(16));
        for (int j = 0; j < c; j++) {
            header.append(String.format(Locale.ROOT, "%4d", j));
        }
        out.println(header);
        for (int i = 0; i < c; i++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-13s %2d",
                    Format.clip(d.classNames().get(i), 13), i));
            for (int j = 0; j < c; j++) {
                row.append(String.format(Locale.ROOT, "%4d", s.confusion()[i][j]));
            }
            out.println(row);
        }
        out.flush();
    }

    /** Whether images are drawn with colour codes. */
    static boolean colour(String mode, boolean plain) {
        return switch (mode) {
            case "auto" -> !plain && Terminal.colourOnStdout();
            case "always" -> !plain;
            case "never" -> false;
            default -> throw new IllegalArgumentException("--colour: '" + mode + "' is not auto, always or never");
        };
    }
}
