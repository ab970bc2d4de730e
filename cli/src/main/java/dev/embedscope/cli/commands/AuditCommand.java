package dev.embedscope.cli.commands;

import dev.embedscope.audit.Audit;
import dev.embedscope.audit.AuditOptions;
import dev.embedscope.cli.options.DataOptions;
import dev.embedscope.cli.options.SplitChoice;
import dev.embedscope.cli.options.ThreadsOption;
import dev.embedscope.cli.render.DriftHeatMap;
import dev.embedscope.cli.render.Format;
import dev.embedscope.cli.render.MontageRenderer;
import dev.embedscope.cli.render.Outputs;
import dev.embedscope.cli.render.ProgressBar;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.Splits;
import dev.embedscope.scale.Scaling;
import dev.embedscope.stats.FiniteCheck;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code embedscope audit}: label-noise suspects, near duplicates, outliers and class confusion from the kNN graph. */
@Command(name = "audit", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Find label-noise suspects, near-duplicate groups, outliers and the most confused classes,"
                + " from nearest neighbours alone (no model is trained).")
public final class AuditCommand implements Callable<Integer> {

    static final int SHOWN = 25;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Folder for the montages, the matrix and audit.json.")
    Path dir;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Where to write the JSON report (default DIR/audit.json).")
    Path json;

    @Option(names = "--split", paramLabel = "train|test", defaultValue = "train",
            description = "Which split (default ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--neighbours", paramLabel = "K", defaultValue = "15",
            description = "Neighbours per point for duplicates, outliers and confusion (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--noise-neighbours", paramLabel = "K", defaultValue = "50",
            description = "Neighbours for the label-noise scores (default ${DEFAULT-VALUE}).")
    int noiseK;

    @Option(names = "--top", paramLabel = "N",
            description = "Suspects and outliers to list (default 2 %% of the rows, at least 100).")
    Integer top;

    @Mixin
    ThreadsOption threadsOption;

    @Spec
    CommandSpec spec;

    record Suspect(int row, String given, String suggested, double score, double margin) {
    }

    record Outlier(int row, String label, double meanNeighbourDistance) {
    }

    record Group(int[] rows, List<String> labels, boolean conflicting) {
    }

    record ConfusedPair(String a, String b, long sharedEdges) {
    }

    record Report(String data, int rows, String scaling, int neighbours, int noiseNeighbours, String scoring,
                  List<Suspect> suspects,
                  double[] labelScores, double nearThreshold, int duplicateGroups, int conflictingGroups,
                  List<Group> groups, List<Outlier> outliers, List<ConfusedPair> confusion, List<String> outputs) {
    }

    static final String SCORING = "1 − the calibrated probability of the given label: Gaussian-weighted kNN class "
            + "shares in PCA space, divided by each class's mean self-confidence (confident learning, Northcutt et al."
            + " 2021) and renormalised; 0 = the neighbourhood fully supports the label, 1 = not at all";

