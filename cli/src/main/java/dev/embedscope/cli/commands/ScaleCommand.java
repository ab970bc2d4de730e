package dev.embedscope.cli.commands;

import dev.embedscope.cli.options.DataOptions;
import dev.embedscope.cli.options.SplitChoice;
import dev.embedscope.cli.render.Outputs;
import dev.embedscope.data.CsvWriter;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.NpyWriter;
import dev.embedscope.data.Splits;
import dev.embedscope.io.AtomicOutput;
import dev.embedscope.scale.ColumnMismatchException;
import dev.embedscope.scale.Scaler;
import dev.embedscope.scale.ScalerJson;
import dev.embedscope.scale.ScalerSpec;
import dev.embedscope.stats.FeatureStats;
import dev.embedscope.stats.FeatureStatsCalculator;
import dev.embedscope.stats.StatsOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code embedscope scale fit|apply}: fit a scaler on the training split only, apply it to any split. */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = "Fit a scaler on the training split; apply it to any split.",
        subcommands = {ScaleCommand.Fit.class, ScaleCommand.Apply.class})
public final class ScaleCommand {

    @Command(name = "fit", mixinStandardHelpOptions = true,
            description = "Fit a scaler on the statistics of the training split (the first split "
                    + "of DATA) and save it as JSON.")
    static final class Fit implements Callable<Integer> {
        @Mixin
        DataOptions dataOptions;

        @Option(names = "--method", required = true, paramLabel = "M",
                description = "standard, minmax, minmax:LOW,HIGH, robust, divide:X (e.g. divide:255), imagenet or "
                        + "channels:M1,M2,M3/S1,S2,S3 (per-channel statistics of values in [0, 1]).")
        String method;

        @Option(names = "--scale-column", paramLabel = "NAME=METHOD",
                description = "Another method for one feature (standard, minmax[:a,b], robust, divide:X or none); "
                        + "repeat for several, e.g. --scale-column age=robust --scale-column flag=none.")
        List<String> scaleColumns = new ArrayList<>();

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The scaler JSON to write.")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            ScalerSpec scalerSpec = ScalerSpec.parse(method);
            Splits splits = dataOptions.load();
            Dataset train = splits.train();
            FeatureStats stats = FeatureStatsCalculator.compute(train.features(), StatsOptions.defaults());
            Scaler scaler = Scaler.fit(scalerSpec, stats, train)
                    .withFeatureMethods(perColumn(scaleColumns), stats, train.allFeatureNames()).withSteps(
                    train.tabular() == null ? null : train.tabular().encoder(), dataOptions.repair(),
                    dataOptions.normaliser());
            AtomicOutput.write(out, o -> ScalerJson.write(scaler, o));
            spec.commandLine().getOut().printf(Locale.ROOT,
                    "fitted a %s scaler on %s (%,d rows × %,d features%s%s); wrote %s%n",
                    scaler.method().toString().toLowerCase(Locale.ROOT), train.name(),
                    train.rows(), train.columns(), scaler.encoding() == null ? ""
                            : ", with the encoding of its " + scaler.encoding().parts().size() + " columns",
                    (scaler.repair() == null ? "" : "; " + scaler.repair().describe())
                            + (scaler.normaliser() == null ? "" : "; " + scaler.normaliser().describe()), out);
            return 0;
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "Scale one split of DATA with a saved scaler; write NPY (float32) or CSV.")
    static final class Apply implements Callable<Integer> {
        @Mixin
        DataOptions dataOptions;

        @Option(names = "--scaler", required = true, paramLabel = "FILE",
                description = "A scaler saved by 'scale fit'.")
        Path scalerFile;

        @Option(names = "--split", paramLabel = "train|test", description = "Which split when DATA has two.")
        String split;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "scaled.npy or scaled.csv.")
        Path out;

        @Option(names = "--labels-out", paramLabel = "FILE",
                description = "Also write the labels as int32 NPY, with the class names in FILE.classes.txt.")
        Path labelsOut;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Outputs.requireExtension(out, ".npy", ".csv");
            ScalerJson.Saved saved = ScalerJson.read(scalerFile);
            Dataset d = SplitChoice.pick(dataOptions.load(), split);
            if (labelsOut != null && !d.hasLabels()) {
                throw new IllegalArgumentException("--labels-out: " + dataOptions.data + " has no labels");
            }
            SavedScaler.Applied applied = SavedScaler.apply(saved, scalerFile, d, dataOptions.data,
                    spec.commandLine().getErr());
            Scaler scaler = applied.scaler();
            Dataset scaled = applied.rows();
            if (out.toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                AtomicOutput.write(out, o -> CsvWriter.write(scaled, o));
            } else {
                AtomicOutput.write(out, o -> NpyWriter.writeFloat32(scaled.features(), o));
            }
            if (labelsOut != null) {
                LabelFiles.write(labelsOut, scaled.labels(), scaled.classNames());
            }
            spec.commandLine().getOut().printf(Locale.ROOT,
                    "scaled %s (%,d rows × %,d features) with the %s scaler fitted on %s;"
                    + " wrote %s%n", d.name(), scaled.rows(), scaled.columns(),
                            scaler.method().toString().toLowerCase(Locale.ROOT),
                    scaler.fittedOn(), out);
            return 0;
        }
    }

    /** {@code NAME=METHOD} items as a map, in order; one line for an item without a name or a method. */
    static Map<String, String> perColumn(List<String> items) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String item : items) {
            int eq = item.indexOf('=');
            if (eq <= 0 || eq == item.length() - 1) {
                throw new IllegalArgumentException("--scale-column: '" + item + "' is not NAME=METHOD (e.g. "
                        + "age=robust)");
            }
            String method = item.substring(eq + 1).trim();
            if (!method.equalsIgnoreCase("none")) {
                ScalerSpec.parse(method);
            }
            out.put(item.substring(0, eq).trim(), method);
        }
        return out;
    }

    /** The columns that differ, at most five of each kind named. */
    static String describe(ColumnMismatchException e, String data) {
        StringBuilder b = new StringBuilder(e.getMessage());
        if (!e.missingFromData().isEmpty()) {
            b.append("; not in ").append(data).append(": ").append(firstFew(e.missingFromData()));
        }
        if (!e.unknownToScaler().isEmpty()) {
            b.append("; not fitted: ").append(firstFew(e.unknownToScaler()));
        }
        return b.append("; fit a scaler on this data's training split").toString();
    }

    private static String firstFew(java.util.List<String> names) {
        String shown = String.join(", ", names.subList(0, Math.min(5, names.size())));
        return names.size() > 5 ? shown + " and " + (names.size() - 5) + " more" : shown;
    }
}
