package dev.embedscope.cli.render;

import dev.embedscope.data.Dataset;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.ImageShape;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Draws image rows as a grid, each image enlarged with nearest-neighbour pixels and captioned
 * with its class name, or one row per class with the class name on the left. Grey levels span
 * the value range of the images drawn (0..255 for raw pixels, 0..1 for scaled ones).
 */
public final class MontageRenderer {

    public static final int MIN_CELL = 84;
    private static final int CAPTION = 18;
    private static final int PAD = 6;
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private MontageRenderer() {
    }

    /** A grid of {@code rows} (dataset row indices), {@code columns} per line, captioned with class names. */
    public static BufferedImage grid(Dataset d, int[] rows, int columns) {
        String[] captions = null;
        if (d.hasLabels()) {
            captions = new String[rows.length];
            for (int k = 0; k < rows.length; k++) {
                captions[k] = d.classNames().get(d.labels()[rows[k]]);
            }
        }
        return grid(d, rows, columns, captions, MIN_CELL);
    }

    /**
     * A grid with one caption per image (or none), images at least {@code minCell} pixels; a caption may have
     * several lines ({@code \n}), and a cell is as wide as its longest caption line, so no caption is cut off.
     */
    public static BufferedImage grid(Dataset d, int[] rows, int columns, String[] captions, int minCell) {
        ImageShape shape = d.imageShape();
        int zoom = Math.max(1,
                (minCell + Math.max(shape.width(), shape.height()) - 1) / Math.max(shape.width(), shape.height()));
        int iw = shape.width() * zoom;
        int ch = shape.height() * zoom;
        int cw = iw;
        int lines = 0;
        if (captions != null) {
            FontMetrics fm = graphics(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB)).getFontMetrics();
            for (String c : captions) {
                String[] parts = c.split("\n");
                lines = Math.max(lines, parts.length);
                for (String part : parts) {
                    cw = Math.max(cw, fm.stringWidth(part) + 4);
                }
            }
        }
        int captionHeight = CAPTION * Math.max(1, lines);
        int n = (rows.length + columns - 1) / columns;
        int width = PAD + columns * (cw + PAD);
        int height = PAD + n * (ch + captionHeight + PAD);
        BufferedImage out = canvas(width, height);
        Graphics2D g = graphics(out);
        float[] range = range(d, rows);
        for (int k = 0; k < rows.length; k++) {
            int x = PAD + (k % columns) * (cw + PAD);
            int y = PAD + (k / columns) * (ch + captionHeight + PAD);
            drawImage(g, d, rows[k], x + (cw - iw) / 2, y, zoom, range);
            if (captions != null) {
                String[] parts = captions[k].split("\n");
                for (int l = 0; l < parts.length; l++) {
                    caption(g, parts[l], x, y + ch + l * CAPTION, cw);
                }
            }
        }
        g.dispose();
        return out;
    }

    /** One line per class: the class name, then that class's images. */
    public static BufferedImage perClass(Dataset d, List<int[]> rowsByClass, int perClass) {
        ImageShape shape = d.imageShape();
        int zoom = zoom(shape);
        int cw = shape.width() * zoom;
        int ch = shape.height() * zoom;
        int label = 110;
        int width = label + PAD + perClass * (cw + PAD);
        int height = PAD + rowsByClass.size() * (ch + PAD);
        BufferedImage out = canvas(width, height);
        Graphics2D g = graphics(out);
        int total = rowsByClass.stream().mapToInt(r -> r.length).sum();
        int[] all = new int[total];
        int m = 0;
        for (int[] r : rowsByClass) {
            System.arraycopy(r, 0, all, m, r.length);
            m += r.length;
        }
        float[] range = range(d, all);
        for (int c = 0; c < rowsByClass.size(); c++) {
            int y = PAD + c * (ch + PAD);
            g.setColor(Color.DARK_GRAY);
            g.drawString(Format.clip(d.classNames().get(c), 16), PAD, y + ch / 2 + 5);
            int[] rows = rowsByClass.get(c);
            for (int k = 0; k < rows.length; k++) {
                drawImage(g, d, rows[k], label + PAD + k * (cw + PAD), y, zoom, range);
            }
        }
        g.dispose();
        return out;
    }

    private static int zoom(ImageShape shape) {
        return Math.max(1,
                (MIN_CELL + Math.max(shape.width(), shape.height()) - 1) / Math.max(shape.width(), shape.height()));
    }

    private static BufferedImage canvas(int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return out;
    }

    private static Graphics2D graphics(BufferedImage out) {
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(FONT);
        return g;
    }

    /** The grey-level range: 0..255 or 0..1 when the values fit, else their min..max. */
    static float[] range(Dataset d, int[] rows) {
        int dim = d.columns();
        FloatMatrix.View view = FloatMatrix.view(d.features());
        float[] row = new float[dim];
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int r : rows) {
            view.get((long) r * dim, row, 0, dim);
            for (float v : row) {
                if (v == v && !Float.isInfinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo >= 0 && hi <= 1) {
            return new float[] {0, 1};
        }
        if (lo >= 0 && hi <= 255) {
            return new float[] {0, 255};
        }
        return new float[] {lo, hi > lo ? hi : lo + 1};
    }

    private static void drawImage(Graphics2D g, Dataset d, int index, int x, int y, int zoom, float[] range) {
        ImageShape s = d.imageShape();
        int dim = d.columns();
        float[] row = new float[dim];
        FloatMatrix.view(d.features()).get((long) index * dim, row, 0, dim);
        BufferedImage img = new BufferedImage(s.width(), s.height(), BufferedImage.TYPE_INT_RGB);
        float scale = 255f / (range[1] - range[0]);
        int c = s.channels();
        for (int py = 0; py < s.height(); py++) {
            for (int px = 0; px < s.width(); px++) {
                int base = (py * s.width() + px) * c;
                int r = level(row[base], range[0], scale);
                int gr = c >= 3 ? level(row[base + 1], range[0], scale) : r;
                int b = c >= 3 ? level(row[base + 2], range[0], scale) : r;
                img.setRGB(px, py, (r << 16) | (gr << 8) | b);
            }
        }
        g.drawImage(img, x, y, s.width() * zoom, s.height() * zoom, null);
    }

    private static int level(float v, float lo, float scale) {
        if (v != v) {
            return 128;
        }
        return Math.max(0, Math.min(255, Math.round((v - lo) * scale)));
    }

    private static void caption(Graphics2D g, String text, int x, int y, int width) {
        g.setColor(Color.DARK_GRAY);
        FontMetrics fm = g.getFontMetrics();
        String t = text;
        while (fm.stringWidth(t) > width && t.length() > 2) {
            t = t.substring(0, t.length() - 2) + "…";
        }
        g.drawString(t, x + (width - fm.stringWidth(t)) / 2, y + CAPTION - 5);
    }
}
