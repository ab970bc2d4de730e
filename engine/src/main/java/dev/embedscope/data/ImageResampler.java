package dev.embedscope.data;

/**
 * Resizes an image held as sample values (H×W×C, channels last), one axis at a time: an axis that
 * shrinks averages the source pixels each output pixel covers, weighted by the covered length
 * (area averaging, so a 2× reduction gives the mean of each 2×2 block); an axis that grows
 * interpolates linearly between pixel centres. Works on the stored values, so grey stays grey and
 * no colour conversion happens.
 */
public final class ImageResampler {

    private ImageResampler() {
    }

    /** {@code values} of an image {@code from} resized to {@code to}, with {@code channels} samples per pixel. */
    public static float[] resize(float[] values, ImageSize from, ImageSize to, int channels) {
        if (from.equals(to)) {
            return values;
        }
        Weights across = Weights.of(from.width(), to.width());
        Weights down = Weights.of(from.height(), to.height());
        int rowIn = from.width() * channels;
        int rowOut = to.width() * channels;
        float[] wide = new float[from.height() * rowOut];
        for (int y = 0; y < from.height(); y++) {
            for (int x = 0; x < to.width(); x++) {
                for (int c = 0; c < channels; c++) {
                    double sum = 0;
                    for (int k = across.start[x]; k < across.start[x + 1]; k++) {
                        sum += across.weight[k] * values[y * rowIn + across.source[k] * channels + c];
                    }
                    wide[y * rowOut + x * channels + c] = (float) sum;
                }
            }
        }
        float[] out = new float[to.height() * rowOut];
        for (int y = 0; y < to.height(); y++) {
            for (int i = 0; i < rowOut; i++) {
                double sum = 0;
                for (int k = down.start[y]; k < down.start[y + 1]; k++) {
                    sum += down.weight[k] * wide[down.source[k] * rowOut + i];
                }
                out[y * rowOut + i] = (float) sum;
            }
        }
        return out;
    }

    /** For each output index, the source indices {@code source[start[i] .. start[i+1])} and their weights. */
    private record Weights(int[] start, int[] source, double[] weight) {

        static Weights of(int n, int m) {
            int[] start = new int[m + 1];
            int[] source = new int[m * (n / m + 2) + 2 * m];
            double[] weight = new double[source.length];
            int k = 0;
            double ratio = (double) n / m;
            for (int i = 0; i < m; i++) {
                start[i] = k;
                if (m == n) {
                    source[k] = i;
                    weight[k++] = 1;
                } else if (m < n) {
                    double lo = i * ratio;
                    double hi = (i + 1) * ratio;
                    for (int s = (int) Math.floor(lo); s < Math.min(n, (int) Math.ceil(hi)); s++) {
                        double overlap = Math.min(hi, s + 1) - Math.max(lo, s);
                        if (overlap > 0) {
                            source[k] = s;
                            weight[k++] = overlap / ratio;
                        }
                    }
                } else {
                    double x = Math.max(0, Math.min(n - 1, (i + 0.5) * ratio - 0.5));
                    int s = Math.min((int) Math.floor(x), n - 1);
                    double f = x - s;
                    source[k] = s;
                    weight[k++] = 1 - f;
                    if (f > 0 && s + 1 < n) {
                        source[k] = s + 1;
                        weight[k++] = f;
                    }
                }
            }
            start[m] = k;
            return new Weights(start, source, weight);
        }
    }
}
