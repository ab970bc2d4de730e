package dev.embedscope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.embedscope.data.CsvOptions;
import dev.embedscope.data.DataLoader;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.LoadOptions;
import dev.embedscope.data.Table;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of a table: its columns, their charts and the missing-value matrix, checked in a real browser. */
class TableReportTest {

    @TempDir
    Path dir;

    /** 60 rows: b missing in rows 10–19, c missing in row 0 only, a category and a label. */
    private Path table() throws IOException {
        StringBuilder s = new StringBuilder("a,b,c,colour,y\n");
        for (int i = 0; i < 60; i++) {
            s.append(i).append(',').append(i >= 10 && i < 20 ? "" : Integer.toString(i * 7 % 13)).append(',')
                    .append(i == 0 ? "NA" : Integer.toString(i % 5)).append(',')
                    .append(i % 3 == 0 ? "red" : i % 3 == 1 ? "green" : "blue").append(',').append(i % 2).append('\n');
        }
        Path p = dir.resolve("t.csv");
        Files.writeString(p, s.toString());
        return p;
    }

    @Test
    void theMissingMatrixIsDarkExactlyWhereCellsAreMissing() throws IOException {
        Dataset d = DataLoader.loadFile(table(), LoadOptions.defaults().withCsv(new CsvOptions("y", List.of(),
                (char) 0)));
        Table t = d.tabular().table();
        BufferedImage img = dev.embedscope.cli.render.MissingMatrix.render(t);
        int strip = dev.embedscope.cli.render.MissingMatrix.STRIP;
        int header = dev.embedscope.cli.render.MissingMatrix.HEADER;
        assertEquals(header + 60, img.getHeight());
        int dark = 0x203040;
        int light = 0xE8EEF4;
        for (int row = 0; row < 60; row++) {
            for (int c = 0; c < 4; c++) {
                boolean missing = c == 1 && row >= 10 && row < 20 || c == 2 && row == 0;
                int rgb = img.getRGB(c * strip + strip / 2, header + row) & 0xffffff;
                assertEquals(missing ? dark : light, rgb, "row " + row + " column " + c);
            }
        }
        // the bars of a category are its level counts, most frequent first; a boolean has two bins
        assertArrayEquals(new long[] {20, 20, 20}, dev.embedscope.cli.render.ColumnCharts.bars(t.column("colour")));
        long[] a = dev.embedscope.cli.render.ColumnCharts.bars(t.column("a"));
        assertEquals(20, a.length);
        for (long n : a) {
            assertEquals(3, n);
        }
    }

    @Test
    void aTablesReportShowsItsColumnsAndOpensInChromium() throws IOException, InterruptedException {
        Path html = dir.resolve("r.html");
        CliRun r = CliRun.of("report", table().toString(), "--label-column", "y", "--perplexity", "5", "--out",
                html.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("missing values imputed with the median of t (the default"), r.err());
        String text = Files.readString(html);
        for (String id : List.of("findings", "columns", "missing", "statistics", "classes", "embedding")) {
            assertTrue(text.contains("<section id=\"" + id + "\">"), "section " + id);
        }
        assertTrue(text.contains("<td>colour</td><td>category</td><td>0</td><td>3</td><td>red ×20, green ×20, "
                + "blue ×20</td>"), "the column table");
        assertTrue(text.contains("11 cells are missing"), "the missing count");
        Matcher m = Pattern.compile("<img alt=\"[^\"]*\" src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\">")
                .matcher(text);
        List<BufferedImage> images = new ArrayList<>();
        while (m.find()) {
            images.add(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1)))));
        }
        assertTrue(images.size() >= 4 && images.stream().allMatch(i -> i != null && i.getWidth() > 50));
        assumeTrue(Files.isExecutable(ReportCommandTest.CHROMIUM),
                "needs Debian's chromium (apt-get install chromium) for the browser check");
        Path profile = Files.createDirectories(dir.resolve("profile"));
        Process p = new ProcessBuilder(ReportCommandTest.CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--user-data-dir=" + profile, "--dump-dom", html.toUri().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertTrue(dom.contains("id=\"columns\"") && dom.contains("id=\"missing\""), "Chromium's DOM has both");
        assertEquals(images.size(), dom.split("<img ", -1).length - 1, "Chromium's DOM has every image");
    }
}
