package dev.embedscope.cli.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * A 2-D embedding as a scatter plot (JFreeChart): one series per class with its name in the
 * legend, small translucent markers so dense regions stay readable, PNG or SVG.
 */
public final class ScatterPlot {

    public static final int WIDTH = 1600;
    public static final int HEIGHT = 1200;
    private ScatterPlot() {
    }

    /**
     * @param y positions row-major N×dims (the first two coordinates are drawn)
     * @param labels class per point, or null (one series)
     */
    public static JFreeChart chart(String title, double[] y, int dims, int[] labels, List<String> classNames) {
        return chart(title, y, dims, labels, classNames, Palette.first(Math.max(1, classNames.size())));
    }

    /** As above with one colour per class ({@code colours[c % colours.length]}). */
    public static JFreeChart chart(String title, double[] y, int dims, int[] labels,
            List<String> classNames, Color[] colours) {
        int n = y.length / dims;
        int classes = labels == null ? 1 : classNames.size();
        int[] counts = new int[classes];
        for (int i = 0; i < n; i++) {
            counts[labels == null ? 0 : labels[i]]++;
        }
        double[][][] series = new double[classes][2][];
        for (int c = 0; c < classes; c++) {
            series[c][0] = new double[counts[c]];
            series[c][1] = new double[counts[c]];
        }
        int[] fill = new int[classes];
        for (int i = 0; i < n; i++) {
            int c = labels == null ? 0 : labels[i];
            series[c][0][fill[c]] = y[dims * i];
            series[c][1][fill[c]++] = y[dims * i + 1];
        }
        DefaultXYDataset data = new DefaultXYDataset();
        for (int c = 0; c < classes; c++) {
            if (counts[c] > 0) {
                data.addSeries(labels == null ? "points" : classNames.get(c), series[c]);
            }
        }
        double size = n > 20000 ? 2.5 : n > 5000 ? 3.5 : 5;
        int alpha = n > 20000 ? 110 : n > 5000 ? 150 : 200;
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        int s = 0;
        for (int c = 0; c < classes; c++) {
            if (counts[c] == 0) {
                continue;
            }
            Color base = colours[c % colours.length];
            renderer.setSeriesPaint(s, new Color(base.getRed(), base.getGreen(), base.getBlue(), alpha));
            renderer.setSeriesShape(s, new Ellipse2D.Double(-size / 2, -size / 2, size, size));
            renderer.setLegendShape(s, new Ellipse2D.Double(-5, -5, 10, 10));
            renderer.setSeriesOutlineStroke(s, new BasicStroke(0f));
            s++;
        }
        renderer.setUseOutlinePaint(false);
        NumberAxis x = new NumberAxis("t-SNE 1");
        NumberAxis yAxis = new NumberAxis("t-SNE 2");
        for (NumberAxis axis : new NumberAxis[] {x, yAxis}) {
            axis.setAutoRangeIncludesZero(false);
            axis.setTickLabelsVisible(false); // t-SNE coordinates carry no units
            axis.setTickMarksVisible(false);
        }
        XYPlot plot = new XYPlot(data, x, yAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 20), plot, labels != null);
        chart.setBackgroundPaint(Color.WHITE);
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setPosition(RectangleEdge.RIGHT);
            legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        }
        return chart;
    }

    public static void write(JFreeChart chart, Path file) throws IOException {
        Outputs.chart(chart, file, WIDTH, HEIGHT);
    }
}
