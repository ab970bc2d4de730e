package dev.embedscope.spark;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code convert}: IDX images written as the Parquet the other commands read. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Writes IDX images (sample, fashion-mnist, or a folder of IDX files) as Parquet the other "
                + "commands read: image, label and split columns, class names in _classes.txt.")
final class ConvertJob implements Callable<Integer> {



    @CommandLine.ParentCommand
    SparkMain main;
    @Parameters(index = "0", paramLabel = "DATA", description = "sample, fashion-mnist, or a folder of IDX files.")
    String data;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The Parquet folder to create.")
    String out;
    @Option(names = "--partitions", defaultValue = "8", paramLabel = "N",
            description = "Parquet files to write (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Override
    public Integer call() {
        return main.execute("convert", spark -> ParquetExport.write(spark, data, out, Math.max(1, partitions)));
    }
}
