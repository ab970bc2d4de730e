package dev.embedscope.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What one data argument holds: a first split (train, or the only one) and optionally a test split. */
public record Splits(Dataset train, Dataset test) {

    public Splits {
        Objects.requireNonNull(train, "train");
    }

    public static Splits of(Dataset only) {
        return new Splits(only, null);
    }

    public boolean hasTest() {
        return test != null;
    }

    public List<Dataset> all() {
        List<Dataset> out = new ArrayList<>(2);
        out.add(train);
        if (test != null) {
            out.add(test);
        }
        return out;
    }
}
