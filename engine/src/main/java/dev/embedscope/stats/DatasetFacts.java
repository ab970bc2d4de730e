package dev.embedscope.stats;

import dev.embedscope.data.Dataset;
import dev.embedscope.data.SourceType;
import java.util.List;

/**
 * What the data checks read of a split besides its statistics and duplicate rows: its name, size, feature
 * names, whether it holds images, where its values came from, and its classes. A dataset held in memory
 * gives them with {@link #of(Dataset)}; data read elsewhere (Spark partitions) builds them from counts, so
 * both get the same findings.
 */
public record DatasetFacts(String name, long rows, List<String> featureNames, boolean image, SourceType sourceType,
                           List<String> classNames, long[] classCounts) {

    public DatasetFacts {
        featureNames = List.copyOf(featureNames);
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
        if (classCounts != null && classCounts.length != classNames.size()) {
            throw new IllegalArgumentException(classCounts.length + " class counts for " + classNames.size()
                    + " classes");
        }
    }

    public static DatasetFacts of(Dataset d) {
        return new DatasetFacts(d.name(), d.rows(), d.allFeatureNames(), d.isImage(), d.sourceType(),
                d.classNames(), d.hasLabels() ? d.classCounts() : null);
    }

    public boolean hasLabels() {
        return classCounts != null;
    }
}
