package dev.embedscope.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedscope.cli.options.DataOptions;
import dev.embedscope.cli.options.ViewOption;
import dev.embedscope.cli.render.Outputs;
import dev.embedscope.cli.render.ProjectorExport;
import dev.embedscope.cli.render.ViewData;
import dev.embedscope.data.Splits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code embedscope view}: an embedding as one self-contained interactive HTML page, or for the Projector. */
@Command(name = "view", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write an embedding as one self-contained HTML page to explore: every point, pan and zoom, the "
                + "image and row under the pointer, classes to show or hide, search by row, box selection.")
public final class ViewCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "EMB.npy", description = "The embedding written by 'embed' (N×2 or N×3).")
    Path embedding;

    @Parameters(index = "1", paramLabel = "DATA",
            description = "The data it came from: its train, test or train+test rows must match the points.")
    String data;

    @Option(names = "--out", paramLabel = "FILE.html", description = "The page.")
    Path out;

    @Option(names = "--projector", paramLabel = "DIR",
            description = "Also (or only) write files for TensorFlow's Embedding Projector: tensors, metadata, "
                    + "sprite and projector_config.json.")
    Path projector;

    @Option(names = "--audit", paramLabel = "audit.json",
            description = "Colour by label-noise score from 'audit' of the same rows.")
    Path audit;

    @Option(names = "--labels", paramLabel = "FILE", description = "Labels for IDX or NPY features (IDX or NPY file).")
    Path labels;

    @Option(names = "--label-column", paramLabel = "NAME", description = "The label column of a CSV/TSV table.")
    String labelColumn;

    @Option(names = "--ignore-columns", paramLabel = "NAME", split = ",",
            description = "CSV/TSV columns to leave out.")
    List<String> ignoreColumns = new ArrayList<>();

    @Option(names = "--class-names", paramLabel = "NAMES|FILE",
            description = "Class names: a,b,c or a file with one name per line.")
    String classNames;

    @Option(names = "--title", paramLabel = "T", description = "The page's title.")
    String title;

    @Option(names = "--thumbnail-budget", paramLabel = "MB", defaultValue = "27",
            description = "Megabytes of thumbnails the page may hold; over it, a random subset of the points has "
                    + "one, and the page says so (default ${DEFAULT-VALUE}).")
    double budgetMb;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Picks the thumbnails kept when not all fit (default ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (out == null && projector == null) {
            throw new IllegalArgumentException("give --out FILE.html, --projector DIR, or both");
        }
        if (out != null) {
            Outputs.requireExtension(out, ".html");
        }
        long budget = ViewOption.budget(budgetMb);
        EmbeddingFile e = EmbeddingFile.read(embedding);
        int n = e.n();
        DataOptions opts = new DataOptions();
        opts.data = data;
        opts.labels = labels;
        opts.labelColumn = labelColumn;
        opts.ignoreColumns = ignoreColumns;
        opts.classNames = classNames;
        Splits s = opts.load();
        Views.Points points = e.matching(s, data, "embed with --view FILE.html to view a sample of the rows");
        String heading = title != null ? title : String.format(Locale.ROOT, "%s of %s: %,d points",
                embedding.getFileName(), opts.displayName(), n);
        ViewData.Builder b = Views.builder(heading, e.y(), e.dims(), points, budget, seed);
        if (audit != null) {
            b.scores(scores(audit, n), "label-noise score").mode("score");
        }
        b.note(Views.about(spec.commandLine().getParseResult().originalArgs()));
        ViewData view = b.build();
        List<String> written = new ArrayList<>();
        if (out != null) {
            Views.write(out, view);
            written.add(out.toString());
        }
        if (projector != null) {
            ProjectorExport.Written w = ProjectorExport.write(projector, points.rows(), view.xy(), view.rows(),
                    view.split(), view.splitNames());
            w.notes().forEach(line -> spec.commandLine().getErr().println("embedscope: projector: " + line));
            w.files().forEach(p -> written.add(p.toString()));
        }
        spec.commandLine().getOut().println("wrote " + String.join(", ", written));
        return 0;
    }

    /** The label-noise scores of an audit.json, one per point. */
    private static float[] scores(Path file, int n) throws IOException {
        JsonNode root;
        try {
            root = Outputs.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not readable as JSON (" + e.getMessage().split("\n")[0]
                    + "); expected the audit.json that 'audit' writes");
        }
        JsonNode scores = root.get("labelScores");
        if (scores == null || !scores.isArray()) {
            throw new IllegalArgumentException(file + ": has no labelScores; expected the audit.json of 'audit' "
                    + "on labelled data");
        }
        if (scores.size() != n) {
            throw new IllegalArgumentException(file + ": " + scores.size() + " label-noise scores for " + n
                    + " points; audit the same split that was embedded (audit --split)");
        }
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) scores.get(i).asDouble(Double.NaN);
        }
        return out;
    }
}
