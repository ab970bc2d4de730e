package dev.embedscope.cli.report;

import dev.embedscope.data.Dataset;
import dev.embedscope.data.NativeImages;
import dev.embedscope.stats.FeatureStats;
import dev.embedscope.stats.Finding;
import dev.embedscope.stats.Inspection;
import java.util.ArrayList;
import java.util.List;

/** The JSON form of {@code inspect}: per split its shape, classes, pooled and per-feature statistics, and findings. */
public record InspectReport(String data, List<Split> splits) {

    /** One split; {@code imageFiles} lists the native sizes and layouts of an image folder's files. */
    public record Split(String name, int rows, int features, String imageShape, String sourceType,
                        List<NativeImages.Group> imageFiles, List<ClassCount> classes, Inspection.Pooled pooled,
                        List<FeatureStats.ColumnSummary> featureStats, List<Finding> findings, int duplicateGroups) {
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
                            in.duplicateGroups().size()));
        }
        return new InspectReport(name, splits);
    }
}
