package dev.embedscope.cli.report;

import dev.embedscope.cli.render.Format;
import dev.embedscope.compare.ClassShift;
import dev.embedscope.compare.Comparison;
import dev.embedscope.compare.FeatureDrift;
import dev.embedscope.compare.ResolutionShift;
import dev.embedscope.compare.Leakage;
import dev.embedscope.compare.MixingTest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The JSON form of {@code compare}, and its terminal summary. */
public record CompareReport(String train, String test, int trainRows, int testRows, Classes classes,
                            Features features, LeakageReport leakage, Mixing mixing, ResolutionShift resolution,
                            String verdict, List<String> notes, double secondsStatistics, double secondsEmbedding,
                            List<String> outputs) {

    public static final int MAX_PAIRS = 1000;

    public record ClassRow(String name, long train, double trainShare, long test, double testShare) {
    }

    public record Classes(List<ClassRow> counts, double chiSquare, int dof, double pValue, double cramersV,
            List<String> onlyInTrain,
                   List<String> onlyInTest, boolean flagged) {
    }

    /**
     * One feature's drift; {@code meanShift} in training SDs is null when the feature is constant in training
     * and moved ({@code constantInTrain} then says so), since JSON has no infinity.
     */
    public record FeatureRow(String name, double ks, double pValue, double qValue, double psi,
            Double meanShift, boolean constantInTrain, boolean flagged) {
        static FeatureRow of(String name, FeatureDrift fd, int j) {
            double s = fd.meanShift()[j];
            return new FeatureRow(name, fd.ks()[j], fd.pValue()[j], fd.qValue()[j], fd.psi()[j],
                    Double.isInfinite(s) ? null : s, Double.isInfinite(s), fd.flagged(j));
        }

        String shiftText() {
            return meanShift == null ? (constantInTrain ? "const→moved" : "-")
                    : String.format(Locale.ROOT, "%+.2f", meanShift);
        }
    }

    public record Features(int count, int flagged, double minKs, double alpha, List<FeatureRow> top,
            List<FeatureRow> all) {
    }

    public record Pair(int trainRow, int testRow, double distance) {
    }

    public record LeakageReport(int exact, List<Pair> exactPairs, int near, double nearThreshold,
            double medianNearestDistance,
                         List<Pair> nearPairs) {
    }

    public record ClassMixing(String name, double score, double pValue, boolean flagged) {
    }

    public record Mixing(int k, int points, int permutations, double score, double pValue, boolean flagged,
            List<ClassMixing> classes) {
    }

    public static CompareReport of(Comparison c, String verdict, List<String> notes,
            double statsSeconds, double embedSeconds, List<Path> written) {
        Classes classes = null;
        ClassShift cs = c.classes();
        if (cs != null) {
            long nt = 0;
            long ns = 0;
            for (int i = 0; i < cs.classes().size(); i++) {
                nt += cs.trainCounts()[i];
                ns += cs.testCounts()[i];
            }
            List<ClassRow> rows = new ArrayList<>();
            for (int i = 0; i < cs.classes().size(); i++) {
                rows.add(new ClassRow(cs.classes().get(i), cs.trainCounts()[i],
                        (double) cs.trainCounts()[i] / Math.max(1, nt),
                        cs.testCounts()[i], (double) cs.testCounts()[i] / Math.max(1, ns)));
            }
            classes = new Classes(rows, cs.chiSquare(), cs.dof(), cs.pValue(), cs.cramersV(),
                    cs.onlyInTrain(), cs.onlyInTest(), cs.flagged());
        }
        FeatureDrift fd = c.drift();
        List<FeatureRow> all = new ArrayList<>();
        for (int j = 0; j < fd.features(); j++) {
            all.add(FeatureRow.of(c.train().featureName(j), fd, j));
        }
        List<FeatureRow> top = new ArrayList<>();
        for (int r : Arrays.copyOf(fd.ranking(), Math.min(20, fd.features()))) {
            top.add(all.get(r));
        }
        Leakage lk = c.leakage();
        List<Pair> exact = new ArrayList<>();
        for (int[] p : lk.exactPairs().subList(0, Math.min(MAX_PAIRS, lk.exactCount()))) {
            exact.add(new Pair(p[0], p[1], 0));
        }
        List<Pair> near = new ArrayList<>();
        for (int i = 0; i < Math.min(MAX_PAIRS, lk.nearCount()); i++) {
            near.add(new Pair(lk.nearPairs().get(i)[0], lk.nearPairs().get(i)[1], lk.nearDistances().get(i)));
        }
        MixingTest mx = c.mixing();
        List<ClassMixing> perClass = new ArrayList<>();
        for (int k = 0; k < mx.classScores().length; k++) {
            perClass.add(new ClassMixing(c.train().classNames().get(k), mx.classScores()[k],
                    mx.classPValues()[k], mx.classFlagged(k)));
        }
        return new CompareReport(c.train().name(), c.test().name(), c.train().rows(), c.test().rows(), classes,
                new Features(fd.features(), fd.flaggedCount(), FeatureDrift.MIN_D, FeatureDrift.ALPHA, top, all),
                new LeakageReport(lk.exactCount(), exact, lk.nearCount(), lk.threshold(),
                lk.medianNearestDistance(), near),
                new Mixing(mx.k(), mx.points(), mx.permutations(), mx.score(), mx.pValue(), mx.flagged(), perClass),
                c.resolution(), verdict, notes, statsSeconds, embedSeconds,
                written.stream().map(Path::toString).toList());
    }

    public void print(PrintWriter out, Comparison c, int topRows) {
        out.printf(Locale.ROOT, "%s (%,d rows) vs %s (%,d rows)%n", train, trainRows, test, testRows);
        for (String n : notes) {
            out.println("  note: " + n);
        }
        if (resolution != null) {
            out.println();
            out.printf(Locale.ROOT, "Image files before resizing%s%n  %-6s %s%n  %-6s %s%n",
                    resolution.shifted() ? ":  ← resolution shift" : ":", train, resolution.train(), test,
                    resolution.test());
        }
        if (classes != null) {
            out.println();
            out.printf(Locale.ROOT,
                    "Classes: chi-square %.2f (%d dof), p = %.3g, Cramér's V %.3f%s%n", classes.chiSquare(),
                    classes.dof(), classes.pValue(), classes.cramersV(), classes.flagged() ? "  ← shift" : "");
            for (ClassRow r : classes.counts()) {
                out.printf(Locale.ROOT, "  %-16s %8d (%5.1f%%) %8d (%5.1f%%)%n", Format.clip(r.name(), 16), r.train(),
                        100 * r.trainShare(), r.test(), 100 * r.testShare());
            }
        }
        out.println();
        out.printf(Locale.ROOT,
                "Features: %d of %d drift (KS D ≥ %.1f and Benjamini-Hochberg q < %.2f); the %d largest:%n",
                features.flagged(), features.count(), features.minKs(), features.alpha(), Math.min(topRows,
                        features.top().size()));
        out.printf(Locale.ROOT, "  %-22s %7s %10s %7s %11s%n", "feature", "KS D", "q", "PSI", "shift/SD");
        for (FeatureRow r : features.top().subList(0, Math.min(topRows, features.top().size()))) {
            out.printf(Locale.ROOT, "  %-22s %7.3f %10.2g %7.3f %11s%s%n",
                    Format.clip(r.name(), 22), r.ks(), r.qValue(), r.psi(),
                    r.shiftText(), r.flagged() ? "  ← drift" : "");
        }
        out.println();
        out.printf(Locale.ROOT,
                "Leakage: %d exact copies of training rows in %s; %d near duplicates (distance ≤ %.3g)%n",
                leakage.exact(), test, leakage.near(), leakage.nearThreshold());
        out.println();
        out.printf(Locale.ROOT,
                "Mixing (kNN two-sample test, k = %d, %,d points, %d permutations): score %.3f, p = %.3g%s%n",
                mixing.k(), mixing.points(), mixing.permutations(), mixing.score(), mixing.pValue(),
                mixing.flagged() ? "  ← shift" : "");
        for (ClassMixing m : mixing.classes()) {
            out.printf(Locale.ROOT, "  %-16s %s%n", Format.clip(m.name(), 16), Double.isNaN(m.score())
                    ? "(in one split only)"
                    : String.format(Locale.ROOT, "%.3f  p = %.3g%s", m.score(), m.pValue(),
                    m.flagged() ? "  ← moved" : ""));
        }
        out.println();
        out.println("Verdict: " + verdict);
        out.flush();
    }
}
