package dev.embedscope.cli.options;

import dev.embedscope.data.Dataset;
import dev.embedscope.data.Splits;

/** Picks one split by name (train or test), or the only one. */
public final class SplitChoice {

    private SplitChoice() {
    }

    public static Dataset pick(Splits splits, String name) {
        if (name == null) {
            if (splits.hasTest()) {
                throw new IllegalArgumentException("the data has a train and a test split; choose "
                        + "one with --split train|test");
            }
            return splits.train();
        }
        if (name.equals("train")) {
            return splits.train();
        }
        if (name.equals("test")) {
            if (!splits.hasTest()) {
                throw new IllegalArgumentException("--split test: the data has only one split");
            }
            return splits.test();
        }
        throw new IllegalArgumentException("--split: '" + name + "' is not a split (expected train or test)");
    }
}
