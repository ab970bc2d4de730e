package dev.embedscope.cli.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.embedscope.io.AtomicOutput;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/** Writes the command line's outputs (JSON, PNG, SVG) all or nothing, through {@link AtomicOutput}. */
public final class Outputs {

    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Outputs() {
    }

    public static void json(Path file, Object value) throws IOException {
        AtomicOutput.write(file, out -> JSON.writeValue(new NonClosing(out), value));
    }

    public static void png(Path file, BufferedImage image) throws IOException {
        requireExtension(file, ".png");
        AtomicOutput.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    /** Writes a chart as PNG or SVG (JFreeSVG), by the file's extension. */
    public static void chart(JFreeChart chart, Path file, int width, int height) throws IOException {
        requireExtension(file, ".png", ".svg");
        if (file.toString().toLowerCase(Locale.ROOT).endsWith(".svg")) {
            SVGGraphics2D g = new SVGGraphics2D(width, height);
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
            byte[] svg = g.getSVGDocument().getBytes(StandardCharsets.UTF_8);
            AtomicOutput.write(file, out -> out.write(svg));
        } else {
            AtomicOutput.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
        }
    }

    public static void requireExtension(Path file, String... extensions) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String ext : extensions) {
            if (name.endsWith(ext)) {
                return;
            }
        }
        throw new IllegalArgumentException(file + ": unsupported output type (expected "
                + String.join(" or ", extensions) + ")");
    }

    /** Keeps Jackson from closing the stream AtomicOutput still has to flush and rename. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
