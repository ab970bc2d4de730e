package dev.embedscope.cli;

import dev.embedscope.data.DataLoader;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.LoadOptions;
import dev.embedscope.data.Splits;
import dev.embedscope.stats.Inspection;
import dev.embedscope.stats.StatsOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code embedscope demo}: inspect, montages, class chart and t-SNE plot of the embedded Fashion-MNIST sample. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run inspect, montage, classes and a t-SNE embedding on the embedded Fashion-MNIST sample; list what was written.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "embedscope-demo", description = "Output folder (default ${DEFAULT-VALUE}).")
    Path dir;

    @picocli.CommandLine.Mixin
    BackendOption backendOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        backendOption.check();
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
        ClassChart.write(ClassChart.chart("Class counts: Fashion-MNIST sample", splits.all()), classes);
        written.add(classes);
        out.println();
        Path embedding = dir.resolve("embedding.npy");
        Path plot = dir.resolve("embedding.png");
        Path run = dir.resolve("embedding.json");
        int code = new picocli.CommandLine(new EmbedCommand()).setOut(out).setErr(spec.commandLine().getErr())
                .setExecutionExceptionHandler((ex, cl, pr) -> {
                    throw ex;
                })
                .execute("sample", "--quality", "--backend", backendOption.backend, "--out", embedding.toString(), "--plot", plot.toString(),
                        "--json", run.toString());
        if (code != 0) {
            return code;
        }
        written.add(embedding);
        written.add(plot);
        written.add(run);
        out.println();
        out.println("Wrote:");
        for (Path p : written) {
            out.printf("  %s (%,d bytes)%n", p, Files.size(p));
        }
        return 0;
    }
}
