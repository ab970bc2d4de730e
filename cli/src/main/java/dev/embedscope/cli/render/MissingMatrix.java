package dev.embedscope.cli.render;

import dev.embedscope.data.Table;
import dev.embedscope.data.TableColumn;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * Draws which cells of a table are missing, as the missingno matrix does: one vertical strip per column, rows
 * from top to bottom in file order (a block of rows per pixel line when there are more rows than lines, shaded
 * by the share of its cells that are missing), column names above.
 */
public final class MissingMatrix {

    /** Width of one column's strip. */
    public static final int STRIP = 24;
    /** Height of the name band above the strips. */
    public static final int HEADER = 110;
    /** The most pixel lines for rows. */
    public static final int MAX_LINES = 400;
    static final Color PRESENT = new Color(0xE8, 0xEE, 0xF4);
    static final Color MISSING = new Color(0x20, 0x30, 0x40);

    private MissingMatrix() {
    }

    /** The image; a line's shade goes from present to missing with the share of missing cells in its rows. */
    public static BufferedImage render(Table t) {
        int cols = t.columns().size();
        int lines = Math.min(MAX_LINES, t.rows());
        BufferedImage img = new BufferedImage(cols * STRIP + 2, HEADER + lines, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(Color.DARK_GRAY);
        for (int c = 0; c < cols; c++) {
            AffineTransform saved = g.getTransform();
            g.translate(c * STRIP + STRIP / 2 + 5, HEADER - 4);
            g.rotate(-Math.PI / 2);
            String name = t.columns().get(c).name();
            g.drawString(name.length() > 16 ? name.substring(0, 15) + "…" : name, 0, 0);
            g.setTransform(saved);
        }
        g.dispose();
        for (int c = 0; c < cols; c++) {
            TableColumn col = t.columns().get(c);
            for (int line = 0; line < lines; line++) {
                long from = (long) line * t.rows() / lines;
                long to = (long) (line + 1) * t.rows() / lines;
                int missing = 0;
                for (long i = from; i < to; i++) {
                    missing += isMissing(col, (int) i) ? 1 : 0;
                }
                double share = (double) missing / Math.max(1, to - from);
                int rgb = blend(share);
                for (int x = c * STRIP + 1; x < (c + 1) * STRIP; x++) {
                    img.setRGB(x, HEADER + line, rgb);
                }
            }
        }
        return img;
    }

    /** Whether row {@code i} of the column is missing (a free-text column without codes counts as present). */
    public static boolean isMissing(TableColumn c, int i) {
        if (c.values() != null) {
            return Float.isNaN(c.values()[i]);
        }
        return c.codes() != null && c.codes()[i] < 0;
    }

    static int blend(double share) {
        int r = (int) Math.round(PRESENT.getRed() + share * (MISSING.getRed() - PRESENT.getRed()));
        int gr = (int) Math.round(PRESENT.getGreen() + share * (MISSING.getGreen() - PRESENT.getGreen()));
        int b = (int) Math.round(PRESENT.getBlue() + share * (MISSING.getBlue() - PRESENT.getBlue()));
        return (r << 16) | (gr << 8) | b;
    }
}
