package dev.embedscope.quality;

import java.util.List;

/**
 * How well a person's answers match a dataset's labels: overall accuracy, accuracy per class
 * (NaN for classes never shown) and the confusion matrix (rows: dataset label, columns: answer).
 */
public record HumanScore(int answered, int correct, double accuracy, double[] perClass, long[] confusion,
        List<String> classes) {

    /** Scores answers (class indices) for rows against the rows' labels. */
    public static HumanScore of(int[] rows, int[] answers, int[] labels, List<String> classes) {
        int c = classes.size();
        long[] confusion = new long[c * c];
        int[] shown = new int[c];
        int[] right = new int[c];
        int correct = 0;
        for (int i = 0; i < rows.length; i++) {
            int truth = labels[rows[i]];
            int answer = answers[i];
            confusion[truth * c + answer]++;
            shown[truth]++;
            if (truth == answer) {
                right[truth]++;
                correct++;
            }
        }
        double[] perClass = new double[c];
        for (int k = 0; k < c; k++) {
            perClass[k] = shown[k] == 0 ? Double.NaN : (double) right[k] / shown[k];
        }
        return new HumanScore(rows.length, correct,
                rows.length == 0 ? Double.NaN : (double) correct / rows.length, perClass,
                confusion, List.copyOf(classes));
    }
}
