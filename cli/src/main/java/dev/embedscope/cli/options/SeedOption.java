package dev.embedscope.cli.options;

import picocli.CommandLine.Option;

/** The {@code --seed} option of every command that samples or embeds: the same seed gives the same result. */
public final class SeedOption {

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    public long seed() {
        return seed;
    }
}
