package dev.embedscope.cli.render;

import java.awt.Color;
import java.util.Locale;

/**
 * The one colour of each class, by class index, for every figure (embed and plot, compare, audit, report, the
 * interactive view), and the two split colours. Class colours are Matplotlib's tab10 then tab20's light shades
 * with their two greys replaced by tab20b colours, so every class colour is saturated and the achromatic train
 * and test colours of compare are distinct from all of them.
 */
public final class Palette {

    private static final Color[] CLASSES = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x393b79),
        new Color(0xbcbd22), new Color(0x17becf), new Color(0xaec7e8), new Color(0xffbb78), new Color(0x98df8a),
        new Color(0xff9896), new Color(0xc5b0d5), new Color(0xc49c94), new Color(0xf7b6d2), new Color(0x8c6d31),
        new Color(0xdbdb8d), new Color(0x9edae5)};

    /** The training split where it is the reference (compare's transform plot, the view's split colouring). */
    public static final Color TRAIN = new Color(0xc0c0c0);
    /** The test split where splits, not classes, are coloured. */
    public static final Color TEST = new Color(0x202020);

    private Palette() {
    }

    /** How many distinct class colours there are; class k takes colour k modulo this. */
    public static int size() {
        return CLASSES.length;
    }

    public static Color of(int classIndex) {
        return CLASSES[Math.floorMod(classIndex, CLASSES.length)];
    }

    /** The first {@code n} class colours (repeating after {@link #size()}). */
    public static Color[] first(int n) {
        Color[] out = new Color[n];
        for (int i = 0; i < n; i++) {
            out[i] = of(i);
        }
        return out;
    }

    /** {@code #rrggbb}. */
    public static String hex(Color c) {
        return String.format(Locale.ROOT, "#%06x", c.getRGB() & 0xffffff);
    }
}
