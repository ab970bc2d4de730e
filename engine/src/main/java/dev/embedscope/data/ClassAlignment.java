package dev.embedscope.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Gives two separately loaded splits one class list: the first split's classes in their order,
 * then classes seen only in the second; labels of both are renumbered to that list. Splits whose
 * lists already agree are returned as they are.
 */
public final class ClassAlignment {

    private ClassAlignment() {
    }

    public static Splits align(Dataset train, Dataset test) {
        if (!train.hasLabels() || !test.hasLabels() || train.classNames().equals(test.classNames())) {
            return new Splits(train, test);
        }
        List<String> names = new ArrayList<>(train.classNames());
        for (String n : test.classNames()) {
            if (!names.contains(n)) {
                names.add(n);
            }
        }
        return new Splits(relabel(train, names), relabel(test, names));
    }

    private static Dataset relabel(Dataset d, List<String> names) {
        int[] labels = new int[d.rows()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = names.indexOf(d.classNames().get(d.labels()[i]));
        }
        return new Dataset(d.name(), d.features(), labels, names, d.featureNames(), d.imageShape(), d.sourceType(),
                d.nativeImages());
    }
}
