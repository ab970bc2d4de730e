package dev.embedscope.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One split of a dataset: features as an N×D float32 {@link INDArray} in C order, optional
 * {@code int[]} labels (0-based class indices), class names, feature names, the image shape when
 * rows are images, the element type of the source file, a display name and, for image folders, the
 * native sizes of the files ({@link NativeImages}, null otherwise) and, for text tables, the table as read and
 * the encoding that made its features ({@link Tabular}, null otherwise).
 */
public record Dataset(String name, INDArray features, int[] labels, List<String> classNames,
                      List<String> featureNames, ImageShape imageShape, SourceType sourceType,
                      NativeImages nativeImages, Tabular tabular) {

    /** A dataset not read from a text table. */
    public Dataset(String name, INDArray features, int[] labels, List<String> classNames,
                   List<String> featureNames, ImageShape imageShape, SourceType sourceType,
                   NativeImages nativeImages) {
        this(name, features, labels, classNames, featureNames, imageShape, sourceType, nativeImages, null);
    }

    /** A dataset not read from image files (no native image sizes to remember). */
    public Dataset(String name, INDArray features, int[] labels, List<String> classNames,
                   List<String> featureNames, ImageShape imageShape, SourceType sourceType) {
        this(name, features, labels, classNames, featureNames, imageShape, sourceType, null);
    }

    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(sourceType, "sourceType");
        if (features.rank() != 2 || features.dataType() != DataType.FLOAT || features.ordering() != 'c') {
            throw new IllegalArgumentException("features must be a 2-D float32 array in C order");
        }
        if (labels != null && labels.length != features.rows()) {
            throw new IllegalArgumentException(labels.length + " labels for " + features.rows() + " rows");
        }
        if (imageShape != null && imageShape.pixels() != features.columns()) {
            throw new IllegalArgumentException("image shape " + imageShape + " does not match " + features.columns()
                    + " columns");
        }
        classNames = classNames == null ? List.of() : List.copyOf(classNames);
        featureNames = featureNames == null ? null : List.copyOf(featureNames);
        if (labels != null) {
            for (int label : labels) {
                if (label < 0 || label >= classNames.size()) {
                    throw new IllegalArgumentException("label " + label + " has no class name (" + classNames.size()
                            + " classes)");
                }
            }
        }
    }

    public int rows() {
        return (int) features.rows();
    }

    public int columns() {
        return (int) features.columns();
    }

    public boolean hasLabels() {
        return labels != null;
    }

    public boolean isImage() {
        return imageShape != null;
    }

    public int classCount() {
        return classNames.size();
    }

    /** Rows per class, indexed by class; all zero when there are no labels. */
    public long[] classCounts() {
        long[] counts = new long[classNames.size()];
        if (labels != null) {
            for (int label : labels) {
                counts[label]++;
            }
        }
        return counts;
    }

    /** The name of feature {@code j}: its column header, or {@code pixel (r,c)} for images, or {@code f<j>}. */
    public String featureName(int j) {
        if (featureNames != null) {
            return featureNames.get(j);
        }
        if (imageShape != null) {
            return imageShape.featureName(j);
        }
        return "f" + j;
    }

    /** All feature names (generated where the source had none). */
    public List<String> allFeatureNames() {
        List<String> names = new ArrayList<>(columns());
        for (int j = 0; j < columns(); j++) {
            names.add(featureName(j));
        }
        return Collections.unmodifiableList(names);
    }

    /** The same dataset with other features of the same shape (e.g. after scaling). */
    public Dataset withFeatures(INDArray newFeatures) {
        return new Dataset(name, newFeatures, labels, classNames, featureNames, imageShape, SourceType.FLOAT32,
                nativeImages, tabular);
    }

    /** The same dataset under another name. */
    public Dataset named(String newName) {
        return new Dataset(newName, features, labels, classNames, featureNames, imageShape, sourceType, nativeImages,
                tabular);
    }

    /** The same dataset with other class names (same count as before, or enough for every label). */
    public Dataset withClassNames(List<String> names) {
        return new Dataset(name, features, labels, names, featureNames, imageShape, sourceType, nativeImages,
                tabular);
    }

    /**
     * The rows of several splits stacked in order (e.g. train then test), under {@code name}.
     * All must have the same columns and image shape; labels are kept when every split has them
     * and the same class names.
     */
    public static Dataset concat(String name, List<Dataset> parts) {
        Dataset first = parts.get(0);
        int d = first.columns();
        long rows = 0;
        boolean labelled = true;
        for (Dataset p : parts) {
            if (p.columns() != d) {
                throw new IllegalArgumentException(p.name() + " has " + p.columns() + " features, " + first.name()
                        + " has " + d);
            }
            if (!Objects.equals(p.imageShape(), first.imageShape())) {
                throw new IllegalArgumentException(p.name() + " has images of " + p.imageShape() + ", " + first.name()
                        + " of " + first.imageShape());
            }
            rows += p.rows();
            labelled &= p.hasLabels() && p.classNames().equals(first.classNames());
        }
        INDArray out = FloatMatrix.allocate(rows, d);
        FloatMatrix.View dst = FloatMatrix.view(out);
        int[] labels = labelled ? new int[(int) rows] : null;
        long offset = 0;
        float[] buf = new float[1 << 16];
        for (Dataset p : parts) {
            FloatMatrix.View src = FloatMatrix.view(p.features());
            long len = (long) p.rows() * d;
            for (long done = 0; done < len; done += buf.length) {
                int count = (int) Math.min(buf.length, len - done);
                src.get(done, buf, 0, count);
                dst.put(offset * d + done, buf, 0, count);
            }
            if (labels != null) {
                System.arraycopy(p.labels(), 0, labels, (int) offset, p.rows());
            }
            offset += p.rows();
        }
        return new Dataset(name, out, labels, labelled ? first.classNames() : List.of(), first.featureNames(),
                first.imageShape(), first.sourceType());
    }

    /**
     * This table with its columns in the order of {@code names} (matched by name), or this table when the order
     * is the same. Refuses (one line naming the columns, and the two tables as {@code thisName} and
     * {@code otherName}) when the names are not the same set.
     */
    public Dataset withColumnsOrderedAs(List<String> names, String thisName, String otherName)
            throws DataFormatException {
        if (featureNames == null || featureNames.equals(names)) {
            return this;
        }
        java.util.Map<String, Integer> where = new java.util.HashMap<>();
        for (int j = 0; j < featureNames.size(); j++) {
            where.put(featureNames.get(j), j);
        }
        List<String> missing = new ArrayList<>();
        int[] from = new int[names.size()];
        for (int j = 0; j < names.size(); j++) {
            Integer k = where.remove(names.get(j));
            if (k == null) {
                missing.add(names.get(j));
            } else {
                from[j] = k;
            }
        }
        if (!missing.isEmpty() || !where.isEmpty() || names.size() != featureNames.size()) {
            List<String> extra = featureNames.stream().filter(where::containsKey).toList();
            throw new DataFormatException(thisName + ": columns differ from " + otherName + "'s"
                    + (missing.isEmpty() ? "" : "; missing here: " + String.join(", ", missing))
                    + (extra.isEmpty() ? "" : "; only here: " + String.join(", ", extra))
                    + " (expected the same columns in both splits)");
        }
        int d = columns();
        INDArray out = FloatMatrix.allocate(rows(), d);
        float[] row = new float[d];
        float[] moved = new float[d];
        var src = FloatMatrix.view(features);
        var dst = FloatMatrix.view(out);
        for (int i = 0; i < rows(); i++) {
            src.get((long) i * d, row, 0, d);
            for (int j = 0; j < d; j++) {
                moved[j] = row[from[j]];
            }
            dst.put((long) i * d, moved, 0, d);
        }
        return new Dataset(name, out, labels, classNames, names, imageShape, sourceType, nativeImages, tabular);
    }

    /** A copy of the first {@code n} rows (all of them when there are fewer). */
    public Dataset head(int n) {
        int[] rows = new int[Math.min(n, rows())];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        return subset(rows);
    }

    /** A copy of the given rows, in the given order. */
    public Dataset subset(int[] rows) {
        int d = columns();
        INDArray out = FloatMatrix.allocate(rows.length, d);
        float[] row = new float[d];
        var src = FloatMatrix.view(features);
        var dst = FloatMatrix.view(out);
        int[] newLabels = labels == null ? null : new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            src.get((long) rows[i] * d, row, 0, d);
            dst.put((long) i * d, row, 0, d);
            if (newLabels != null) {
                newLabels[i] = labels[rows[i]];
            }
        }
        return new Dataset(name, out, newLabels, classNames, featureNames, imageShape, sourceType, null,
                tabular == null ? null : new Tabular(tabular.table().subset(rows), tabular.encoder(),
                        tabular.notes()));
    }

    /**
     * This table's features made again with another encoding (the training split's, for a test split); the
     * dataset itself when it was not read from a text table.
     *
     * @throws DataFormatException naming {@code displayName} when the columns do not fit the encoding
     */
    public Dataset encodedWith(TableEncoder encoder, String displayName) throws DataFormatException {
        if (tabular == null) {
            return this;
        }
        TableEncoder.Encoded e = encoder.apply(tabular.table(), displayName);
        return new Dataset(name, FloatMatrix.of(e.values(), e.rows(), e.names().size()), labels, classNames,
                e.names(), imageShape, sourceType, nativeImages, new Tabular(tabular.table(), encoder, e.notes()));
    }
}
