package dev.embedscope.cli.report;

import dev.embedscope.data.TableColumn;
import dev.embedscope.stats.LabelLeakage;

import dev.embedscope.data.Dataset;
import dev.embedscope.data.NativeImages;
import dev.embedscope.stats.FeatureStats;
import dev.embedscope.stats.Finding;
import dev.embedscope.stats.Inspection;
import java.util.ArrayList;
import java.util.List;

/** The JSON form of {@code inspect}: per split its shape, classes, pooled and per-feature statistics, and findings. */
public record InspectReport(String data, List<Split> splits) {

    /**
     * One split; {@code imageFiles} lists the native sizes and layouts of an image folder's files; a table has its
     * encoding, columns, per-feature skewness and one-feature predictive power (null otherwise).
     */
    public record Split(String name, int rows, int features, String imageShape, String sourceType,
                        List<NativeImages.Group> imageFiles, List<ClassCount> classes, Inspection.Pooled pooled,
                        List<FeatureStats.ColumnSummary> featureStats, List<Finding> findings, int duplicateGroups,
                        String encoding, List<Column> columns, double[] skewness, LabelLeakage.Result predictivePower) {
    }

    /** A table column as read: its type (and whether it was given), missing cells, distinct values, a summary. */
    public record Column(String name, String type, boolean given, long missing, long distinct, String values) {
    }

    public record ClassCount(String name, long count, double share) {
    }

    public static InspectReport of(String name, List<Inspection> inspections) {
        List<Split> splits = new ArrayList<>();
        for (Inspection in : inspections) {
            Dataset d = in.data();
            List<ClassCount> classes = new ArrayList<>();
            long[] counts = d.classCounts();
            for (int c = 0; c < counts.length; c++) {
                classes.add(new ClassCount(d.classNames().get(c), counts[c],
                        (double) counts[c] / Math.max(1, d.rows())));
            }
            splits.add(new Split(d.name(), d.rows(), d.columns(), d.isImage() ? d.imageShape().toString() : null,
                    d.sourceType().toString(), d.nativeImages() == null ? null : d.nativeImages().groups(), classes,
                    in.pooled(),
                    d.isImage() ? null : in.stats().summaries(d.allFeatureNames()), in.findings(),
                            in.duplicateGroups().size(), d.tabular() == null ? null
                            : d.tabular().table().encoding().describe(), columns(d), in.skewness(), in.leakage()));
        }
        return new InspectReport(name, splits);
    }

    private static List<Column> columns(Dataset d) {
        if (d.tabular() == null) {
            return null;
        }
        List<Column> out = new ArrayList<>();
        for (TableColumn c : d.tabular().table().columns()) {
            out.add(new Column(c.name(), c.type().label(), c.given(), c.missing(), c.distinct(),
                    ColumnSummary.of(c)));
        }
        return out;
    }
}
