package dev.embedscope.cli.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedscope.data.TableColumn;
import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The interactive view of an embedding as HTML with no network: the points, labels, thumbnails and table rows
 * as base64 little-endian arrays in a JSON script element, and the drawing script ({@code view.js}, a 2-D canvas
 * written pixel by pixel, so 1,000,000 points draw in tens of milliseconds) and its style inlined. A whole page
 * for {@code view} and {@code embed --view}; a fragment for a section of the report.
 */
public final class ViewPage {

    /** Table cells kept for the pointer's card, over all columns (4 bytes each). */
    public static final long TABLE_CELLS = 6_000_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRIPT = resource("view.js");
    private static final String STYLE = resource("view.css");

    private ViewPage() {
    }

    /** A whole page that fills the window with the view. */
    public static String page(ViewData d) {
        StringBuilder s = new StringBuilder(1 << 16);
        s.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(HtmlReport.escape(d.title())).append("</title>\n<meta name=\"generator\" content=\"")
                .append(HtmlReport.escape(About.version()))
                .append("\">\n<style>\nhtml, body { margin: 0; height: 100%; }\n")
                .append("body > .es-view { height: 100vh; }\n").append(STYLE).append("</style>\n</head><body>\n");
        fragment(d, "view", s);
        s.append("<script>\n").append(SCRIPT).append("</script>\n</body></html>\n");
        return s.toString();
    }

    /** The style the fragment needs, once per page. */
    public static String style() {
        return STYLE;
    }

    /** The script the fragment needs, once per page, after the fragments. */
    public static String script() {
        return SCRIPT;
    }

    /** The view's element (id {@code id}) and its data, without style and script. */
    public static void fragment(ViewData d, String id, StringBuilder s) {
        s.append("<div id=\"").append(id).append("\"></div>\n<script type=\"application/json\" class=\"es-data\" ")
                .append("data-view=\"").append(id).append("\">");
        // "</" cannot appear in the JSON text of a script element; "<\/" is the same string in JSON
        s.append(json(d).replace("</", "<\\/"));
        s.append("</script>\n");
    }

    static String json(ViewData d) {
        ObjectNode o = JSON.createObjectNode();
        o.put("title", d.title());
        o.put("n", d.n());
        o.put("mode", d.mode());
        o.put("xy", b64(d.xy()));
        if (d.labels() != null) {
            o.put("labels", b64(d.labels()));
        }
        ArrayNode names = o.putArray("classNames");
        ArrayNode colours = o.putArray("colours");
        for (int c = 0; c < d.classNames().size(); c++) {
            names.add(d.classNames().get(c));
            colours.add(Palette.hex(Palette.of(c)));
        }
        if (d.split() != null) {
            o.put("split", Base64.getEncoder().encodeToString(d.split()));
        }
        ArrayNode splits = o.putArray("splitNames");
        d.splitNames().forEach(splits::add);
        ArrayNode splitColours = o.putArray("splitColours");
        for (Color c : new Color[] {Palette.TRAIN, Palette.TEST}) {
            splitColours.add(Palette.hex(c));
        }
        o.put("rows", b64(d.rows()));
        if (d.scores() != null) {
            o.put("scores", b64(d.scores()));
            o.put("scoreName", d.scoreName());
        }
        ArrayNode notes = o.putArray("notes");
        d.notes().forEach(notes::add);
        SpriteAtlas a = d.atlas();
        if (a != null) {
            ObjectNode at = o.putObject("atlas");
            at.put("tileWidth", a.tileWidth());
            at.put("tileHeight", a.tileHeight());
            at.put("columns", a.columns());
            at.put("perSheet", a.perSheet());
            ArrayNode sheets = at.putArray("sheets");
            for (byte[] png : a.sheets()) {
                sheets.add(Base64.getEncoder().encodeToString(png));
            }
            at.put("tile", b64(a.tileOf()));
            if (a.sampled()) {
                notes.add(String.format(Locale.ROOT, "Thumbnails for %,d of the %,d points, picked at random: all "
                        + "of them would be over the size budget (--thumbnail-budget).", a.tiles(), d.n()));
            }
        }
        if (d.table() != null) {
            ArrayNode cols = o.putArray("columns");
            long cells = 0;
            int left = 0;
            for (TableColumn c : d.table().columns()) {
                if (c.values() == null && c.codes() == null || cells + d.n() > TABLE_CELLS) {
                    left++;
                    continue;
                }
                cells += d.n();
                ObjectNode col = cols.addObject();
                col.put("name", c.name());
                col.put("type", c.type().name().toLowerCase(Locale.ROOT));
                if (c.values() != null) {
                    col.put("values", b64(c.values()));
                } else {
                    col.put("codes", b64(c.codes()));
                    ArrayNode levels = col.putArray("levels");
                    c.levels().forEach(levels::add);
                }
            }
            if (left > 0) {
                notes.add(left + " table column(s) are not shown on the cards: free text with too many distinct "
                        + "values to keep, or over the size budget of the page.");
            }
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String b64(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return Base64.getEncoder().encodeToString(b.array());
    }

    static String b64(int[] v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(v);
        return Base64.getEncoder().encodeToString(b.array());
    }

    private static String resource(String name) {
        try (InputStream in = ViewPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
