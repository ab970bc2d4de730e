package dev.embedscope.spark;

import dev.embedscope.io.AtomicOutput;
import dev.embedscope.stats.FeatureStats;
import dev.embedscope.stats.StatsOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stats}: per-feature statistics of every split, merged across the cluster, as the single-machine JSON. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Per-feature statistics of each split, as the single-machine stats command's JSON.")
final class StatsJob extends InputJob implements Callable<Integer> {

    /** The JSON of {@code stats}: the single-machine command's shape. */
    record StatsReport(String data, double[] quantileRanks, List<SplitJson> splits) {
    }

    record SplitJson(String name, long rows, List<FeatureStats.ColumnSummary> features) {
    }

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The JSON file to write.")
    Path out;

    @Override
    public Integer call() {
        return main.execute("stats", spark -> {
            Source source = Inputs.open(spark, input.spec(), Numbering.NONE);
            main.phase("opened the input");
            List<SplitStatistics.Split> splits = SplitStatistics.compute(source, StatsOptions.defaults());
            main.phase("computed the statistics");
            List<SplitJson> json = new ArrayList<>();
            for (SplitStatistics.Split s : splits) {
                json.add(new SplitJson(s.name(), s.stats().rows(), s.stats().summaries(source.featureNames())));
            }
            AtomicOutput.write(out, o -> SparkMain.JSON.writeValue(o, new StatsReport(source.name(), FeatureStats.RANKS,
                    json)));
            return "wrote statistics of " + source.columns() + " feature(s) in " + splits.size()
                    + " split(s) to " + out;
        });
    }
}
