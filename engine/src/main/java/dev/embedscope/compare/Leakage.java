package dev.embedscope.compare;

import dev.embedscope.data.FloatMatrix;
import dev.embedscope.knn.ExactKnn;
import dev.embedscope.knn.KnnGraph;
import dev.embedscope.stats.DuplicateRows;
import dev.embedscope.util.Parallel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rows of the test split that also stand in the training split: exact duplicates (equal in every
 * feature, found by row hashes and checked value by value) and near duplicates (nearest training
 * row in the reduced space closer than a threshold, a fixed fraction of the median test-to-train
 * nearest-neighbour distance, reported with it).
 *
 * @param exactPairs (train row, test row) for every test row with an exact twin in train
 * @param nearPairs (train row, test row) of near duplicates that are not exact
 * @param nearDistances their distances, in the reduced space
 */
public record Leakage(List<int[]> exactPairs, List<int[]> nearPairs, List<Double> nearDistances, double threshold,
                      double medianNearestDistance) {

    public int exactCount() {
        return exactPairs.size();
    }

    public int nearCount() {
        return nearPairs.size();
    }

    public static Leakage find(INDArray train, INDArray test, INDArray trainReduced, INDArray testReduced,
                               double nearFraction, Parallel parallel) {
        List<int[]> exact = exactPairs(train, test);
        boolean[] isExact = new boolean[(int) test.rows()];
        for (int[] pair : exact) {
            isExact[pair[1]] = true;
        }
        KnnGraph nn = ExactKnn.search(trainReduced, testReduced, 1, false, parallel, null);
        double[] dist = new double[nn.n()];
        for (int i = 0; i < dist.length; i++) {
            dist[i] = Math.sqrt(nn.sqDistance(i, 0));
        }
        double[] sorted = dist.clone();
        Arrays.sort(sorted);
        double median = sorted.length == 0 ? 0 : sorted[sorted.length / 2];
        double threshold = nearFraction * median;
        List<int[]> near = new ArrayList<>();
        List<Double> nearDist = new ArrayList<>();
        for (int i = 0; i < dist.length; i++) {
            if (!isExact[i] && dist[i] <= threshold) {
                near.add(new int[] {nn.neighbour(i, 0), i});
                nearDist.add(dist[i]);
            }
        }
        return new Leakage(exact, near, nearDist, threshold, median);
    }

    static List<int[]> exactPairs(INDArray train, INDArray test) {
        int d = (int) train.columns();
        FloatMatrix.View tv = FloatMatrix.view(train);
        FloatMatrix.View sv = FloatMatrix.view(test);
        float[] row = new float[d];
        float[] other = new float[d];
        Map<Long, List<Integer>> byHash = new HashMap<>();
        for (int i = 0; i < train.rows(); i++) {
            tv.get((long) i * d, row, 0, d);
            byHash.computeIfAbsent(DuplicateRows.hash(row), h -> new ArrayList<>(1)).add(i);
        }
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < test.rows(); i++) {
            sv.get((long) i * d, row, 0, d);
            List<Integer> candidates = byHash.get(DuplicateRows.hash(row));
            if (candidates == null) {
                continue;
            }
            for (int c : candidates) {
                tv.get((long) c * d, other, 0, d);
                if (Arrays.equals(row, other)) {
                    pairs.add(new int[] {c, i});
                    break;
                }
            }
        }
        return pairs;
    }
}
