package dev.embedscope.spark;

import dev.embedscope.data.DataFormatException;
import dev.embedscope.data.ImageShape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options every job reads its input with (picocli mixin): the input and how its columns are meant. */
final class InputOptions {
    @Parameters(index = "0", paramLabel = "INPUT", description = "Parquet file or folder, or a folder of NPY "
            + "shards (part-*.npy; train/ and test/ sub-folders for two splits).")
    String input;

    @Option(names = "--image-column", paramLabel = "NAME", description = "Parquet column holding each image "
            + "as an array of numbers (default: every numeric column is a feature).")
    String imageColumn;

    @Option(names = "--image-shape", paramLabel = "HxW[xC]", description = "Shape of the flattened images "
            + "(names features pixel (r,c), as the single-machine commands do).")
    String imageShape;

    @Option(names = "--label-column", paramLabel = "NAME", defaultValue = "label",
            description = "Column of class indexes or names (default: ${DEFAULT-VALUE}).")
    String labelColumn;

    @Option(names = "--no-labels", description = "The input has no label column.")
    boolean noLabels;

    @Option(names = "--split-column", paramLabel = "NAME", description = "Column naming each row's split "
            + "(train, test, ...).")
    String splitColumn;

    @Option(names = "--classes", paramLabel = "FILE", description = "Class names, one per line, in label order.")
    Path classes;

    InputSpec spec() throws IOException {
        InputSpec s = InputSpec.of(input).withLabelColumn(noLabels ? null : labelColumn)
                .withSplitColumn(splitColumn);
        if (imageColumn != null || imageShape != null) {
            s = s.withImageColumn(imageColumn, imageShape == null ? null : parseShape(imageShape));
        }
        if (classes != null) {
            if (!Files.isRegularFile(classes)) {
                throw new DataFormatException(classes + ": no such file (--classes names a file of class names)");
            }
            s = s.withClassNames(Files.readAllLines(classes, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).toList());
        }
        return s;
    }

    static ImageShape parseShape(String text) throws DataFormatException {
        String[] p = text.toLowerCase(Locale.ROOT).split("x");
        try {
            if (p.length == 2 || p.length == 3) {
                return new ImageShape(Integer.parseInt(p[0]), Integer.parseInt(p[1]),
                        p.length == 3 ? Integer.parseInt(p[2]) : 1);
            }
        } catch (IllegalArgumentException e) {
            // phrased below
        }
        throw new DataFormatException("--image-shape " + text + ": expected HxW or HxWxC, e.g. 28x28");
    }
}
