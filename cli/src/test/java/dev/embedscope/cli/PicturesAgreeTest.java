package dev.embedscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.cli.render.DriftHeatMap;
import dev.embedscope.cli.render.MontageRenderer;
import dev.embedscope.cli.render.Palette;
import dev.embedscope.data.DataLoader;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.LoadOptions;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Figures that agree: one colour per class everywhere, names kept, captions whole, scales drawn. */
class PicturesAgreeTest {

    @TempDir
    Path dir;

    /** The pixel a marker of colour c with alpha a leaves on white, as Java2D composites it. */
    static int onWhite(Color c, int alpha) {
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 4, 4);
        g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha));
        g.fillRect(0, 0, 4, 4);
        g.dispose();
        return img.getRGB(1, 1) & 0xffffff;
    }

    static long[] count(BufferedImage img, int[] colours) {
        long[] out = new long[colours.length];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                for (int k = 0; k < colours.length; k++) {
                    if (rgb == colours[k]) {
                        out[k]++;
                    }
                }
            }
        }
        return out;
    }

    @Test
    void classKHasOnePixelColourInTheEmbedPlotAndTheComparePlot() throws IOException {
        Path plot = dir.resolve("e.png");
        CliRun e = CliRun.of("embed", "sample", "--split", "test", "--out", dir.resolve("e.npy").toString(),
                "--plot", plot.toString(), "--perplexity", "10", "--iterations", "300");
        assertEquals(0, e.code(), e.err());
        Path cmp = dir.resolve("cmp");
        CliRun c = CliRun.of("compare", "sample", "--sample", "400", "--out", cmp.toString(), "--perplexity", "10",
                "--iterations", "300");
        assertEquals(0, c.code(), c.err());
        int[] blended = new int[11];
        for (int k = 0; k < 10; k++) {
            blended[k] = onWhite(Palette.of(k), 200); // N ≤ 5,000: markers at alpha 200 in both
        }
        blended[10] = onWhite(Palette.TRAIN, 200);
        long[] inEmbed = count(ImageIO.read(plot.toFile()), blended);
        long[] inCompare = count(ImageIO.read(cmp.resolve("embedding-transform.png").toFile()), blended);
        for (int k = 0; k < 10; k++) {
            assertTrue(inEmbed[k] > 20 && inCompare[k] > 20, "class " + k + ": " + inEmbed[k] + " pixels in the "
                    + "embed plot, " + inCompare[k] + " in the compare plot");
        }
        // the train grey marks the reference points of the compare plot (a few grey pixels of text and frame
        // edges match it by chance in any chart)
        assertTrue(inCompare[10] > 10 * (inEmbed[10] + 10), "the reference points are the train grey: "
                + inCompare[10] + " pixels against " + inEmbed[10] + " in a plot of classes");
    }

    @Test
    void labelsOutKeepTheClassNamesForPlot() throws IOException {
        Path y = dir.resolve("y.npy");
        CliRun e = CliRun.of("embed", "sample", "--split", "test", "--sample", "200", "--out",
                dir.resolve("e.npy").toString(), "--labels-out", y.toString(), "--perplexity", "10", "--iterations",
                "250");
        assertEquals(0, e.code(), e.err());
        Dataset test = DataLoader.load(DataLoader.SAMPLE, LoadOptions.defaults()).test();
        assertEquals(test.classNames(), Files.readAllLines(dir.resolve("y.classes.txt")));
        Path svg = dir.resolve("p.svg");
        CliRun p = CliRun.of("plot", dir.resolve("e.npy").toString(), "--labels", y.toString(), "--out",
                svg.toString());
        assertEquals(0, p.code(), p.err());
        String text = Files.readString(svg);
        assertTrue(text.contains(">T-shirt/top<") && text.contains(">Ankle boot<"), "legend of class names");
    }

    @Test
    void montageCaptionsAreNeverCutOff() throws IOException {
        Dataset test = DataLoader.load(DataLoader.SAMPLE, LoadOptions.defaults()).test();
        String longest = "row 123: given Ankle boot";
        String[] captions = {longest + "\n→ neighbours say T-shirt/top", "row 4: given Bag\n→ neighbours say Bag"};
        BufferedImage img = MontageRenderer.grid(test, new int[] {0, 1}, 2, captions, 28);
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int widest = g.getFontMetrics().stringWidth("→ neighbours say T-shirt/top");
        g.dispose();
        assertTrue(img.getWidth() >= 6 + 2 * (widest + 4 + 6), "cells as wide as the widest caption line: "
                + img.getWidth() + " for " + widest);
        assertTrue(img.getHeight() >= 6 + 28 + 2 * 18, "two caption lines under the image");
    }

    @Test
    void theConfusionMatrixHasATitleAndAColourScale() throws IOException {
        Path out = dir.resolve("audit");
        CliRun r = CliRun.of("audit", "sample", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage m = ImageIO.read(out.resolve("confusion.png").toFile());
        int titleDark = 0;
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 300; x++) {
                titleDark += (m.getRGB(x, y) & 0xff) < 100 ? 1 : 0;
            }
        }
        assertTrue(titleDark > 200, "a title band: " + titleDark);
        int x = 130 + 10 * 44 + 24 + 9;
        int top = 50 + 130;
        assertEquals(DriftHeatMap.colour(1).getRGB(), m.getRGB(x, top) | 0xff000000, "scale top: the largest count");
        assertEquals(DriftHeatMap.colour(0).getRGB(), m.getRGB(x, top + 10 * 44 - 2) | 0xff000000, "scale bottom: 0");
    }
}
