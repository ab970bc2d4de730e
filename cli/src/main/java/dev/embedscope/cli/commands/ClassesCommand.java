package dev.embedscope.cli.commands;

import dev.embedscope.cli.options.DataOptions;
import dev.embedscope.cli.render.ClassChart;
import dev.embedscope.cli.render.Outputs;
import dev.embedscope.data.Splits;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code embedscope classes}: class counts as a bar chart, one bar group per class and a bar per split. */
@Command(name = "classes", mixinStandardHelpOptions = true,
        description = "Class counts as a bar chart, one bar per split.")
public final class ClassesCommand implements Callable<Integer> {

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "classes.png or classes.svg.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Outputs.requireExtension(out, ".png", ".svg");
        Splits splits = dataOptions.load();
        if (!splits.train().hasLabels()) {
            throw new IllegalArgumentException(dataOptions.data
                    + ": has no labels to count (pass --labels or --label-column)");
        }
        ClassChart.write(ClassChart.chart("Class shares: " + dataOptions.displayName(), splits.all()), out);
        spec.commandLine().getOut().printf("wrote %s%n", out);
        return 0;
    }
}
