package dev.embedscope.cli.commands;

import dev.embedscope.cli.options.DataOptions;
import dev.embedscope.cli.options.SplitChoice;
import dev.embedscope.cli.render.MontageRenderer;
import dev.embedscope.cli.render.Outputs;
import dev.embedscope.data.Dataset;
import dev.embedscope.util.Sampling;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code embedscope montage}: a grid of randomly chosen images captioned with their class. */
@Command(name = "montage", mixinStandardHelpOptions = true,
        description = "A grid of randomly chosen images, each captioned with its class (or one line per class).")
public final class MontageCommand implements Callable<Integer> {

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--count", paramLabel = "N",
            description = "Images in all (default 25), or per class with --per-class (default 8).")
    Integer count;

    @Option(names = "--per-class", description = "One line per class.")
    boolean perClass;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--split", paramLabel = "train|test", defaultValue = "train",
            description = "Which split (default ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "The PNG to write.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Outputs.requireExtension(out, ".png");
        Dataset d = split.equals("train") ? dataOptions.load().train() : SplitChoice.pick(dataOptions.load(), split);
        BufferedImage image = render(d, perClass, count, seed);
        Outputs.png(out, image);
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s (%d×%d)%n", out,
                image.getWidth(), image.getHeight());
        return 0;
    }

    static BufferedImage render(Dataset d, boolean perClass, Integer count, long seed) {
        if (!d.isImage()) {
            throw new IllegalArgumentException(d.name()
                    + ": montage needs image data (IDX, NPY N×H×W, or an image folder);"
                    + " this data has no image shape");
        }
        SplittableRandom random = new SplittableRandom(seed);
        if (perClass) {
            if (!d.hasLabels()) {
                throw new IllegalArgumentException(d.name() + ": --per-class needs labels");
            }
            int per = count == null ? 8 : positive(count);
            List<int[]> rows = new ArrayList<>();
            for (int c = 0; c < d.classCount(); c++) {
                rows.add(Sampling.draw(classRows(d, c), per, random));
            }
            return MontageRenderer.perClass(d, rows, per);
        }
        int n = count == null ? 25 : positive(count);
        int[] all = new int[d.rows()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        int[] rows = Sampling.draw(all, n, random);
        int columns = (int) Math.ceil(Math.sqrt(rows.length));
        return MontageRenderer.grid(d, rows, Math.max(1, columns));
    }

    private static int positive(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("--count must be at least 1, got " + n);
        }
        return n;
    }

    private static int[] classRows(Dataset d, int c) {
        int k = 0;
        for (int label : d.labels()) {
            k += label == c ? 1 : 0;
        }
        int[] rows = new int[k];
        k = 0;
        for (int i = 0; i < d.rows(); i++) {
            if (d.labels()[i] == c) {
                rows[k++] = i;
            }
        }
        return rows;
    }
}
