package dev.embedscope.cli.render;

import java.io.IOException;
import java.io.InputStream;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What made an output: embedscope's version (from the build), when, and the command line that ran, quoted so it
 * can be pasted into a shell again. Reports and views carry it.
 *
 * @param tool        {@code embedscope X.Y.Z}
 * @param date        ISO 8601 with the time zone
 * @param commandLine the arguments after {@code embedscope}, shell-quoted
 */
public record About(String tool, String date, String commandLine) {

    /** {@code embedscope} and the project's version, as the build wrote it. */
    public static String version() {
        try (InputStream in = About.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "unknown");
            return "embedscope " + (v.startsWith("${") ? "unknown" : v);
        } catch (IOException e) {
            return "embedscope unknown";
        }
    }

    /** The version, the time now and the given arguments. */
    public static About of(List<String> args) {
        List<String> quoted = new ArrayList<>();
        quoted.add("embedscope");
        for (String a : args) {
            quoted.add(a.matches("[A-Za-z0-9_./:=,+@%-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return new About(version(), ZonedDateTime.now().withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                String.join(" ", quoted));
    }

    /** One line: "Made by embedscope X on DATE with: COMMAND". */
    public String line() {
        return "Made by " + tool + " on " + date + " with: " + commandLine;
    }
}
