package dev.embedscope.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.embedscope.data.DataFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code embedscope-spark}: the top command of the Spark jobs (stats, inspect, compare, project, convert over
 * Parquet, image trees or NPY shards): the Spark session and how a job's outcome is told. Bad input is one
 * line and exit code 2; no output is left behind.
 */
@Command(name = "embedscope-spark", mixinStandardHelpOptions = true, version = "embedscope-spark 0.1.0",
        subcommands = {StatsJob.class, InspectJob.class, CompareJob.class, ProjectJob.class, ConvertJob.class},
        description = "Statistics, findings and the PCA projection of a dataset too large for one machine.")
public final class SparkMain implements Callable<Integer> {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: spark-submit's, or "
            + "local[*] when run outside spark-submit).")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting (repeatable), as "
            + "spark-submit's --conf.")
    java.util.Map<String, String> conf = new java.util.LinkedHashMap<>();

    @Option(names = "--verbose", description = "Print the stack trace of a failure.")
    boolean verbose;

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 2;
    }

    SparkSession session(String job) {
        SparkSession.Builder b = SparkSession.builder().appName("embedscope " + job);
        if (master != null) {
            b.master(master);
        } else if (System.getProperty("spark.master") == null) {
            b.master("local[*]");
        }
        b.config("spark.ui.enabled", "false");
        conf.forEach(b::config);
        return b.getOrCreate();
    }


    /** A command's work, given its Spark session. */
    interface Job {
        String run(SparkSession spark) throws IOException;
    }

    /** With --verbose, says on standard error how long a phase took (since the previous call). */
    void phase(String what) {
        long now = System.nanoTime();
        if (verbose) {
            System.err.printf(Locale.ROOT, "embedscope-spark: %s %.1f s%n", what, (now - lastPhase) / 1e9);
        }
        lastPhase = now;
    }

    private long lastPhase = System.nanoTime();

    int execute(String name, Job job) {
        SparkSession spark = null;
        try {
            phase("started the JVM");
            spark = session(name);
            phase("started Spark");
            System.out.println(job.run(spark));
            return 0;
        } catch (Exception e) {
            DataFormatException fact = SparkErrors.dataFault(e);
            String line = fact != null ? fact.getMessage() : e instanceof IOException
                    || e instanceof IllegalArgumentException ? e.getMessage()
                    : "internal error: " + SparkErrors.firstLine(e) + " (run with --verbose for details)";
            System.err.println("embedscope-spark " + name + ": " + line);
            if (verbose) {
                e.printStackTrace(new PrintWriter(System.err, true));
            }
            return fact != null || e instanceof IOException || e instanceof IllegalArgumentException ? 2 : 1;
        } finally {
            if (spark != null) {
                spark.stop();
                phase("stopped Spark");
            }
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkMain()).execute(args));
    }
}
