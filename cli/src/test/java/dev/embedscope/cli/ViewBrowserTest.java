package dev.embedscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.embedscope.cli.render.Palette;
import dev.embedscope.data.DataLoader;
import dev.embedscope.data.Dataset;
import dev.embedscope.data.FloatMatrix;
import dev.embedscope.data.LoadOptions;
import dev.embedscope.data.NpyWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.WheelInput;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The interactive view in a real browser (Debian's chromium driven through chromium-driver by Selenium): a view of
 * the sample's 2,000 training images at positions the test chose (one cluster per class on a circle, row 0 alone at
 * the centre), hovered, pinned, filtered by class, zoomed, searched and box-selected; the card, the pixels drawn,
 * the thumbnail and the selection counts are checked against the data.
 */
class ViewBrowserTest {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    static Path dir;
    static ChromeDriver driver;
    static Dataset train;
    static float[] xy;

    @BeforeAll
    static void open() throws IOException {
        assumeTrue(Files.isExecutable(ReportCommandTest.CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        train = DataLoader.load(DataLoader.SAMPLE, LoadOptions.defaults()).train();
        int n = train.rows();
        xy = new float[2 * n];
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 1; i < n; i++) {
            double a = 2 * Math.PI * train.labels()[i] / 10;
            xy[2 * i] = (float) (10 * Math.cos(a) + r.nextDouble(-1, 1));
            xy[2 * i + 1] = (float) (10 * Math.sin(a) + r.nextDouble(-1, 1));
        }
        Path npy = dir.resolve("e.npy");
        try (OutputStream o = Files.newOutputStream(npy)) {
            NpyWriter.writeFloat32(FloatMatrix.of(xy, n, 2), o);
        }
        Path html = dir.resolve("v.html");
        CliRun run = CliRun.of("view", npy.toString(), "sample", "--out", html.toString());
        assertEquals(0, run.code(), run.err());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(ReportCommandTest.CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,900", "--user-data-dir=" + dir.resolve("profile"));
        driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .build(), options);
        driver.get(html.toUri().toString());
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> (Boolean) js(
                "return !!(window.embedscopeViews && window.embedscopeViews.length === 1)"));
    }

    @AfterAll
    static void close() throws IOException {
        if (driver != null) {
            Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.createDirectories(Path.of("target"));
            Files.copy(shot, Path.of("target", "view-screenshot.png"), StandardCopyOption.REPLACE_EXISTING);
            driver.quit();
        }
    }

