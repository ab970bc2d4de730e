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

/** Class counts as a bar chart (JFreeChart), one bar per split in each class group; PNG or SVG. */
public final class ClassChart {

    public static final int WIDTH = 1000;
    public static final int HEIGHT = 600;
    private static final Color[] SPLIT_COLOURS = {new Color(0x1f77b4), new Color(0xff7f0e)};

    private ClassChart() {
    }

    public static JFreeChart chart(String title, List<Dataset> splits) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Dataset d : splits) {
            long[] counts = d.classCounts();
            for (int c = 0; c < counts.length; c++) {
                data.addValue(counts[c], d.name(), d.classNames().get(c));
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(title, "class", "rows", data, PlotOrientation.VERTICAL,
                splits.size() > 1, true, false);
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
        return chart;
    }

    public static void write(JFreeChart chart, Path file) throws IOException {
        Outputs.chart(chart, file, WIDTH, HEIGHT);
    }
}
