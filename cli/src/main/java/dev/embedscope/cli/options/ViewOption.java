package dev.embedscope.cli.options;

import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --view FILE.html} and {@code --thumbnail-budget MB} of the commands that embed (embed, compare). */
public final class ViewOption {

    @Option(names = "--view", paramLabel = "FILE.html",
            description = "Also write the embedding as an interactive page: every point, the image and row under the "
                    + "pointer, classes to show or hide, search, selection (see 'view').")
    Path view;

    @Option(names = "--thumbnail-budget", paramLabel = "MB", defaultValue = "27",
            description = "With --view: megabytes of thumbnails the page may hold before it samples them "
                    + "(default ${DEFAULT-VALUE}).")
    double budgetMb;

    /** The page to write, or null. */
    public Path file() {
        return view;
    }

    /** The thumbnail budget in bytes, checked. */
    public long budget() {
        return budget(budgetMb);
    }

    /** A budget in megabytes as bytes, refused outside 0..4096. */
    public static long budget(double megabytes) {
        if (!(megabytes >= 0) || megabytes > 4096) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--thumbnail-budget must be between 0 and 4096 MB, got %s", megabytes));
        }
        return (long) (megabytes * (1 << 20));
    }
}
