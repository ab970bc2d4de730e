package dev.embedscope.cli.commands;

import dev.embedscope.cli.options.DataOptions;
import dev.embedscope.cli.render.Outputs;
import dev.embedscope.cli.render.ScatterPlot;
import dev.embedscope.data.ByteSource;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.LoadOptions;
import dev.embedscope.data.NpyReader;
import dev.embedscope.data.Splits;
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

/** {@code embedscope plot}: an embedding file drawn as a scatter plot coloured by class. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Draw an embedding (NPY, N×2 or N×3) coloured by class, with a legend of class names.")
public final class PlotCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "EMB.npy", description = "The embedding written by 'embed'.")
    Path embedding;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DATA",
            description = "The data it came from, for labels and class names (its train, test or "
                    + "train+test rows must match).")
    String data;

    @Option(names = "--labels", paramLabel = "FILE.npy",
            description = "Labels as int NPY (e.g. from embed --labels-out, whose class names in FILE.classes.txt are "
                    + "read too) instead of DATA.")
    Path labels;

    @Option(names = "--class-names", paramLabel = "NAMES|FILE",
            description = "Class names: a,b,c or a file with one name per line.")
    String classNames;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "embedding.png",
            description = "PNG or SVG (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--title", paramLabel = "T", description = "Plot title.")
    String title;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Outputs.requireExtension(out, ".png", ".svg");
        EmbeddingFile e = EmbeddingFile.read(embedding);
        int n = e.n();
        int dims = e.dims();
        double[] y = e.y();
        int[] classes = null;
        List<String> names = List.of();
        if (labels != null) {
            classes = NpyReader.readLabels(ByteSource.of(labels));
            if (classes.length != n) {
                throw new IllegalArgumentException(labels + ": " + classes.length + " labels for "
                        + n + " points in " + embedding);
            }
            int max = 0;
            for (int c : classes) {
                max = Math.max(max, c);
            }
            names = new ArrayList<>();
            List<String> beside = LabelFiles.namesOf(labels);
            List<String> given = classNames != null ? LoadOptions.splitNames(classNames)
                    : beside != null ? beside : List.of();
            for (int c = 0; c <= max; c++) {
                names.add(c < given.size() ? given.get(c) : Integer.toString(c));
            }
        } else if (data != null) {
            DataOptions opts = new DataOptions();
            opts.data = data;
            opts.classNames = classNames;
            Splits s = opts.load();
            Dataset match = e.matching(s, data, "pass the labels of the embedded rows with --labels"
                    + " (embed --labels-out writes them)").rows();
            classes = match.labels();
            names = match.classNames();
        }
        String t = title != null ? title : String.format(Locale.ROOT, "%s: N = %,d", embedding.getFileName(), n);
        ScatterPlot.write(ScatterPlot.chart(t, y, dims, classes, names), out);
        spec.commandLine().getOut().printf("wrote %s%n", out);
        return 0;
    }
}
