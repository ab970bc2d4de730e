package dev.embedscope.cli.commands;

import dev.embedscope.cli.options.DataOptions;
import dev.embedscope.cli.options.FailOn;
import dev.embedscope.cli.options.ThreadsOption;
import dev.embedscope.cli.render.Format;
import dev.embedscope.cli.render.Outputs;
import dev.embedscope.cli.report.ColumnSummary;
import dev.embedscope.cli.report.InspectReport;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.NativeImages;
import dev.embedscope.data.Splits;
import dev.embedscope.stats.FeatureStats;
import dev.embedscope.stats.Finding;
import dev.embedscope.stats.Inspection;
import dev.embedscope.stats.StatsOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import dev.embedscope.data.SpellingGroups;
import dev.embedscope.stats.LabelLeakage;
import dev.embedscope.data.Table;
import dev.embedscope.data.TableColumn;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code embedscope inspect}: shape, types, labels, a feature summary and the findings of each split. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Shape, types, class distribution, a feature summary and what is wrong with the data.")
public final class InspectCommand implements Callable<Integer> {

    static final int TABLE_ROWS = 40;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON.")
    Path json;

    @Option(names = "--suggest-mapping", paramLabel = "FILE.json",
            description = "Write the merges of the groups of values that probably mean one thing (training split) "
                    + "as a mapping file; review it, then pass it with --mapping.")
    Path suggestMapping;

    @Option(names = "--fail-on", paramLabel = "findings|errors",
            description = "Exit with code 3 (after writing everything) when a split has a finding of warning or error "
                    + "severity (findings) or of error severity (errors): a gate for CI pipelines.")
    String failOn;

