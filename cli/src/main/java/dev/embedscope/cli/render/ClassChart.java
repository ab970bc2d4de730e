package dev.embedscope.cli.render;

import dev.embedscope.data.Dataset;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Class shares as a bar chart (JFreeChart): per class one bar per split, its height the class's percent of that
 * split (so splits of 60,000 and 10,000 rows compare), its count written on it; PNG or SVG.
 */
public final class ClassChart {

    public static final int WIDTH = 1000;
    public static final int HEIGHT = 600;
    /** The splits' colours: the first (train) and second (test) as in every figure ({@link Palette}). */
    private static final Color[] SPLIT_COLOURS = {new Color(0x7a7a7a), Palette.TEST};

    private ClassChart() {
    }

    public static JFreeChart chart(String title, List<Dataset> splits) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<long[]> counts = new java.util.ArrayList<>();
        for (Dataset d : splits) {
            long[] k = d.classCounts();
            counts.add(k);
            double total = Math.max(1, d.rows());
            for (int c = 0; c < k.length; c++) {
                data.addValue(100.0 * k[c] / total, d.name(), d.classNames().get(c));
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(title, "class", "share of the split's rows (%)", data,
                PlotOrientation.VERTICAL, splits.size() > 1, true, false);
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        for (int s = 0; s < splits.size(); s++) {
            renderer.setSeriesPaint(s, SPLIT_COLOURS[s % SPLIT_COLOURS.length]);
        }
        renderer.setDefaultItemLabelGenerator(new org.jfree.chart.labels.StandardCategoryItemLabelGenerator() {
            @Override
            public String generateLabel(org.jfree.data.category.CategoryDataset dataset, int row, int column) {
                return String.format(java.util.Locale.ROOT, "%,d", counts.get(row)[column]);
            }
        });
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10));
        plot.getRangeAxis().setUpperMargin(0.12);
        return chart;
    }

    public static void write(JFreeChart chart, Path file) throws IOException {
        Outputs.chart(chart, file, WIDTH, HEIGHT);
    }
}
