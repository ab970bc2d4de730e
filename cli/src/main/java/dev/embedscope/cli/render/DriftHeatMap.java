package dev.embedscope.cli.render;

import dev.embedscope.data.ImageShape;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * Per-pixel drift of image data as a heat map (H×W, enlarged), with a colour scale from 0 to the
 * largest value (or a floor), so a shifted region of the image shows at a glance. Colours: a viridis-like ramp.
 */
public final class DriftHeatMap {

    private static final Color[] RAMP = {new Color(0x440154), new Color(0x3b528b),
            new Color(0x21918c), new Color(0x5ec962), new Color(0xfde725)};

    private DriftHeatMap() {
    }

    /**
     * @param values one value per feature (pixel × channel; channels are averaged)
     * @param floor the colour scale reaches at least this value, so negligible drift stays dark
     */
    public static BufferedImage render(double[] values, ImageShape shape, String title, String measure, double floor) {
        int h = shape.height();
        int w = shape.width();
        int ch = shape.channels();
        double[] pixel = new double[h * w];
        double max = Math.max(floor, 1e-12);
        for (int p = 0; p < h * w; p++) {
            double s = 0;
            for (int c = 0; c < ch; c++) {
                s += values[p * ch + c];
            }
            pixel[p] = s / ch;
            max = Math.max(max, pixel[p]);
        }
        int cell = Math.max(4, 448 / Math.max(h, w));
        int top = 40;
        int barWidth = 24;
        int width = w * cell + 120;
        int height = h * cell + top + 20;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, 10, 24);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                g.setColor(colour(pixel[y * w + x] / max));
                g.fillRect(10 + x * cell, top + y * cell, cell, cell);
            }
        }
        int bx = 20 + w * cell;
        for (int y = 0; y < h * cell; y++) {
            g.setColor(colour(1 - (double) y / (h * cell - 1)));
            g.fillRect(bx, top + y, barWidth, 1);
        }
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(String.format(Locale.ROOT, "%.2f", max), bx + barWidth + 4, top + 10);
        g.drawString("0", bx + barWidth + 4, top + h * cell);
        g.drawString(measure, bx, top + h * cell + 16);
        g.dispose();
        return out;
    }

    public static Color colour(double t) {
        double x = Math.max(0, Math.min(1, t)) * (RAMP.length - 1);
        int i = Math.min(RAMP.length - 2, (int) x);
        double f = x - i;
        Color a = RAMP[i];
        Color b = RAMP[i + 1];
        return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }
}
