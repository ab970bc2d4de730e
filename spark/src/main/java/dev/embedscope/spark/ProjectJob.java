package dev.embedscope.spark;

import dev.embedscope.data.DataFormatException;
import dev.embedscope.stats.StatsOptions;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code project}: PCA fitted on the training split across the cluster, every row projected into NPY shards. */
@Command(name = "project", mixinStandardHelpOptions = true,
        description = "PCA fitted on the training split across the cluster; every row projected, written as "
                + "NPY shards that embedscope embed reads.")
final class ProjectJob extends InputJob implements Callable<Integer> {



    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to create.")
    String out;
    @Option(names = "--components", defaultValue = "50", paramLabel = "K",
            description = "Principal components to keep (default: ${DEFAULT-VALUE}).")
    int components;

    @Override
    public Integer call() {
        return main.execute("project", spark -> {
            ProjectionWriter.refuseExisting(out);
            Source source = Inputs.kept(Inputs.open(spark, input.spec()));
            int train = Math.max(0, source.split("train"));
            if (components < 1 || components > source.columns()) {
                throw new DataFormatException("--components " + components + ": expected 1 to "
                        + source.columns() + " (the input has " + source.columns() + " features)");
            }
            main.phase("opened the input");
            DistributedPca.refuseTooWide(source.columns());
            DistributedPca.Fit fit = DistributedPca.fit(source, train, components);
            main.phase("fitted the PCA");
            List<String> classes = source.classNames();
            if (source.labelled() && classes.isEmpty()) {
                classes = SplitStatistics.classNames(source, SplitStatistics.compute(source,
                        StatsOptions.defaults().withSketches(false)));
            }
            ProjectionWriter.write(source, fit, train, classes, out);
            main.phase("projected and wrote every row");
            return String.format(Locale.ROOT, "projected %d split(s) onto %d components fitted on %s (%d rows, "
                    + "%.1f%% of the variance) into %s", source.splits().size(), components,
                    source.splits().get(train), fit.rows(), 100 * fit.explainedVariance(), out);
        });
    }
}