    static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Pixels of each class colour on the canvas. */
    static long[] classPixels() {
        List<String> hex = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            hex.add(Palette.hex(Palette.of(c)));
        }
        @SuppressWarnings("unchecked")
        List<Number> counts = (List<Number>) js("const v = window.embedscopeViews[0];"
                + "const d = v.ctx.getImageData(0, 0, v.w, v.h).data;"
                + "const want = arguments[0].map(h => parseInt(h.slice(1), 16)); const out = want.map(() => 0);"
                + "for (let p = 0; p < d.length; p += 4) { const c = (d[p] << 16) | (d[p + 1] << 8) | d[p + 2];"
                + "  const k = want.indexOf(c); if (k >= 0) out[k]++; } return out;", hex);
        return counts.stream().mapToLong(Number::longValue).toArray();
    }

    /** Moves the pointer to point i (or to pixel x, y of the canvas). */
    static Actions at(Actions a, double x, double y) {
        WebElement canvas = driver.findElement(By.cssSelector(".es-canvas"));
        int w = canvas.getSize().getWidth();
        int h = canvas.getSize().getHeight();
        return a.moveToElement(canvas, (int) Math.round(x - w / 2.0), (int) Math.round(y - h / 2.0));
    }

    @SuppressWarnings("unchecked")
    static double[] screenOf(int i) {
        List<Number> p = (List<Number>) js("return window.embedscopeViews[0].screenOf(arguments[0])", i);
        return new double[] {p.get(0).doubleValue(), p.get(1).doubleValue()};
    }

    static void reset() {
        js("const v = window.embedscopeViews[0]; v.classOn.fill(1); v.legend(); v.pin(-1); v.fit(); v.draw();");
    }

    @Test
    void hoveringAPointShowsItsRowLabelAndImageAndAClickPinsIt() {
        reset();
        double[] p = screenOf(0);
        at(new Actions(driver), p[0], p[1]).perform();
        WebElement card = driver.findElement(By.cssSelector(".es-card"));
        assertTrue(card.isDisplayed());
        assertEquals("0", card.getAttribute("data-row"));
        String label = train.classNames().get(train.labels()[0]);
        assertEquals(label, card.getAttribute("data-label"));
        assertTrue(card.getText().contains("row 0 · train") && card.getText().contains(label), card.getText());
        // the thumbnail is the image: each source pixel is a 4×4 block of the same grey
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> (Boolean) js("const t = document.querySelector("
                + "'.es-card canvas.es-thumb'); return t.getContext('2d').getImageData(0, 0, 1, 1).data[3] === 255;"));
        @SuppressWarnings("unchecked")
        List<Number> grey = (List<Number>) js("const t = document.querySelector('.es-card canvas.es-thumb');"
                + "const d = t.getContext('2d').getImageData(0, 0, t.width, t.height).data; const out = [];"
                + "for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) out.push(d[4 * ((4 * y + 1) * t.width"
                + " + 4 * x + 2)]); return out;");
        float[] row = new float[784];
        FloatMatrix.view(train.features()).get(0, row, 0, 784);
        for (int k = 0; k < 784; k++) {
            assertEquals(Math.round(row[k]), grey.get(k).intValue(), "pixel " + k);
        }
        at(new Actions(driver), p[0], p[1]).click().perform();
        assertTrue(card.getAttribute("class").contains("es-pinned"));
        double[] far = screenOf(firstOfClass(5));
        at(new Actions(driver), far[0], far[1]).perform();
        assertEquals("0", card.getAttribute("data-row"), "the pinned card stays");
    }

    @Test
    void theLegendHidesAClassAndShiftClickShowsOnlyOne() {
        reset();
        long[] before = classPixels();
        for (int c = 0; c < 10; c++) {
            assertTrue(before[c] > 50, "class " + c + " is drawn: " + before[c]);
        }
        driver.findElement(By.cssSelector(".es-legend li[data-entry='3']")).click();
        long[] hidden = classPixels();
        assertEquals(0, hidden[3]);
        for (int c = 0; c < 10; c++) {
            if (c != 3) {
                assertTrue(hidden[c] >= before[c], "class " + c + " still drawn");
            }
        }
        assertTrue(driver.findElement(By.cssSelector(".es-legend li[data-entry='3']")).getAttribute("class")
                .contains("es-off"));
        new Actions(driver).keyDown(Keys.SHIFT).click(driver.findElement(By.cssSelector(
                ".es-legend li[data-entry='6']"))).keyUp(Keys.SHIFT).perform();
        long[] only = classPixels();
        for (int c = 0; c < 10; c++) {
            assertEquals(c == 6, only[c] > 0, "class " + c + " after shift-click on class 6");
        }
        new Actions(driver).keyDown(Keys.SHIFT).click(driver.findElement(By.cssSelector(
                ".es-legend li[data-entry='6']"))).keyUp(Keys.SHIFT).perform();
        long[] all = classPixels();
        for (int c = 0; c < 10; c++) {
            assertTrue(all[c] > 50, "class " + c + " back");
        }
    }

    @Test
    void theWheelZoomsAboutThePointer() {
        reset();
        int i = firstOfClass(2);
        double[] p = screenOf(i);
        double k0 = ((Number) js("return window.embedscopeViews[0].k")).doubleValue();
        WebElement canvas = driver.findElement(By.cssSelector(".es-canvas"));
        int w = canvas.getSize().getWidth();
        int h = canvas.getSize().getHeight();
        int ox = (int) Math.round(p[0] - w / 2.0);
        int oy = (int) Math.round(p[1] - h / 2.0);
        new Actions(driver).scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(canvas, ox, oy), 0, -400)
                .perform();
        double k1 = ((Number) js("return window.embedscopeViews[0].k")).doubleValue();
        assertTrue(k1 > 1.5 * k0, "zoomed in: " + k0 + " → " + k1);
        double[] q = screenOf(i);
        assertEquals(w / 2.0 + ox, q[0], 1.5, "the point under the pointer stays under it");
        assertEquals(h / 2.0 + oy, q[1], 1.5);
        assertTrue(driver.findElement(By.cssSelector(".es-status")).getText().contains("zoom "));
    }

    @Test
    void searchingARowCentresAndPinsIt() {
        reset();
        WebElement search = driver.findElement(By.cssSelector(".es-search"));
        search.clear();
        search.sendKeys("17", Keys.ENTER);
        WebElement card = driver.findElement(By.cssSelector(".es-card"));
        assertEquals("17", card.getAttribute("data-row"));
        assertTrue(card.getAttribute("class").contains("es-pinned"));
        double[] p = screenOf(17);
        double w = ((Number) js("return window.embedscopeViews[0].w")).doubleValue();
        assertEquals(w / 2, p[0], 1.0, "centred");
        search.clear();
        search.sendKeys("test 3", Keys.ENTER);
        assertTrue(driver.findElement(By.cssSelector(".es-message")).getText().contains("no row 3 in test"));
    }

    @Test
    void aShiftDragSelectionCountsTheClassesInTheBox() {
        reset();
        int c = 4;
        double x0 = Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        int expected = 0;
        for (int i = 1; i < train.rows(); i++) {
            if (train.labels()[i] == c) {
                double[] p = screenOf(i);
                x0 = Math.min(x0, p[0]);
                y0 = Math.min(y0, p[1]);
                x1 = Math.max(x1, p[0]);
                y1 = Math.max(y1, p[1]);
                expected++;
            }
        }
        Actions a = new Actions(driver).keyDown(Keys.SHIFT);
        at(a, x0 - 3, y0 - 3).clickAndHold().moveByOffset((int) (x1 - x0) + 6, (int) (y1 - y0) + 6).release()
                .keyUp(Keys.SHIFT).perform();
        List<WebElement> rows = driver.findElements(By.cssSelector(".es-counts tr"));
        assertEquals(1, rows.size(), "one class in the box");
        assertEquals(train.classNames().get(c), rows.get(0).getAttribute("data-class"));
        assertTrue(rows.get(0).getText().contains(String.format("%,d", expected)), rows.get(0).getText());
        assertTrue(driver.findElement(By.cssSelector(".es-selection h3")).getText()
                .startsWith(String.format("%,d selected", expected)));
        assertFalse(driver.findElements(By.cssSelector(".es-montage")).isEmpty(), "a montage of the selection");
    }

    static int firstOfClass(int c) {
        for (int i = 1; i < train.rows(); i++) {
            if (train.labels()[i] == c) {
                return i;
            }
        }
        throw new AssertionError("no class " + c);
    }
}
