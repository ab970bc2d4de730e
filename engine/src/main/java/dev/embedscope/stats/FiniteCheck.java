package dev.embedscope.stats;

import dev.embedscope.data.Dataset;
import dev.embedscope.data.FloatMatrix;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses features with NaN or infinite values before an algorithm that cannot take them
 * (t-SNE), naming the features and how many rows hold such values.
 */
public final class FiniteCheck {

    private FiniteCheck() {
    }

    public static void requireFinite(Dataset data, String purpose) {
        int n = data.rows();
        int d = data.columns();
        long[] bad = new long[d];
        boolean[] badRow = new boolean[n];
        FloatMatrix.View view = FloatMatrix.view(data.features());
        float[] row = new float[d];
        long rows = 0;
        for (int i = 0; i < n; i++) {
            view.get((long) i * d, row, 0, d);
            for (int j = 0; j < d; j++) {
                if (row[j] - row[j] != 0f) {
                    bad[j]++;
                    badRow[i] = true;
                }
            }
            rows += badRow[i] ? 1 : 0;
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            if (bad[j] > 0) {
                names.add(data.featureName(j) + " (" + bad[j] + " rows)");
            }
        }
        if (!names.isEmpty()) {
            throw new IllegalArgumentException(data.name() + ": " + purpose
                    + " needs finite values, but " + names.size()
                    + " feature(s) hold NaN or infinity in " + rows + " row(s): "
                    + String.join(", ", names.subList(0, Math.min(10, names.size())))
                    + (names.size() > 10 ? " and " + (names.size() - 10) + " more" : "")
                            + "; impute or drop them first");
        }
    }
}
