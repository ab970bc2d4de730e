package dev.embedscope.cli.commands;

import dev.embedscope.cli.options.DataOptions;
import dev.embedscope.cli.options.ThreadsOption;
import dev.embedscope.cli.render.Outputs;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.Splits;
import dev.embedscope.stats.FeatureStats;
import dev.embedscope.stats.FeatureStatsCalculator;
import dev.embedscope.stats.StatsOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code embedscope stats}: per-feature statistics of every split as JSON. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Per-feature statistics of each split, as JSON.")
public final class StatsCommand implements Callable<Integer> {

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The JSON file to write.")
    Path out;

    @Mixin
    ThreadsOption threadsOption;

    @Spec
    CommandSpec spec;

    record SplitStats(String name, long rows, List<FeatureStats.ColumnSummary> features) {
    }

    record Report(String data, double[] quantileRanks, List<SplitStats> splits) {
    }

    @Override
    public Integer call() throws Exception {
        Splits splits = dataOptions.load();
        StatsOptions options = StatsOptions.defaults().withThreads(threadsOption.threads());
        List<SplitStats> out = new ArrayList<>();
        for (Dataset d : splits.all()) {
            FeatureStats s = FeatureStatsCalculator.compute(d.features(), options);
            out.add(new SplitStats(d.name(), s.rows(), s.summaries(d.allFeatureNames())));
        }
        Outputs.json(this.out, new Report(dataOptions.displayName(), FeatureStats.RANKS, out));
        spec.commandLine().getOut().printf("wrote statistics of %d feature(s) in %d split(s) to %s%n",
                splits.train().columns(), out.size(), this.out);
        return 0;
    }
}
