package dev.embedscope.cli.commands;

import dev.embedscope.data.NpyWriter;
import dev.embedscope.io.AtomicOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Labels written for other tools: int32 NPY (what training code loads) with the class names beside it in
 * {@code NAME.classes.txt}, one per line in class order, which {@code plot --labels} reads back so pictures keep
 * the names.
 */
final class LabelFiles {

    private LabelFiles() {
    }

    /** {@code y.npy} → {@code y.classes.txt}. */
    static Path namesBeside(Path npy) {
        String name = npy.getFileName().toString();
        String stem = name.toLowerCase(java.util.Locale.ROOT).endsWith(".npy") ? name.substring(0, name.length() - 4)
                : name;
        return npy.resolveSibling(stem + ".classes.txt");
    }

    /** Writes the labels and their class names; returns the names file. */
    static Path write(Path npy, int[] labels, List<String> classNames) throws IOException {
        AtomicOutput.write(npy, o -> NpyWriter.writeInt32(labels, o));
        Path names = namesBeside(npy);
        byte[] text = (String.join("\n", classNames.stream().map(n -> n.replace('\n', ' ')).toList()) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        AtomicOutput.write(names, o -> o.write(text));
        return names;
    }

    /** The class names written beside {@code npy}, or null when there are none. */
    static List<String> namesOf(Path npy) throws IOException {
        Path names = namesBeside(npy);
        if (!Files.isRegularFile(names)) {
            return null;
        }
        return Files.readAllLines(names, StandardCharsets.UTF_8).stream().filter(l -> !l.isEmpty()).toList();
    }
}
