package dev.embedscope.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.data.category.CategoryDataset;
import org.junit.jupiter.api.Test;

/** The bench chart's segments are the phases they are named after, in the order they run. */
class BenchChartTest {

    @Test
    void eachSegmentIsItsPhasesTime() {
        BenchCommand.Row cpu = new BenchCommand.Row("cpu", "2 cores", "Barnes-Hut", "exact", Double.NaN, 5000,
                0.7, 2.0, 0.3, 9.0, 12.0, 100, 5e5, 1, 0.8);
        BenchCommand.Row gpu = new BenchCommand.Row("opencl", "H200", "exact", "exact", Double.NaN, 5000,
                0.6, 1.5, 0.2, 1.1, 3.4, 900, 4.5e6, 3.5, 0.8);
        JFreeChart chart = BenchCommand.chart(List.of(cpu, gpu));
        CategoryDataset d = chart.getCategoryPlot().getDataset();
        assertEquals(List.of("PCA", "kNN", "affinities", "optimisation"), d.getRowKeys());
        double[][] expected = {{0.7, 2.0, 0.3, 9.0}, {0.6, 1.5, 0.2, 1.1}};
        for (int c = 0; c < 2; c++) {
            for (int phase = 0; phase < 4; phase++) {
                assertEquals(expected[c][phase], d.getValue(phase, c).doubleValue(), 0, "row " + c + " " + phase);
            }
        }
    }
}
