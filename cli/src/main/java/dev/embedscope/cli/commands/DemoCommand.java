package dev.embedscope.cli.commands;

import dev.embedscope.cli.options.BackendOption;
import dev.embedscope.cli.render.ClassChart;
import dev.embedscope.cli.render.Outputs;
import dev.embedscope.cli.render.ProgressBar;
import dev.embedscope.cli.render.ProgressListener;
import dev.embedscope.cli.report.InspectReport;
import dev.embedscope.data.DataLoader;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.LoadOptions;
import dev.embedscope.data.Splits;
import dev.embedscope.pipeline.EmbeddingJob;
import dev.embedscope.pipeline.JobOptions;
import dev.embedscope.pipeline.JobResult;
import dev.embedscope.scale.Scaling;
import dev.embedscope.stats.Inspection;
import dev.embedscope.stats.StatsOptions;
import dev.embedscope.tsne.TsneOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code embedscope demo}: inspect, montages, class chart and t-SNE plot of the embedded Fashion-MNIST sample. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run inspect, montage, classes and a t-SNE embedding on the embedded Fashion-MNIST "
                + "sample; list what was written.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "embedscope-demo",
            description = "Output folder (default ${DEFAULT-VALUE}).")
    Path dir;

    @Mixin
    BackendOption backendOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        backendOption.name();
        Files.createDirectories(dir);
        Splits splits = DataLoader.load(DataLoader.SAMPLE, LoadOptions.defaults());
        List<Inspection> inspections = new ArrayList<>();
        for (Dataset d : splits.all()) {
            inspections.add(Inspection.of(d, StatsOptions.defaults()));
        }
        InspectCommand.print(out, "Fashion-MNIST sample", inspections);
        List<Path> written = new ArrayList<>();
        Path json = dir.resolve("inspect.json");
        Outputs.json(json, InspectReport.of("Fashion-MNIST sample", inspections));
        written.add(json);
        Path montage = dir.resolve("montage.png");
        Outputs.png(montage, MontageCommand.render(splits.train(), false, 25, 1));
        written.add(montage);
        Path perClass = dir.resolve("montage-per-class.png");
        Outputs.png(perClass, MontageCommand.render(splits.train(), true, 8, 1));
        written.add(perClass);
        Path classes = dir.resolve("classes.png");
        ClassChart.write(ClassChart.chart("Class shares: Fashion-MNIST sample", splits.all()), classes);
        written.add(classes);
        out.println();
        Path embedding = dir.resolve("embedding.npy");
        Path plot = dir.resolve("embedding.png");
        Path run = dir.resolve("embedding.json");
        Path view = dir.resolve("view.html");
        long t0 = System.nanoTime();
        Dataset all = Dataset.concat("train+test", splits.all());
        JobOptions options = JobOptions.builder(TsneOptions.defaults()).backend(backendOption.name())
                .quality(EmbedCommand.QUALITY_QUERIES).build();
        ProgressListener listener = new ProgressListener(spec.commandLine().getErr(), ProgressBar.terminal());
        JobResult r;
        try {
            r = EmbeddingJob.of(options).run(all, Scaling.fitOn(splits.train(), null), listener);
        } finally {
            listener.finish();
        }
        Views.Points points = Views.Points.picked(all, null, splits.train().rows(), List.of("train", "test"));
        new EmbeddingOutputs(embedding, null, null, plot, run, view).write(
                EmbeddingOutputs.Source.of("Fashion-MNIST sample", r.rows()).withView(points, Views.THUMBNAIL_BUDGET,
                        1, Views.about(spec.commandLine().getParseResult().originalArgs())), r, 0, t0, out);
        written.add(embedding);
        written.add(plot);
        written.add(view);
        written.add(run);
        out.println();
        out.println("Wrote:");
        for (Path p : written) {
            out.printf("  %s (%,d bytes)%n", p, Files.size(p));
        }
        return 0;
    }
}
