package dev.embedscope.compare;

import dev.embedscope.data.Dataset;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.knn.ExactKnn;
import dev.embedscope.knn.KnnGraph;
import dev.embedscope.linalg.Pca;
import dev.embedscope.util.Parallel;
import dev.embedscope.util.Sampling;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Compares a training and a test split (both already scaled with training statistics): class
 * distribution, per-feature drift, leakage across the splits, and a kNN two-sample mixing test in
 * the joint PCA space (PCA fitted on train). Each part is its own class; this one runs them and
 * keeps the results.
 *
 * @param classes null when either split has no labels
 * @param resolution the native image sizes of both splits; null unless both were read from image files
 */
public record Comparison(Dataset train, Dataset test, ClassShift classes, FeatureDrift drift, Leakage leakage,
                         MixingTest mixing, Pca pca, ResolutionShift resolution) {

    public static Comparison run(Dataset train, Dataset test, CompareOptions o) {
        if (train.columns() != test.columns()) {
            throw new IllegalArgumentException("the splits have different feature counts: " + train.name() + " "
                    + train.columns() + ", " + test.name() + " " + test.columns());
        }
        if (!Objects.equals(train.imageShape(), test.imageShape())) {
            throw new IllegalArgumentException("the splits have different image shapes: " + train.name() + " "
                    + train.imageShape() + ", " + test.name() + " " + test.imageShape());
        }
        boolean labelled = train.hasLabels() && test.hasLabels();
        try (Parallel parallel = new Parallel(o.threads())) {
            ClassShift classes = labelled ? ClassShift.of(train.classNames(),
                    train.classCounts(), test.classCounts()) : null;
            FeatureDrift drift = FeatureDrift.compute(train.features(), test.features(), parallel);
            int d = train.columns();
            Pca pca = o.pcaDims() > 0 && d > o.pcaDims() ? Pca.fit(train.features(), o.pcaDims()) : null;
            INDArray a = pca == null ? train.features() : pca.transform(train.features());
            INDArray b = pca == null ? test.features() : pca.transform(test.features());
            Leakage leakage = Leakage.find(train.features(), test.features(), a, b, o.nearFraction(), parallel);
            MixingTest mixing = mixing(train, test, a, b, labelled, o, parallel);
            return new Comparison(train, test, classes, drift, leakage, mixing, pca, ResolutionShift.of(train, test));
        }
    }

    private static MixingTest mixing(Dataset train, Dataset test, INDArray a, INDArray b,
            boolean labelled, CompareOptions o,
                                     Parallel parallel) {
        SplittableRandom random = new SplittableRandom(o.seed());
        int[] ra = Sampling.sortedSubset(train.rows(), o.mixingPerSplit(), random);
        int[] rb = Sampling.sortedSubset(test.rows(), o.mixingPerSplit(), random);
        int dims = (int) a.columns();
        int n = ra.length + rb.length;
        float[] pooled = new float[n * dims];
        int[] split = new int[n];
        int[] labels = labelled ? new int[n] : null;
        FloatMatrix.View va = FloatMatrix.view(a.dup('c'));
        FloatMatrix.View vb = FloatMatrix.view(b.dup('c'));
        for (int i = 0; i < ra.length; i++) {
            va.get((long) ra[i] * dims, pooled, i * dims, dims);
            if (labels != null) {
                labels[i] = train.labels()[ra[i]];
            }
        }
        for (int i = 0; i < rb.length; i++) {
            int at = ra.length + i;
            vb.get((long) rb[i] * dims, pooled, at * dims, dims);
            split[at] = 1;
            if (labels != null) {
                labels[at] = test.labels()[rb[i]];
            }
        }
        int k = Math.min(o.k(), n - 1);
        KnnGraph graph = ExactKnn.selfGraph(FloatMatrix.of(pooled, n, dims), k, parallel, null);
        return MixingTest.run(graph, split, labels, labelled ? train.classCount() : 0, o.permutations(), o.seed());
    }
}
