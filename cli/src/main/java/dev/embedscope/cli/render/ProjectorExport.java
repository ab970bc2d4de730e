package dev.embedscope.cli.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.io.AtomicOutput;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Writes an embedding for TensorFlow's Embedding Projector (projector.tensorflow.org, or a local one): the
 * points' features ({@code features.tsv}) and their t-SNE coordinates ({@code tsne.tsv}) as tensors, one
 * {@code metadata.tsv} (row, split, label; header row, as the Projector wants with more than one column), a
 * {@code sprite.png} of the images (a square grid of thumbnails in point order, at most 8,192 pixels a side) and
 * the {@code projector_config.json} that ties them together.
 */
public final class ProjectorExport {

    /** The Projector's largest sprite, in pixels a side. */
    public static final int SPRITE_MAX = 8192;
    /** Feature values written at most (N × D); more are left out with a note. */
    public static final long MAX_VALUES = 60_000_000L;

    private ProjectorExport() {
    }

    /** What was written, and what was left out and why. */
    public record Written(List<Path> files, List<String> notes) {
    }

    /**
     * @param rows the rows as read, in point order
     * @param xy   the 2-D positions, x then y
     * @param ids  row within split per point
     * @param split per point, or null (then every point is in {@code splitNames[0]})
     */
    public static Written write(Path dir, Dataset rows, float[] xy, int[] ids, byte[] split, List<String> splitNames)
            throws IOException {
        Files.createDirectories(dir);
        int n = xy.length / 2;
        List<Path> files = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        ObjectNode config = Outputs.JSON.createObjectNode();
        ArrayNode embeddings = config.putArray("embeddings");
        Path metadata = dir.resolve("metadata.tsv");
        AtomicOutput.write(metadata, o -> {
            Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
            w.write("row\tsplit" + (rows.hasLabels() ? "\tlabel" : "") + "\n");
            for (int i = 0; i < n; i++) {
                w.write(ids[i] + "\t" + splitNames.get(split == null ? 0 : split[i])
                        + (rows.hasLabels() ? "\t" + clean(rows.classNames().get(rows.labels()[i])) : "") + "\n");
            }
            w.flush();
        });
        files.add(metadata);
        Path sprite = null;
        int[] tile = null;
        if (rows.isImage()) {
            int side = (int) Math.ceil(Math.sqrt(n));
            int tw = rows.imageShape().width();
            int th = rows.imageShape().height();
            if ((long) side * Math.max(tw, th) <= SPRITE_MAX) {
                sprite = dir.resolve("sprite.png");
                BufferedImage img = sprite(rows, side);
                Path target = sprite;
                AtomicOutput.write(target, o -> ImageIO.write(img, "png", o));
                files.add(sprite);
                tile = new int[] {tw, th};
            } else {
                notes.add(String.format("no sprite: %,d images of %d×%d pixels do not fit the Projector's %,d "
                        + "pixels a side", n, tw, th, SPRITE_MAX));
            }
        }
        Path tsne = dir.resolve("tsne.tsv");
        AtomicOutput.write(tsne, o -> {
            Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
            for (int i = 0; i < n; i++) {
                w.write(xy[2 * i] + "\t" + xy[2 * i + 1] + "\n");
            }
            w.flush();
        });
        files.add(tsne);
        add(embeddings, "t-SNE (embedscope)", tsne, n, 2, sprite, tile);
        long values = (long) n * rows.columns();
        if (values <= MAX_VALUES) {
            Path features = dir.resolve("features.tsv");
            int d = rows.columns();
            AtomicOutput.write(features, o -> {
                Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
                FloatMatrix.View v = FloatMatrix.view(rows.features());
                float[] row = new float[d];
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    v.get((long) i * d, row, 0, d);
                    line.setLength(0);
                    for (int j = 0; j < d; j++) {
                        if (j > 0) {
                            line.append('\t');
                        }
                        float x = row[j];
                        if (x == Math.rint(x) && Math.abs(x) < 1e7) {
                            line.append((int) x);
                        } else {
                            line.append(x);
                        }
                    }
                    w.write(line.append('\n').toString());
                }
                w.flush();
            });
            files.add(features);
            add(embeddings, "features", features, n, d, sprite, tile);
        } else {
            notes.add(String.format("no features.tsv: %,d values are too many for the Projector to load", values));
        }
        Path cfg = dir.resolve("projector_config.json");
        Outputs.json(cfg, config);
        files.add(cfg);
        return new Written(files, notes);
    }

    private static void add(ArrayNode embeddings, String name, Path tensor, int n, int d, Path sprite, int[] tile) {
        ObjectNode e = embeddings.addObject();
        e.put("tensorName", name);
        e.putArray("tensorShape").add(n).add(d);
        e.put("tensorPath", tensor.getFileName().toString());
        e.put("metadataPath", "metadata.tsv");
        if (sprite != null) {
            ObjectNode s = e.putObject("sprite");
            s.put("imagePath", sprite.getFileName().toString());
            s.putArray("singleImageDim").add(tile[0]).add(tile[1]);
        }
    }

    /** The images in a square grid, {@code side} per line, in point order. */
    static BufferedImage sprite(Dataset rows, int side) {
        int n = rows.rows();
        int tw = rows.imageShape().width();
        int th = rows.imageShape().height();
        int c = rows.imageShape().channels();
        int lines = (n + side - 1) / side;
        BufferedImage img = new BufferedImage(side * tw, Math.max(1, lines) * th, BufferedImage.TYPE_INT_RGB);
        int d = rows.columns();
        float[] row = new float[d];
        FloatMatrix.View v = FloatMatrix.view(rows.features());
        float hi = 0;
        for (int i = 0; i < Math.min(n, 2000); i++) {
            v.get((long) i * d, row, 0, d);
            for (float x : row) {
                hi = Math.max(hi, x);
            }
        }
        float scale = hi <= 1 ? 255 : 1;
        for (int i = 0; i < n; i++) {
            v.get((long) i * d, row, 0, d);
            int ox = (i % side) * tw;
            int oy = (i / side) * th;
            for (int y = 0; y < th; y++) {
                for (int x = 0; x < tw; x++) {
                    int base = (y * tw + x) * c;
                    int r = level(row[base] * scale);
                    int g = c >= 3 ? level(row[base + 1] * scale) : r;
                    int b = c >= 3 ? level(row[base + 2] * scale) : r;
                    img.setRGB(ox + x, oy + y, (r << 16) | (g << 8) | b);
                }
            }
        }
        return img;
    }

    private static int level(float v) {
        return v != v ? 128 : Math.max(0, Math.min(255, Math.round(v)));
    }

    private static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ');
    }
}
