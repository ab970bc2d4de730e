package dev.embedscope.data;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits delimited text (RFC 4180: quoted fields, doubled quotes, delimiters and line breaks
 * inside quotes, CRLF or LF) into records, remembering the line each record starts on.
 */
final class CsvRecords {

    private final Reader in;
    private final char delimiter;
    private final String name;
    private final StringBuilder field = new StringBuilder();
    private int line = 1;
    private int recordLine;
    private int peeked = -2;

    CsvRecords(Reader in, char delimiter, String name) {
        this.in = in;
        this.delimiter = delimiter;
        this.name = name;
    }

    /** The 1-based line on which the last record returned started. */
    int recordLine() {
        return recordLine;
    }

    private int read() throws IOException {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        return in.read();
    }

    /** Reads the next non-blank record into {@code fields}; false at end of input. */
    boolean next(List<String> fields) throws IOException {
        fields.clear();
        while (true) {
            recordLine = line;
            int c = read();
            if (c == -1) {
                return false;
            }
            if (c == '\n') {
                line++;
                continue;
            }
            if (c == '\r') {
                continue;
            }
            peeked = c;
            break;
        }
        field.setLength(0);
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            int c = read();
            if (quoted) {
                if (c == -1) {
                    throw DataFormatException.at(name, "line " + recordLine,
                            "a quoted field is never closed (expected a closing \")");
                }
                if (c == '"') {
                    int n = read();
                    if (n == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        peeked = n;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
                continue;
            }
            if (c == '"' && field.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == delimiter) {
                fields.add(wasQuoted ? field.toString() : field.toString().trim());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == -1) {
                if (c == '\n') {
                    line++;
                }
                fields.add(wasQuoted ? field.toString() : field.toString().trim());
                return true;
            } else if (c != '\r') {
                field.append((char) c);
            }
        }
    }

    /** Guesses the delimiter from the header line: the most frequent of tab, comma and semicolon outside quotes. */
    static char guessDelimiter(String headerLine, String fileName) {
        if (fileName.endsWith(".tsv") || fileName.endsWith(".tab") || fileName.endsWith(".tsv.gz")) {
            return '\t';
        }
        int commas = 0;
        int tabs = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = 0; i < headerLine.length(); i++) {
            char c = headerLine.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                if (c == ',') {
                    commas++;
                } else if (c == '\t') {
                    tabs++;
                } else if (c == ';') {
                    semicolons++;
                }
            }
        }
        if (tabs > commas && tabs >= semicolons) {
            return '\t';
        }
        if (semicolons > commas) {
            return ';';
        }
        return ',';
    }

    static List<String> newFields() {
        return new ArrayList<>();
    }
}
