package dev.embedscope.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives the classes of loaded splits their names: explicit names (a list or a file), else
 * Fashion-MNIST's ten names for Fashion-MNIST data, else the label numbers; and makes both
 * splits share one class list.
 */
final class ClassNaming {

    private ClassNaming() {
    }

    /** Names "0" … "max" for numeric labels; empty without labels. */
    static List<String> numbered(int[] labels) {
        if (labels == null) {
            return List.of();
        }
        int max = -1;
        for (int l : labels) {
            max = Math.max(max, l);
        }
        return numbered(max + 1);
    }

    private static List<String> numbered(int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    static Splits apply(Splits splits, String explicit, boolean fashion) throws IOException {
        Dataset train = splits.train();
        Dataset test = splits.test();
        int classes = Math.max(train.classCount(), test == null ? 0 : test.classCount());
        boolean numeric = isNumbered(train.classNames()) && (test == null || isNumbered(test.classNames()));
        List<String> names = names(classes, numeric, explicit, fashion);
        if (names == null) {
            return splits;
        }
        return new Splits(relabel(train, names), test == null ? null : relabel(test, names));
    }

    /**
     * The names of {@code classes} classes: the explicit ones, Fashion-MNIST's, or numbers; null to keep names
     * that are not numbers.
     */
    static List<String> names(int classes, boolean numeric, String explicit, boolean fashion) throws IOException {
        if (explicit != null) {
            List<String> names = parse(explicit);
            if (names.size() < classes) {
                throw new DataFormatException(names.size() + " class names for " + classes
                        + " classes (expected at least "
                        + classes + ")", new DataFormatException.Remedy(DataFormatException.Setting.CLASS_NAMES, null));
            }
            return names;
        } else if (numeric && fashion && classes <= FashionMnist.CLASS_NAMES.size() && classes > 0) {
            return FashionMnist.CLASS_NAMES;
        } else if (numeric) {
            return numbered(classes);
        }
        return null;
    }

    private static Dataset relabel(Dataset d, List<String> names) {
        return d.hasLabels() ? d.withClassNames(names) : d;
    }

    private static boolean isNumbered(List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            if (!names.get(i).equals(Integer.toString(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> parse(String explicit) throws IOException {
        Path file = Path.of(explicit);
        if (!explicit.contains(",") && Files.isRegularFile(file)) {
            List<String> names = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    names.add(line.trim());
                }
            }
            if (names.isEmpty()) {
                throw new DataFormatException(explicit + ": class-names file is empty (expected one name per line)");
            }
            return names;
        }
        return LoadOptions.splitNames(explicit);
    }

    /** Maps the test split's folder classes onto the training split's class list (new classes appended). */
    static Dataset alignFolderClasses(Dataset train, Dataset test) {
        List<String> names = new ArrayList<>(train.classNames());
        int[] labels = new int[test.rows()];
        for (int i = 0; i < labels.length; i++) {
            String name = test.classNames().get(test.labels()[i]);
            int idx = names.indexOf(name);
            if (idx < 0) {
                names.add(name);
                idx = names.size() - 1;
            }
            labels[i] = idx;
        }
        Dataset relabelled = new Dataset(test.name(), test.features(), labels, names, test.featureNames(),
                test.imageShape(), test.sourceType(), test.nativeImages());
        return relabelled;
    }
}
