package dev.embedscope.cli.render;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/**
 * Builds one self-contained HTML page: a line saying what made it, sections with headings, text, tables and
 * images inlined as base64 PNG data URIs, one embedded style sheet, no network access; the only script is the
 * interactive view's ({@link ViewPage}), inlined when a section holds a view.
 */
public final class HtmlReport {

    private final String title;
    private final List<String> sections = new ArrayList<>();
    private final List<String[]> toc = new ArrayList<>();
    private StringBuilder current;
    private String about;
    private boolean hasView;

    public HtmlReport(String title) {
        this.title = title;
    }

    /** The line under the title saying what made the page (version, date, command line). */
    public HtmlReport about(String line) {
        this.about = line;
        return this;
    }

    /** The interactive view of an embedding in the current section, as element {@code id}. */
    public HtmlReport view(ViewData d, String id) {
        current.append("<div class=\"es-frame\">\n");
        ViewPage.fragment(d, id, current);
        current.append("</div>\n");
        hasView = true;
        return this;
    }

    public HtmlReport section(String id, String heading) {
        close();
        toc.add(new String[] {id, heading});
        current = new StringBuilder("<section "
                + "id=\"").append(id).append("\">\n<h2>").append(escape(heading)).append("</h2>\n");
        return this;
    }

    public HtmlReport paragraph(String text) {
        current.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    public HtmlReport interpretation(String text) {
        current.append("<p class=\"why\">").append(escape(text)).append("</p>\n");
        return this;
    }

    public HtmlReport table(List<String> header, List<List<String>> rows) {
        current.append("<table>\n<tr>");
        for (String h : header) {
            current.append("<th>").append(escape(h)).append("</th>");
        }
        current.append("</tr>\n");
        for (List<String> row : rows) {
            current.append("<tr>");
            for (String cell : row) {
                current.append("<td>").append(escape(cell)).append("</td>");
            }
            current.append("</tr>\n");
        }
        current.append("</table>\n");
        return this;
    }

    public HtmlReport image(String alt, BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return png(alt, bytes.toByteArray());
    }

    public HtmlReport chart(String alt, JFreeChart chart, int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(bytes, chart, width, height);
        return png(alt, bytes.toByteArray());
    }

    private HtmlReport png(String alt, byte[] png) {
        current.append("<figure><img alt=\"").append(escape(alt)).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\"><figcaption>").append(escape(alt))
                .append("</figcaption></figure>\n");
        return this;
    }

    private void close() {
        if (current != null) {
            current.append("</section>\n");
            sections.add(current.toString());
            current = null;
        }
    }

    public String html() {
        close();
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
                + "charset=\"utf-8\">\n<title>").append(escape(title))
                .append("</title>\n<style>\n")
                .append("body{font-family:-apple-system,Segoe "
                        + "UI,Helvetica,Arial,sans-serif;max-width:1100px;margin:2em auto;")
                .append("padding:0 1em;color:#222}h1{font-size:1.7em}h2{border-bottom:1px solid "
                        + "#ddd;padding-bottom:.2em;margin-top:2em}")
                .append("table{border-collapse:collapse;margin:1em 0;font-size:.9em}th,td{border:1px solid "
                        + "#ddd;padding:.25em .6em;")
                .append("text-align:left}th{background:#f5f5f5}figure{margin:1em "
                        + "0}img{max-width:100%;border:1px solid #eee}")
                .append("figcaption{color:#666;font-size:.85em}")
                .append(".why{background:#f3f7fb;border-left:4px solid #1f77b4;padding:.5em 1em}")
                .append("nav a{margin-right:1em}.about{color:#555;font-size:.85em}")
                .append(".es-frame{border:1px solid #ddd;height:640px;display:flex}.es-frame>.es-view{flex:1}\n")
                .append(hasView ? ViewPage.style() : "")
                .append("</style>\n</head>\n<body>\n<h1>").append(escape(title)).append("</h1>\n");
        if (about != null) {
            sb.append("<p class=\"about\">").append(escape(about)).append("</p>\n");
        }
        sb.append("<nav>");
        for (String[] t : toc) {
            sb.append("<a href=\"#").append(t[0]).append("\">").append(escape(t[1])).append("</a>");
        }
        sb.append("</nav>\n");
        for (String s : sections) {
            sb.append(s);
        }
        sb.append("<footer><p>Written by embedscope; every image is inline, the page needs no "
                + "network.</p></footer>\n");
        if (hasView) {
            sb.append("<script>\n").append(ViewPage.script()).append("</script>\n");
        }
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
