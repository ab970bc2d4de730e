package dev.embedscope.cli.render;

import dev.embedscope.data.Dataset;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.ImageShape;
import dev.embedscope.util.Sampling;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * The thumbnails of image rows packed into PNG sprite sheets (at most {@link #SHEET} pixels a side, the size
 * browsers and the Embedding Projector take): lossless, grey or RGB as the images are, at their own size up to
 * {@link #MAX_SIDE} pixels a side (larger images are area-averaged down). When all thumbnails would take more
 * bytes than the budget, a seeded random subset of the rows gets one and {@link #sampled()} says so.
 *
 * @param tileWidth, tileHeight a thumbnail's size in pixels
 * @param columns    thumbnails per sheet row
 * @param perSheet   thumbnails per sheet
 * @param sheets     the PNG files
 * @param tileOf     per row: its thumbnail's index over all sheets, or -1 when it has none
 * @param tiles      rows with a thumbnail
 */
public record SpriteAtlas(int tileWidth, int tileHeight, int columns, int perSheet, List<byte[]> sheets,
                          int[] tileOf, int tiles) {

    public static final int SHEET = 4096;
    public static final int MAX_SIDE = 64;

    /** Whether some rows have no thumbnail (the budget was too small for all). */
    public boolean sampled() {
        return tiles < tileOf.length;
    }

    /** The bytes of all sheets. */
    public long bytes() {
        long b = 0;
        for (byte[] s : sheets) {
            b += s.length;
        }
        return b;
    }

    /**
     * Thumbnails of {@code rows} of {@code d} (an image dataset), within {@code budgetBytes} of PNG.
     *
     * @param rows the dataset row of each point, in point order
     * @param seed picks the rows that keep a thumbnail when not all fit
     */
    public static SpriteAtlas of(Dataset d, int[] rows, long budgetBytes, long seed) throws IOException {
        ImageShape shape = d.imageShape();
        if (shape == null) {
            throw new IllegalArgumentException(d.name() + " holds no images");
        }
        int factor = Math.max(1, (Math.max(shape.width(), shape.height()) + MAX_SIDE - 1) / MAX_SIDE);
        int tw = Math.max(1, shape.width() / factor);
        int th = Math.max(1, shape.height() / factor);
        Tiles tiles = new Tiles(d, tw, th, factor, MontageRenderer.range(d, rows));
        int n = rows.length;
        int[] chosen = identity(n);
        // estimate bytes per thumbnail from one sheet of random rows, then keep as many rows as the budget allows
        int probe = Math.min(n, tiles.perSheet());
        int[] probeRows = Sampling.sortedSubset(n, probe, new SplittableRandom(seed ^ 0x5DEECE66DL));
        double perTile = (double) tiles.encode(rows, probeRows, 0, probe).length / probe;
        for (int attempt = 0; attempt < 4; attempt++) {
            List<byte[]> sheets = new ArrayList<>();
            long total = 0;
            for (int from = 0; from < chosen.length; from += tiles.perSheet()) {
                byte[] png = tiles.encode(rows, chosen, from, Math.min(chosen.length, from + tiles.perSheet()));
                sheets.add(png);
                total += png.length;
            }
            if (total <= budgetBytes || chosen.length == 0) {
                int[] tileOf = new int[n];
                Arrays.fill(tileOf, -1);
                for (int t = 0; t < chosen.length; t++) {
                    tileOf[chosen[t]] = t;
                }
                return new SpriteAtlas(tw, th, tiles.columns(), tiles.perSheet(), List.copyOf(sheets), tileOf,
                        chosen.length);
            }
            perTile = Math.max(perTile, (double) total / chosen.length);
            int keep = (int) Math.max(0, Math.min(chosen.length - 1, Math.floor(0.97 * budgetBytes / perTile)));
            chosen = Sampling.sortedSubset(n, keep, new SplittableRandom(seed));
        }
        throw new IllegalStateException("thumbnails did not fit " + budgetBytes + " bytes");
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** Draws thumbnails into sheets. */
    private record Tiles(Dataset d, int tw, int th, int factor, float[] range) {

        int columns() {
            return SHEET / tw;
        }

        int perSheet() {
            return columns() * (SHEET / th);
        }

        /** One PNG with the thumbnails of {@code rows[points[from..to)]}, in that order. */
        byte[] encode(int[] rows, int[] points, int from, int to) throws IOException {
            ImageShape s = d.imageShape();
            int count = to - from;
            int cols = Math.min(columns(), Math.max(1, count));
            int lines = (count + columns() - 1) / columns();
            boolean grey = s.channels() == 1;
            BufferedImage img = new BufferedImage(cols * tw, Math.max(1, lines) * th,
                    grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
            int dim = d.columns();
            float[] row = new float[dim];
            FloatMatrix.View view = FloatMatrix.view(d.features());
            float scale = 255f / (range[1] - range[0]);
            int c = s.channels();
            byte[] greyPixels = grey ? ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData()
                    : null;
            int stride = cols * tw;
            for (int k = 0; k < count; k++) {
                view.get((long) rows[points[from + k]] * dim, row, 0, dim);
                int ox = (k % columns()) * tw;
                int oy = (k / columns()) * th;
                for (int y = 0; y < th; y++) {
                    for (int x = 0; x < tw; x++) {
                        int r = level(mean(row, s, x, y, 0), scale);
                        if (grey) {
                            greyPixels[(oy + y) * stride + ox + x] = (byte) r;
                        } else {
                            int g = c >= 3 ? level(mean(row, s, x, y, 1), scale) : r;
                            int b = c >= 3 ? level(mean(row, s, x, y, 2), scale) : r;
                            img.setRGB(ox + x, oy + y, (r << 16) | (g << 8) | b);
                        }
                    }
                }
            }
            return png(img);
        }

        private static byte[] png(BufferedImage img) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer available");
            }
            return out.toByteArray();
        }

        /** The mean of channel {@code ch} over the source pixels thumbnail pixel (x, y) covers. */
        private float mean(float[] row, ImageShape s, int x, int y, int ch) {
            if (factor == 1) {
                return row[(y * s.width() + x) * s.channels() + ch];
            }
            float sum = 0;
            int count = 0;
            for (int dy = 0; dy < factor; dy++) {
                for (int dx = 0; dx < factor; dx++) {
                    float v = row[((y * factor + dy) * s.width() + x * factor + dx) * s.channels() + ch];
                    if (v == v) {
                        sum += v;
                        count++;
                    }
                }
            }
            return count == 0 ? Float.NaN : sum / count;
        }

        private int level(float v, float scale) {
            if (v != v) {
                return 128;
            }
            return Math.max(0, Math.min(255, Math.round((v - range[0]) * scale)));
        }
    }
}
