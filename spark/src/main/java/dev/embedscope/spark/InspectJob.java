package dev.embedscope.spark;

import dev.embedscope.io.AtomicOutput;
import dev.embedscope.stats.DataChecks;
import dev.embedscope.stats.DatasetFacts;
import dev.embedscope.stats.FeatureStats;
import dev.embedscope.stats.Finding;
import dev.embedscope.stats.Inspection;
import dev.embedscope.stats.RowGroup;
import dev.embedscope.stats.StatsOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code inspect}: statistics, class counts, duplicate rows and the engine's findings of every split, as JSON. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Statistics, class counts, duplicate rows and findings of each split, as JSON.")
final class InspectJob extends InputJob implements Callable<Integer> {

    /** The JSON of {@code inspect}: per split its size, classes, pooled counts, statistics and findings. */
    record InspectReport(String data, List<InspectSplit> splits) {
    }

    record InspectSplit(String name, long rows, int features, String imageShape, String sourceType,
                        List<ClassCount> classes, Inspection.Pooled pooled,
                        List<FeatureStats.ColumnSummary> featureStats,
                        List<Finding> findings, int duplicateGroups) {
    }

    record ClassCount(String name, long count, double share) {
    }

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The JSON file to write.")
    Path out;

    @Override
    public Integer call() {
        return main.execute("inspect", spark -> {
            Source opened = Inputs.kept(Inputs.open(spark, input.spec(), Numbering.POSITIONS));
            main.phase("opened the input");
            List<SplitStatistics.Split> splits = SplitStatistics.compute(opened, StatsOptions.defaults());
            main.phase("computed the statistics");
            Source source = Inputs.numbered(opened);
            List<String> classes = SplitStatistics.classNames(source, splits);
            List<List<RowGroup>> duplicates = DuplicateSearch.within(source);
            main.phase("searched for duplicate rows");
            List<InspectSplit> json = new ArrayList<>();
            int findings = 0;
            for (int s = 0; s < splits.size(); s++) {
                SplitStatistics.Split sp = splits.get(s);
                List<Finding> f = findings(source, sp, classes, duplicates.get(s));
                findings += f.size();
                List<ClassCount> counts = new ArrayList<>();
                for (int c = 0; c < sp.classCounts().length; c++) {
                    counts.add(new ClassCount(classes.get(c), sp.classCounts()[c],
                            (double) sp.classCounts()[c] / Math.max(1, sp.stats().rows())));
                }
                json.add(new InspectSplit(sp.name(), sp.stats().rows(), source.columns(),
                        source.imageShape() == null ? null : source.imageShape().toString(),
                        source.type().toString(),
                        counts, Inspection.pooled(sp.stats()),
                        source.image() ? null : sp.stats().summaries(source.featureNames()), f,
                        duplicates.get(s).size()));
            }
            AtomicOutput.write(out, o -> SparkMain.JSON.writeValue(o, new InspectReport(source.name(), json)));
            return "wrote " + findings + " finding(s) on " + splits.size() + " split(s) to " + out;
        });
    }

    /** The findings of one split, by the engine's checks on facts gathered across the cluster. */
    static List<Finding> findings(Source source, SplitStatistics.Split split, List<String> classes,
                                  List<RowGroup> duplicates) {
        DatasetFacts facts = new DatasetFacts(split.name(), split.stats().rows(), source.featureNames(),
                source.image(), source.type(), classes, source.labelled() ? split.classCounts() : null);
        return DataChecks.run(facts, split.stats(), duplicates);
    }
}
