package dev.embedscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

/** The HTML report: every section and image present and decodable, offline; loaded in headless Chromium. */
class ReportCommandTest {

    static final List<String> SECTIONS = List.of("findings", "statistics", "montage", "classes",
            "embedding", "view", "compare", "audit");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    @Test
    void reportOfTheSampleIsSelfContainedAndOpensInChromium() throws IOException, InterruptedException {
        Path html = dir.resolve("report.html");
        CliRun r = CliRun.of("report", "sample", "--sample", "1500", "--out", html.toString());
        assertEquals(0, r.code(), r.err());
        String text = Files.readString(html);
        for (String id : SECTIONS) {
            assertTrue(text.contains("<section id=\"" + id + "\">"), "section " + id);
        }
        assertFalse(text.contains("http://") || text.contains("https://") || text.contains("<script src"),
                "offline: no address, no script from elsewhere");
        assertEquals(2, text.split("<script", -1).length - 1, "the view's data and its one inline script");
        assertTrue(text.matches("(?s).*<p class=\"about\">Made by embedscope \\S+ on \\d{4}-\\d\\d-\\d\\dT.* with: "
                + "embedscope report sample --sample 1500 --out \\S+report.html</p>.*"), "says what made it");
        Matcher m = Pattern.compile("<img "
                + "alt=\"[^\"]*\" src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\">").matcher(text);
        List<BufferedImage> images = new ArrayList<>();
        while (m.find()) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
            assertTrue(img != null && img.getWidth() > 100, "image " + images.size() + " decodes");
            images.add(img);
        }
        assertEquals(5, images.size()); // montage, class chart, t-SNE plot, drift heat map, suspects montage
        assertTrue(text.contains("No shift found"), "compare verdict present");

        assumeTrue(Files.isExecutable(CHROMIUM),
                "needs Debian's chromium (apt-get install chromium) for the browser check");
        Path profile = Files.createDirectories(dir.resolve("profile"));
        List<String> base = List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile);
        List<String> dump = new ArrayList<>(base);
        dump.add("--dump-dom");
        dump.add(html.toUri().toString());
        Process p = new ProcessBuilder(dump).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        for (String id : SECTIONS) {
            assertTrue(dom.contains("id=\"" + id + "\""), "Chromium's DOM has section " + id);
        }
        assertEquals(images.size(), dom.split("<img ", -1).length - 1, "Chromium's DOM has every image");
        assertTrue(dom.contains("1,500 of 1,500 points drawn"), "the view drew every point");
        Path shot = Path.of("target", "report-screenshot.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        List<String> screenshot = new ArrayList<>(base);
        screenshot.add("--window-size=1200,3000");
        screenshot.add("--screenshot=" + shot);
        screenshot.add(html.toUri().toString());
        Process s = new ProcessBuilder(screenshot).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(s.waitFor(120, TimeUnit.SECONDS));
        BufferedImage png = ImageIO.read(shot.toFile());
        assertEquals(1200, png.getWidth());
        assertEquals(3000, png.getHeight());
    }
}