    @Mixin
    ThreadsOption threadsOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        FailOn.check(failOn, List.of("findings", "errors"));
        Splits splits = dataOptions.load();
        StatsOptions options = StatsOptions.defaults().withThreads(threadsOption.threads());
        List<Inspection> inspections = new ArrayList<>();
        for (Dataset d : splits.all()) {
            inspections.add(Inspection.of(d, options));
        }
        InspectReport report = InspectReport.of(dataOptions.displayName(), inspections);
        if (json != null) {
            Outputs.json(json, report);
        }
        if (suggestMapping != null) {
            Dataset train = splits.train();
            List<SpellingGroups.Group> groups = new ArrayList<>();
            if (train.tabular() != null) {
                train.tabular().table().columns().forEach(c -> groups.addAll(SpellingGroups.of(c)));
            }
            Outputs.json(suggestMapping, SpellingGroups.mapping(groups));
            spec.commandLine().getErr().printf(Locale.ROOT, "embedscope: wrote %d merge%s in %d group%s to %s%n",
                    groups.stream().mapToInt(g -> g.values().size() - 1).sum(),
                    groups.stream().mapToInt(g -> g.values().size() - 1).sum() == 1 ? "" : "s", groups.size(),
                    groups.size() == 1 ? "" : "s", suggestMapping);
        }
        print(spec.commandLine().getOut(), dataOptions.displayName(), inspections);
        if (failOn != null) {
            long failing = inspections.stream().flatMap(in -> in.findings().stream())
                    .filter(f -> f.severity() == Finding.Severity.ERROR
                            || failOn.equals("findings") && f.severity() == Finding.Severity.WARNING).count();
            if (failing > 0) {
                spec.commandLine().getErr().printf(Locale.ROOT, "embedscope: --fail-on %s: %d finding%s; exit code "
                        + "%d%n", failOn, failing, failing == 1 ? "" : "s", FailOn.EXIT_CODE);
                return FailOn.EXIT_CODE;
            }
        }
        return 0;
    }

    static void print(PrintWriter out, String name, List<Inspection> inspections) {
        Dataset first = inspections.get(0).data();
        out.printf(Locale.ROOT, "%s: %d split%s%n", name, inspections.size(), inspections.size() == 1 ? "" : "s");
        for (Inspection in : inspections) {
            Dataset d = in.data();
            out.printf(Locale.ROOT, "  %-6s %,d rows × %,d features, %s%s, %s%n", d.name() + ":",
                    d.rows(), d.columns(), d.isImage() ? d.imageShape() + " images, " : "", d.sourceType(),
                    d.hasLabels() ? d.classCount() + " classes" : "no labels");
        }
        for (Inspection in : inspections) {
            NativeImages files = in.data().nativeImages();
            if (files != null && (files.groups().size() > 1 || !files.sizes().contains(in.data().imageShape().width()
                    + "×" + in.data().imageShape().height()))) {
                out.printf(Locale.ROOT, "  %-6s image files before resizing: %s%n", in.data().name() + ":",
                        files.describe());
            }
        }
        if (first.hasLabels()) {
            printLabels(out, inspections);
        }
        for (Inspection in : inspections) {
            if (in.data().tabular() != null) {
                printColumns(out, in.data());
            }
            printFeatures(out, in);
            printLeakage(out, in);
            printFindings(out, in);
        }
        out.flush();
    }

    private static void printLabels(PrintWriter out, List<Inspection> inspections) {
        out.println();
        out.println("Classes");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-14s", "class"));
        for (Inspection in : inspections) {
            header.append(String.format(Locale.ROOT, " %16s", in.data().name()));
        }
        out.println(header);
        List<String> names = inspections.get(0).data().classNames();
        for (int c = 0; c < names.size(); c++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-14s", names.get(c)));
            for (Inspection in : inspections) {
                long[] counts = in.data().classCounts();
                long n = c < counts.length ? counts[c] : 0;
                line.append(String.format(Locale.ROOT, " %8s (%4.1f%%)", String.format(Locale.ROOT, "%,d", n),
                        100.0 * n / Math.max(1, in.data().rows())));
            }
            out.println(line);
        }
    }

    private static void printColumns(PrintWriter out, Dataset d) {
        Table t = d.tabular().table();
        out.println();
        out.printf(Locale.ROOT, "Columns (%s): read as %s, delimiter %s%n", d.name(), t.encoding().describe(),
                t.delimiter() == '\t' ? "tab" : "'" + t.delimiter() + "'");
        out.printf(Locale.ROOT, "  %-18s %-9s %8s %9s  %s%n", "column", "type", "missing", "distinct", "values");
        int shown = 0;
        for (TableColumn c : t.columns()) {
            if (shown++ == TABLE_ROWS) {
                out.printf(Locale.ROOT, "  … %d more columns%n", t.columns().size() - TABLE_ROWS);
                break;
            }
            out.printf(Locale.ROOT, "  %-18s %-9s %8d %9s  %s%n", Format.clip(c.name(), 18),
                    c.type().label() + (c.given() ? "*" : ""), c.missing(),
                    c.distinct() < 0 ? (c.values() != null ? "" : ">100000") : Long.toString(c.distinct()),
                    Format.clip(ColumnSummary.of(c), 70));
        }
        if (t.columns().stream().anyMatch(TableColumn::given)) {
            out.println("  * given with --types");
        }
    }

    private static void printFeatures(PrintWriter out, Inspection in) {
        Dataset d = in.data();
        FeatureStats s = in.stats();
        Inspection.Pooled p = in.pooled();
        out.println();
        out.printf(Locale.ROOT, "Features (%s)%n", d.name());
        if (d.isImage()) {
            out.printf(Locale.ROOT,
                    "  %d pixels per image (%s); values %s..%s, mean %.2f, std %.2f; zeros %.1f%% of all pixels%n",
                    d.columns(), d.imageShape(), Format.num(p.min()), Format.num(p.max()), p.mean(), p.std(),
                    100.0 * p.zeros() / Math.max(1, p.values()));
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            int loJ = 0;
            int hiJ = 0;
            for (int j = 0; j < s.columns(); j++) {
                if (s.count(j) > 0 && s.mean(j) < lo) {
                    lo = s.mean(j);
                    loJ = j;
                }
                if (s.count(j) > 0 && s.mean(j) > hi) {
                    hi = s.mean(j);
                    hiJ = j;
                }
            }
            out.printf(Locale.ROOT, "  per-pixel mean from %.2f at %s to %.2f at %s; %d constant pixel%s; %s%n", lo,
                    d.featureName(loJ), hi, d.featureName(hiJ), p.constantFeatures(),
                    p.constantFeatures() == 1 ? "" : "s",
                    p.missing() > 0 ? p.missing() + " missing values" : "no missing values");
            out.println("  (per-pixel statistics: embedscope stats DATA --out stats.json)");
            return;
        }
        double[] skew = in.skewness();
        out.printf(Locale.ROOT, "  %-18s %8s %7s %7s %10s %10s %10s %10s %10s %10s %10s %8s%s%n",
                "feature", "count", "missing",
                "zeros", "min", "q25", "median", "q75", "max", "mean", "std", "distinct", skew == null ? ""
                        : String.format(Locale.ROOT, " %7s", "skew"));
        for (int j = 0; j < Math.min(TABLE_ROWS, s.columns()); j++) {
            out.printf(Locale.ROOT, "  %-18s %8d %7d %7d %10s %10s %10s %10s %10s %10s %10s %8s%s%n",
                    Format.clip(d.featureName(j), 18),
                    s.count(j), s.missing(j), s.zeros(j), Format.num(s.min(j)), Format.num(s.reportedQuantile(j, 1)),
                    Format.num(s.median(j)), Format.num(s.reportedQuantile(j, 3)),
                    Format.num(s.max(j)), Format.num(s.mean(j)),
                    Format.num(s.std(j)), (s.quantilesExact(j) ? "" : "~") + s.distinct(j), skew == null ? ""
                            : String.format(Locale.ROOT, " %7.2f", skew[j]));
        }
        if (s.columns() > TABLE_ROWS) {
            out.printf(Locale.ROOT, "  … %d more features (all of them: embedscope stats DATA --out stats.json)%n",
                    s.columns() - TABLE_ROWS);
        }
    }

    private static void printLeakage(PrintWriter out, Inspection in) {
        LabelLeakage.Result r = in.leakage();
        if (r == null) {
            return;
        }
        out.println();
        out.printf(Locale.ROOT, "Predictive power of one feature alone (%s; 5-fold balanced accuracy, chance %s)%n",
                in.data().name(), Format.num(r.chance()));
        for (int i = 0; i < Math.min(5, r.features().size()); i++) {
            LabelLeakage.Score s = r.features().get(i);
            out.printf(Locale.ROOT, "  %-24s %6.3f%n", Format.clip(s.feature(), 24), s.balancedAccuracy());
        }
        out.printf(Locale.ROOT, "  %-24s %6.3f%n", r.rowOrder().feature(), r.rowOrder().balancedAccuracy());
    }

    private static void printFindings(PrintWriter out, Inspection in) {
        out.println();
        out.printf(Locale.ROOT, "Findings (%s)%n", in.data().name());
        if (in.findings().isEmpty()) {
            out.println("  none: no missing values, constant features, zeros standing for "
                    + "missing values, range problems,"
                    + " imbalance or duplicates found");
            return;
        }
        for (Finding f : in.findings()) {
            out.printf(Locale.ROOT, "  %-7s %s%n", f.severity(), f.summary());
            out.printf(Locale.ROOT, "          → %s%n", f.advice());
        }
    }
}
