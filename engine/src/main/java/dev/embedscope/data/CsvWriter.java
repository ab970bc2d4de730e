package dev.embedscope.data;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes a matrix as CSV with a header (feature names, then an optional {@code label} column of
 * class names), quoting where needed; missing values are written as empty fields. pandas and
 * {@link CsvReader} read it back unchanged.
 */
public final class CsvWriter {

    private CsvWriter() {
    }

    public static void write(Dataset data, OutputStream out) throws IOException {
        write(data.features(), data.allFeatureNames(), data.labels(), data.classNames(), out);
    }

    public static void write(INDArray matrix, List<String> names, int[] labels,
            List<String> classNames, OutputStream out)
            throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        int d = (int) matrix.columns();
        int n = (int) matrix.rows();
        for (int j = 0; j < d; j++) {
            w.write(j > 0 ? "," : "");
            w.write(quote(names.get(j)));
        }
        if (labels != null) {
            w.write(d > 0 ? ",label" : "label");
        }
        w.write('\n');
        FloatMatrix.View view = FloatMatrix.view(matrix);
        float[] row = new float[d];
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < n; i++) {
            view.get((long) i * d, row, 0, d);
            line.setLength(0);
            for (int j = 0; j < d; j++) {
                if (j > 0) {
                    line.append(',');
                }
                float v = row[j];
                if (v == v) {
                    if (v == (long) v && Math.abs(v) < 1e15) {
                        line.append((long) v);
                    } else {
                        line.append(v);
                    }
                }
            }
            if (labels != null) {
                line.append(d > 0 ? "," : "").append(quote(classNames.get(labels[i])));
            }
            line.append('\n');
            w.write(line.toString());
        }
        w.flush();
    }

    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\t') < 0
                && s.equals(s.trim())) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