    @Override
    public Integer call() throws Exception {
        if (k < 1) {
            throw new IllegalArgumentException("--neighbours must be at least 1, got " + k);
        }
        if (noiseK < 1) {
            throw new IllegalArgumentException("--noise-neighbours must be at least 1, got " + noiseK);
        }
        if (top != null && top < 1) {
            throw new IllegalArgumentException("--top must be at least 1, got " + top);
        }
        dataOptions.repairByDefault = true;
        Splits loaded = dataOptions.load();
        Dataset raw = split.equals("train") ? loaded.train() : SplitChoice.pick(loaded, split);
        Scaling scaling = Scaling.fitOn(raw, null);
        Dataset d = scaling.apply(raw);
        FiniteCheck.requireFinite(d, "audit");
        int t = threadsOption.threads();
        int keep = top != null ? top : Math.max(100, d.rows() / 50);
        ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), ProgressBar.terminal());
        Audit a;
        try {
            a = Audit.run(d, AuditOptions.builder().neighbours(k).noiseNeighbours(noiseK).keep(keep).threads(t)
                    .build(), (done, total) -> bar.update("neighbours", done, total, null));
        } finally {
            bar.finishLine();
        }
        Files.createDirectories(dir);
        List<String> written = new ArrayList<>();
        List<Suspect> suspects = new ArrayList<>();
        for (int r : a.suspects()) {
            suspects.add(new Suspect(r, d.classNames().get(d.labels()[r]),
                    d.classNames().get(a.noise().suggested()[r]), a.noise().score()[r], a.noise().margin()[r]));
        }
        List<Outlier> outliers = new ArrayList<>();
        for (int r : a.outliers()) {
            outliers.add(new Outlier(r, d.hasLabels() ? d.classNames().get(d.labels()[r]) : null, a.outlierScore()[r]));
        }
        List<Group> groups = new ArrayList<>();
        int conflicting = 0;
        for (int[] g : a.duplicateGroups()) {
            List<String> labels = new ArrayList<>();
            if (d.hasLabels()) {
                for (int r : g) {
                    labels.add(d.classNames().get(d.labels()[r]));
                }
            }
            boolean conflict = a.conflicting(g);
            conflicting += conflict ? 1 : 0;
            if (groups.size() < 1000) {
                groups.add(new Group(g, labels, conflict));
            }
        }
        List<ConfusedPair> confusion = new ArrayList<>();
        for (long[] p : a.confusedPairs()) {
            confusion.add(new ConfusedPair(d.classNames().get((int) p[0]), d.classNames().get((int) p[1]), p[2]));
        }
        if (d.isImage()) {
            if (d.hasLabels()) {
                int m = Math.min(SHOWN, a.suspects().length);
                int[] rows = Arrays.copyOf(a.suspects(), m);
                String[] captions = new String[m];
                for (int i = 0; i < m; i++) {
                    captions[i] = suspectCaption(rows[i], suspects.get(i).given(), suspects.get(i).suggested());
                }
                Path p = dir.resolve("suspects.png");
                Outputs.png(p, MontageRenderer.grid(raw, rows, 5, captions, 120));
                written.add(p.toString());
            }
            int m = Math.min(SHOWN, a.outliers().length);
            int[] rows = Arrays.copyOf(a.outliers(), m);
            String[] captions = new String[m];
            for (int i = 0; i < m; i++) {
                captions[i] = "row " + rows[i] + (d.hasLabels() ? ": " + d.classNames().get(d.labels()[rows[i]]) : "");
            }
            Path p = dir.resolve("outliers.png");
            Outputs.png(p, MontageRenderer.grid(raw, rows, 5, captions, 120));
            written.add(p.toString());
        }
        if (d.hasLabels()) {
            Path p = dir.resolve("confusion.png");
            Outputs.png(p, confusionMatrix(a.confusion(), d.classNames()));
            written.add(p.toString());
        }
        Path jsonFile = json != null ? json : dir.resolve("audit.json");
        written.add(jsonFile.toString());
        Report report = new Report(dataOptions.displayName(), d.rows(), scaling.choice().spec() + ": "
                + scaling.choice().reason(), a.k(), a.noiseK(),
                a.noise() == null ? null : SCORING, suspects, a.noise() == null ? null : a.noise().score(),
                a.nearThreshold(), a.duplicateGroups().size(), conflicting, groups, outliers, confusion, written);
        Outputs.json(jsonFile, report);
        print(spec.commandLine().getOut(), report);
        return 0;
    }

    /** A suspect's caption: its row and given label, then what its neighbours say, on two lines. */
    static String suspectCaption(int row, String given, String suggested) {
        return "row " + row + ": given " + given + "\n→ neighbours say " + suggested;
    }

    static void print(PrintWriter out, Report r) {
        out.printf(Locale.ROOT, "Audit of %s: %,d rows, %d neighbours each (PCA space)%n  scaling %s%n",
                r.data(), r.rows(), r.neighbours(), r.scaling());
        if (!r.suspects().isEmpty()) {
            out.println();
            out.printf(Locale.ROOT, "Label-noise suspects (%d neighbours; score = 1 − calibrated probability of the "
                    + "given label), %d of %,d listed in the JSON:%n", r.noiseNeighbours(), r.suspects().size(),
                    r.rows());
            out.printf(Locale.ROOT, "  %7s %-16s %-16s %6s %7s%n", "row", "given", "suggested", "score", "margin");
            for (Suspect s : r.suspects().subList(0, Math.min(15, r.suspects().size()))) {
                out.printf(Locale.ROOT, "  %7d %-16s %-16s %6.3f %+7.3f%n", s.row(), Format.clip(s.given(), 16),
                        Format.clip(s.suggested(), 16), s.score(), s.margin());
            }
        }
        out.println();
        out.printf(Locale.ROOT,
                "Near duplicates: %d group(s) within distance %.3g (5%% of the median nearest-neighbour distance),"
                + " %d with disagreeing labels%n", r.duplicateGroups(), r.nearThreshold(), r.conflictingGroups());
        out.println();
        out.println("Outliers (mean distance to the neighbours):");
        for (Outlier o : r.outliers().subList(0, Math.min(10, r.outliers().size()))) {
            out.printf(Locale.ROOT, "  %7d %-16s %8.3f%n", o.row(), o.label() == null ? "" : Format.clip(o.label(), 16),
                    o.meanNeighbourDistance());
        }
        if (!r.confusion().isEmpty()) {
            out.println();
            out.println("Most confused classes (shared kNN edges):");
            for (ConfusedPair p : r.confusion().subList(0, Math.min(8, r.confusion().size()))) {
                out.printf(Locale.ROOT, "  %-16s ↔ %-16s %8d%n", Format.clip(p.a(), 16),
                        Format.clip(p.b(), 16), p.sharedEdges());
            }
        }
        out.println();
        out.println("Wrote: " + String.join(", ", r.outputs()));
        out.flush();
    }

    /** Layout of the confusion matrix: cell size, the label margins, the title band and the colour scale's x. */
    static final int CELL = 44;
    static final int LEFT = 130;
    static final int TITLE = 50;
    static final int TOP = TITLE + 130;
    static final int SCALE_WIDTH = 18;

    /** The colour scale's left edge for {@code c} classes. */
    static int scaleX(int c) {
        return LEFT + c * CELL + 24;
    }

    /**
     * The class × class matrix of shared kNN edges as a heat map: a title saying what a cell counts, class names
     * on both axes (rows: a point's given class; columns: its neighbour's), the count in each cell and a colour
     * scale from 0 to the largest count.
     */
    static BufferedImage confusionMatrix(long[] m, List<String> names) {
        int c = names.size();
        int width = Math.max(scaleX(c) + SCALE_WIDTH + 70, 620);
        BufferedImage img = new BufferedImage(width, TOP + c * CELL + 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        long max = 1;
        for (long v : m) {
            max = Math.max(max, v);
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString("Class confusion: shared nearest-neighbour edges", 8, 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(Color.DARK_GRAY);
        g.drawString("row: a point's given class; column: the class of one of its neighbours", 8, 38);
        for (int a = 0; a < c; a++) {
            g.setColor(Color.DARK_GRAY);
            g.drawString(Format.clip(names.get(a), 18), 8, TOP + a * CELL + CELL / 2 + 4);
            Graphics2D r = (Graphics2D) g.create();
            r.translate(LEFT + a * CELL + CELL / 2 + 4, TOP - 6);
            r.rotate(-Math.PI / 2);
            r.drawString(Format.clip(names.get(a), 18), 0, 0);
            r.dispose();
            for (int b = 0; b < c; b++) {
                double t = (double) m[a * c + b] / max;
                g.setColor(DriftHeatMap.colour(t));
                g.fillRect(LEFT + b * CELL, TOP + a * CELL, CELL - 1, CELL - 1);
                g.setColor(t > 0.6 ? Color.BLACK : Color.WHITE);
                g.drawString(Long.toString(m[a * c + b]), LEFT + b * CELL + 4, TOP + a * CELL + CELL / 2 + 4);
            }
        }
        int x = scaleX(c);
        int h = c * CELL - 1;
        for (int y = 0; y < h; y++) {
            g.setColor(DriftHeatMap.colour(1 - (double) y / Math.max(1, h - 1)));
            g.fillRect(x, TOP + y, SCALE_WIDTH, 1);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawString(String.format(Locale.ROOT, "%,d", max), x + SCALE_WIDTH + 4, TOP + 10);
        g.drawString("0", x + SCALE_WIDTH + 4, TOP + h);
        g.drawString("edges", x - 2, TOP - 8);
        g.dispose();
        return img;
    }
}
