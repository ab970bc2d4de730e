package dev.embedscope.spark;

import dev.embedscope.data.DataFormatException;
import dev.embedscope.compare.ClassShift;
import dev.embedscope.compare.FeatureDrift;
import dev.embedscope.compare.SketchDrift;
import dev.embedscope.compare.Verdict;
import dev.embedscope.io.AtomicOutput;
import dev.embedscope.stats.StatsOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code compare}: class shift, drift from sketches, copies across the splits and the verdict, as JSON. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Training against test split: class shift, per-feature drift (KS, PSI) from mergeable "
                + "sketches, test rows copied from training, and the verdict, as JSON.")
final class CompareJob extends InputJob implements Callable<Integer> {

    /** The JSON of {@code compare}. */
    record CompareJson(String data, String train, String test, String verdict, List<String> found, boolean shifted,
                       ClassShiftJson classes, List<DriftRow> drift, int driftingFeatures, double largestKsError,
                       String approximation, int exactCopies, List<long[]> exactPairs, List<String> notRun) {
    }

    record ClassShiftJson(List<String> classes, long[] trainCounts, long[] testCounts, double chiSquare, int dof,
                          double pValue, double cramersV, boolean flagged) {
    }

    /** One feature's drift; {@code meanShift} is null where the feature is constant in training. */
    record DriftRow(String name, double ks, double ksError, double pValue, double qValue, double psi,
                    Double meanShift, boolean constantInTrain, boolean flagged) {
    }

    /** Pairs listed in the JSON at most (all are counted). */
    static final int LISTED_PAIRS = 1000;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The JSON file to write.")
    Path out;
    @Option(names = "--train", defaultValue = "train", paramLabel = "SPLIT",
            description = "The training split's name (default: ${DEFAULT-VALUE}).")
    String train;
    @Option(names = "--test", defaultValue = "test", paramLabel = "SPLIT",
            description = "The test split's name (default: ${DEFAULT-VALUE}).")
    String test;
    @Option(names = "--fail-on", paramLabel = "shift", description = "Exit with code 3 when the verdict finds "
            + "a shift (for scripts and CI).")
    String failOn;

    @Override
    public Integer call() {
        if (failOn != null && !failOn.equals("shift")) {
            System.err.println("embedscope-spark compare: --fail-on " + failOn + ": expected shift");
            return 2;
        }
        boolean[] shifted = new boolean[1];
        int code = main.execute("compare", spark -> {
            Source opened = Inputs.kept(Inputs.open(spark, input.spec(), Numbering.POSITIONS));
            main.phase("opened the input");
            List<SplitStatistics.Split> splits = SplitStatistics.compute(opened, StatsOptions.defaults());
            main.phase("computed the statistics");
            List<String> names = splits.stream().map(SplitStatistics.Split::name).toList();
            if (!names.contains(train) || !names.contains(test)) {
                throw new DataFormatException(input.input + ": no split '" + (names.contains(train) ? test : train)
                        + "' (splits: " + String.join(", ", names) + "); name them with --train and"
                        + " --test, or the split column with --split-column");
            }
            Source source = Inputs.numbered(opened);
            int a = source.split(train);
            int b = source.split(test);
            List<String> classes = SplitStatistics.classNames(source, splits);
            SplitStatistics.Split ta = splits.get(names.indexOf(train));
            SplitStatistics.Split tb = splits.get(names.indexOf(test));
            ClassShift cs = source.labelled() ? ClassShift.of(classes, java.util.Arrays.copyOf(ta.classCounts(),
                    classes.size()), java.util.Arrays.copyOf(tb.classCounts(), classes.size())) : null;
            SketchDrift.Result drift = SketchDrift.compute(ta.stats(), tb.stats());
            List<long[]> copies = DuplicateSearch.across(source, a, b);
            main.phase("searched for copies across the splits");
            Verdict.Parts parts = new Verdict.Parts(train, test, source.featureNames(), classes, cs, null,
                    drift.drift(), copies.size(), null, null);
            List<String> found = Verdict.found(parts);
            shifted[0] = !found.isEmpty();
            List<DriftRow> rows = new ArrayList<>();
            FeatureDrift fd = drift.drift();
            for (int j = 0; j < fd.features(); j++) {
                double m = fd.meanShift()[j];
                rows.add(new DriftRow(source.featureNames().get(j), fd.ks()[j], drift.ksError()[j],
                        fd.pValue()[j], fd.qValue()[j], fd.psi()[j], Double.isInfinite(m) ? null : m,
                        Double.isInfinite(m), fd.flagged(j)));
            }
            String approximation = drift.largestKsError() == 0 ? "exact: every feature's sketches held its "
                    + "distinct values, so KS, PSI and their p-values are those of the rows"
                    : String.format(Locale.ROOT, "KS statistics of features with more distinct values than the "
                    + "sketches hold exactly are within their ksError (largest %.4f) of the rows' figures; PSI "
                    + "bins are cut at sketched deciles", drift.largestKsError());
            CompareJson json = new CompareJson(source.name(), train, test, Verdict.of(parts), found, shifted[0],
                    cs == null ? null : new ClassShiftJson(cs.classes(), cs.trainCounts(), cs.testCounts(),
                            cs.chiSquare(), cs.dof(), cs.pValue(), cs.cramersV(), cs.flagged()),
                    rows, fd.flaggedCount(), drift.largestKsError(), approximation, copies.size(),
                    copies.subList(0, Math.min(LISTED_PAIRS, copies.size())),
                    List.of("kNN mixing test", "near duplicates"));
            AtomicOutput.write(out, o -> SparkMain.JSON.writeValue(o, json));
            return json.verdict() + "\nwrote the comparison to " + out;
        });
        return code == 0 && failOn != null && shifted[0] ? 3 : code;
    }
}
