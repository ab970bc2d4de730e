package dev.embedscope.cli.options;

import dev.embedscope.pipeline.JobOptions;
import dev.embedscope.tsne.TsneOptions;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The t-SNE options of every command that embeds (embed, compare, report, bench), turned into one
 * validated {@link JobOptions}; an option not given keeps the engine's default, which lives in
 * {@link TsneOptions.Builder} and {@link JobOptions}.
 */
public final class EmbeddingOptions {

    @Option(names = "--perplexity", paramLabel = "P", description = "Perplexity (default 30); k = 3·P neighbours.")
    Double perplexity;

    @Option(names = "--iterations", paramLabel = "I", description = "Iterations in all (default 1000).")
    Integer iterations;

    @Option(names = "--early-exaggeration", paramLabel = "E", description = "Early exaggeration (default 12).")
    Double earlyExaggeration;

    @Option(names = "--exaggeration-iterations", paramLabel = "I",
            description = "Iterations with early exaggeration (default 250, at most --iterations).")
    Integer exaggerationIterations;

    @Option(names = "--learning-rate", paramLabel = "auto|X",
            description = "Learning rate; auto = max(N / early exaggeration / 4, 50) (default auto).")
    String learningRate;

    @Option(names = "--theta", paramLabel = "T", description = "Barnes-Hut accuracy θ (default 0.5; 0 = exact).")
    Double theta;

    @Option(names = "--method", paramLabel = "auto|adaptive|fft|bh|exact",
            description = "Repulsion: auto (default; the fastest measured: in 2-D bh below 20,000 points, adaptive "
                    + "below 150,000, fft above; bh in 3-D), adaptive (per evaluation fft while the layout is small,"
                    + " then bh; 2-D), fft (FIt-SNE interpolation, 2-D), bh (Barnes-Hut) or exact O(N²).")
    String method;

    @Option(names = "--knn", paramLabel = "auto|approx|exact",
            description = "Neighbour search: auto (default: approx from 40,000 points, where it is faster), "
                    + "approx (random-projection forest and neighbour descent) or exact.")
    String knn;

    @Option(names = "--pca", paramLabel = "D",
            description = "Reduce to D principal components before the neighbour search"
            + " when there are more features (0: off; default " + JobOptions.DEFAULT_PCA + ").")
    Integer pca;

    @Option(names = "--dims", paramLabel = "2|3", description = "Output dimensions (default 2).")
    Integer dims;

    /** Whether --exaggeration-iterations was given (bench shortens the default phase for short runs). */
    public boolean exaggerationGiven() {
        return exaggerationIterations != null;
    }

    /** The iterations asked for, or the default. */
    public int iterations() {
        return iterations != null ? iterations : TsneOptions.defaults().schedule().iterations();
    }

    /** The t-SNE settings given, with the seed and threads, the rest at their defaults. */
    public TsneOptions.Builder tsne(long seed, int threads) {
        TsneOptions defaults = TsneOptions.defaults();
        TsneOptions.Builder b = TsneOptions.builder().seed(seed).threads(threads);
        if (perplexity != null) {
            b.perplexity(perplexity);
        }
        if (iterations != null) {
            b.iterations(iterations);
        }
        b.earlyExaggeration(earlyExaggeration != null ? earlyExaggeration : defaults.schedule().earlyExaggeration(),
                exaggerationIterations != null ? exaggerationIterations : defaults.schedule().exaggerationIterations());
        if (learningRate != null) {
            b.learningRate(rate(learningRate));
        }
        if (theta != null) {
            b.theta(theta);
        }
        if (method != null) {
            b.method(method(method));
        }
        if (knn != null) {
            b.knnMethod(knn(knn));
        }
        if (dims != null) {
            b.dims(dims);
        }
        return b;
    }

    /** The pipeline's options: these t-SNE settings, the PCA, the backend and the quality queries. */
    public JobOptions.Builder job(TsneOptions tsne, String backend, int qualityQueries) {
        JobOptions.Builder b = JobOptions.builder(tsne).backend(backend).quality(qualityQueries);
        if (pca != null) {
            if (pca < 0) {
                throw new IllegalArgumentException("--pca must be 0 (off) or positive, got " + pca);
            }
            b.pca(pca);
        }
        return b;
    }

    static double rate(String text) {
        if (text.equalsIgnoreCase("auto")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("--learning-rate: '" + text + "' is not a number or auto");
        }
    }

    static TsneOptions.KnnMethod knn(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "exact" -> TsneOptions.KnnMethod.EXACT;
            case "approx", "approximate" -> TsneOptions.KnnMethod.APPROXIMATE;
            case "auto" -> TsneOptions.KnnMethod.AUTO;
            default -> throw new IllegalArgumentException("--knn: '" + text + "' is not auto, approx or exact");
        };
    }

    static TsneOptions.Method method(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "bh", "barnes-hut" -> TsneOptions.Method.BARNES_HUT;
            case "exact" -> TsneOptions.Method.EXACT;
            case "fft" -> TsneOptions.Method.FFT;
            case "adaptive" -> TsneOptions.Method.ADAPTIVE;
            case "auto" -> TsneOptions.Method.AUTO;
            default -> throw new IllegalArgumentException("--method: '" + text
                    + "' is not auto, adaptive, fft, bh or exact");
        };
    }
}
