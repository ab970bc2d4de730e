package dev.embedscope.cli.render;

import dev.embedscope.data.ColumnType;
import dev.embedscope.data.Table;
import dev.embedscope.data.TableColumn;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * Small multiples of a table's columns: a histogram of {@link #BINS} equal-width bins for numbers, integers,
 * booleans and dates, a bar chart of the {@link #TOP} most frequent levels for categories and free text, one
 * panel per column in file order, each titled with its name and type.
 */
public final class ColumnCharts {

    public static final int PANEL_W = 260;
    public static final int PANEL_H = 150;
    public static final int PER_ROW = 4;
    public static final int BINS = 20;
    public static final int TOP = 8;
    static final Color BAR = new Color(0x1f, 0x77, 0xb4);

    private ColumnCharts() {
    }

    public static BufferedImage render(Table t) {
        int n = t.columns().size();
        int rows = (n + PER_ROW - 1) / PER_ROW;
        BufferedImage img = new BufferedImage(PER_ROW * PANEL_W, Math.max(1, rows) * PANEL_H,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        for (int c = 0; c < n; c++) {
            panel(g, t.columns().get(c), (c % PER_ROW) * PANEL_W, (c / PER_ROW) * PANEL_H);
        }
        g.dispose();
        return img;
    }

    /** The heights of the bars of a column: bin counts for numeric columns, top level counts for others. */
    public static long[] bars(TableColumn c) {
        if (c.values() != null) {
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (float v : c.values()) {
                if (Float.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            long[] bins = new long[c.type() == ColumnType.BOOLEAN ? 2 : BINS];
            if (lo > hi) {
                return bins;
            }
            for (float v : c.values()) {
                if (Float.isFinite(v)) {
                    int b = hi == lo ? 0 : (int) Math.min(bins.length - 1, (v - lo) / (hi - lo) * bins.length);
                    bins[b]++;
                }
            }
            return bins;
        }
        if (c.levelCounts() == null) {
            return new long[0];
        }
        long[] sorted = c.levelCounts().clone();
        Arrays.sort(sorted);
        long[] top = new long[Math.min(TOP, sorted.length)];
        for (int i = 0; i < top.length; i++) {
            top[i] = sorted[sorted.length - 1 - i];
        }
        return top;
    }

    private static void panel(Graphics2D g, TableColumn c, int x0, int y0) {
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        String title = c.name() + " (" + c.type().label() + ")";
        g.drawString(title.length() > 34 ? title.substring(0, 33) + "…" : title, x0 + 8, y0 + 16);
        long[] bars = bars(c);
        int top = y0 + 24;
        int bottom = y0 + PANEL_H - (c.values() == null ? 28 : 12);
        int left = x0 + 8;
        int width = PANEL_W - 16;
        long max = Arrays.stream(bars).max().orElse(0);
        g.setColor(new Color(0xdd, 0xdd, 0xdd));
        g.drawLine(left, bottom, left + width, bottom);
        if (bars.length == 0 || max == 0) {
            g.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 11));
            g.drawString(c.levels() == null && c.values() == null ? "too many distinct values to chart"
                    : "no values", left, (top + bottom) / 2);
            return;
        }
        double w = (double) width / bars.length;
        g.setColor(BAR);
        for (int b = 0; b < bars.length; b++) {
            int h = (int) Math.round((double) bars[b] / max * (bottom - top));
            g.fillRect(left + (int) Math.round(b * w) + 1, bottom - h, Math.max(1, (int) Math.round(w) - 2), h);
        }
        if (c.values() == null) {
            g.setColor(Color.GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            Integer[] order = new Integer[c.levels().size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Long.compare(c.levelCounts()[b], c.levelCounts()[a]));
            for (int b = 0; b < bars.length; b++) {
                String label = c.levels().get(order[b]);
                int chars = Math.max(1, (int) (w / 6));
                g.drawString(label.length() > chars ? label.substring(0, Math.max(1, chars - 1)) + "…" : label,
                        left + (int) Math.round(b * w) + 1, bottom + 12);
            }
        }
    }
}
