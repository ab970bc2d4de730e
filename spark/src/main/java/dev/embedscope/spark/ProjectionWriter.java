package dev.embedscope.spark;

import dev.embedscope.data.DataFormatException;
import dev.embedscope.data.NpyShards;
import dev.embedscope.data.NpyWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Writes every row of a {@link Source} projected by a {@link DistributedPca.Fit} as NPY shards, one per
 * partition and split ({@code part-00000.npy} float32 rows, {@code .labels.npy} int32, {@code .rows.npy}
 * int64 row numbers within the split), in {@code train/} and {@code test/} sub-folders when there are two
 * splits, with {@code classes.txt} beside them: the layout {@code embedscope embed} reads as one dataset. All
 * or nothing: executors write into a temporary folder the driver renames when every partition is done.
 */
public final class ProjectionWriter {

    private ProjectionWriter() {
    }

    /** What {@code projection.json} says: the shards hold principal components, fitted on which split. */
    record About(int components, String fittedOn, long fittedRows, double explainedVariance, double[] variances,
                 String data) {
    }

    /** Refuses an output folder that exists (checked before any work, and again before writing). */
    static void refuseExisting(String out) throws IOException {
        if (HadoopFiles.exists(out)) {
            throw new DataFormatException(out + ": already exists; projections go to a new folder (remove it, or"
                    + " name another with --out)");
        }
    }

    public static void write(Source source, DistributedPca.Fit fit, int fittedOn, List<String> classNames,
                             String out) throws IOException {
        refuseExisting(out);
        String tmp = out + "._temporary-" + UUID.randomUUID();
        List<String> splits = source.splits();
        boolean folders = splits.size() > 1;
        try {
            HadoopFiles.mkdirs(tmp);
            for (String s : splits) {
                if (folders) {
                    HadoopFiles.mkdirs(HadoopFiles.child(tmp, s));
                }
            }
            int k = fit.k();
            boolean labelled = source.labelled();
            source.blocks().mapPartitionsWithIndex((p, it) -> {
                int n = splits.size();
                float[][] values = new float[n][0];
                int[][] labels = new int[n][0];
                long[][] ids = new long[n][0];
                int[] rows = new int[n];
                while (it.hasNext()) {
                    RowBlock b = it.next();
                    int s = b.split();
                    float[] projected = fit.project(b.values(), b.rows());
                    int have = rows[s];
                    if (values[s].length < (have + b.rows()) * k) {
                        int cap = Math.max(have + b.rows(), 2 * have);
                        values[s] = Arrays.copyOf(values[s], cap * k);
                        labels[s] = Arrays.copyOf(labels[s], cap);
                        ids[s] = Arrays.copyOf(ids[s], cap);
                    }
                    System.arraycopy(projected, 0, values[s], have * k, b.rows() * k);
                    if (b.labels() != null) {
                        System.arraycopy(b.labels(), 0, labels[s], have, b.rows());
                    }
                    System.arraycopy(b.ids(), 0, ids[s], have, b.rows());
                    rows[s] += b.rows();
                }
                for (int s = 0; s < n; s++) {
                    if (rows[s] == 0) {
                        continue;
                    }
                    String dir = folders ? HadoopFiles.child(tmp, splits.get(s)) : tmp;
                    String base = HadoopFiles.child(dir, String.format(Locale.ROOT, "part-%05d", p));
                    try (OutputStream o = new BufferedOutputStream(HadoopFiles.create(base + ".npy"), 1 << 16)) {
                        NpyWriter.writeFloat32(values[s], rows[s], k, o);
                    }
                    if (labelled) {
                        try (OutputStream o = new BufferedOutputStream(HadoopFiles.create(base + ".labels.npy"))) {
                            NpyWriter.writeInt32(Arrays.copyOf(labels[s], rows[s]), o);
                        }
                    }
                    try (OutputStream o = new BufferedOutputStream(HadoopFiles.create(base + ".rows.npy"))) {
                        NpyWriter.writeInt64(Arrays.copyOf(ids[s], rows[s]), o);
                    }
                }
                return List.of(p).iterator();
            }, true).count();
            if (source.labelled()) {
                try (OutputStream o = HadoopFiles.create(HadoopFiles.child(tmp, NpyShards.CLASSES_FILE))) {
                    o.write((String.join("\n", classNames) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            try (OutputStream o = HadoopFiles.create(HadoopFiles.child(tmp, NpyShards.PROJECTION_FILE))) {
                SparkMain.JSON.writeValue(o, new About(fit.k(), source.splits().get(fittedOn), fit.rows(),
                        fit.explainedVariance(), fit.variances(), source.name()));
            }
            HadoopFiles.rename(tmp, out);
        } catch (IOException | RuntimeException e) {
            HadoopFiles.deleteQuietly(tmp);
            throw e;
        }
    }
}
