package dev.embedscope.spark;

import dev.embedscope.data.DataFormatException;
import java.io.IOException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/** Opens what a job reads: NPY shards, an image tree or Parquet, and keeps or numbers its blocks. */
final class Inputs {

    private Inputs() {
    }

    static Source open(SparkSession spark, InputSpec spec) throws IOException {
        return open(spark, spec, Numbering.IDS);
    }

    /** Opens the input; {@code numbered}: with row numbers (see {@link ParquetInput#open}). */
    static Source open(SparkSession spark, InputSpec spec, Numbering numbering) throws IOException {
        if (!HadoopFiles.exists(spec.path())) {
            throw new DataFormatException(spec.path() + ": no such file or folder");
        }
        if (ShardInput.looksLikeShards(spec.path())) {
            return ShardInput.open(spark, spec);
        }
        if (ImageTreeInput.looksLikeImageTree(spec.path())) {
            return ImageTreeInput.open(spark, spec, numbering);
        }
        return ParquetInput.open(spark, spec, numbering);
    }

    /**
     * The source with its blocks kept once read (memory, else local disk), for commands that read them more than
     * once: the later passes skip reading and decoding the input again (about a second of inspect's 13 on
     * Fashion-MNIST); Spark frees them when the session stops.
     */
    static Source kept(Source source) {
        source.blocks().persist(StorageLevel.MEMORY_AND_DISK());
        return source;
    }

    /** The source with row numbers: positions numbered from the kept blocks, or as it came. */
    static Source numbered(Source source) {
        return source.positional() ? RowNumbers.of(source).number(source) : source;
    }
}
