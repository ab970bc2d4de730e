package dev.embedscope.scale;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.embedscope.data.DataFormatException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Saves a {@link Scaler} as JSON and reads it back, validating what it reads: a broken file is one line
 * naming the place (line and column, or the field) and what was wrong, never the parser's internals.
 */
public final class ScalerJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ScalerJson() {
    }

    public static void write(Scaler scaler, OutputStream out) throws IOException {
        MAPPER.writeValue(out, scaler);
    }

    /** A scaler read from a file, and whether the file records the columns it was fitted on. */
    public record Saved(Scaler scaler, boolean recordsColumns) {
    }

    public static Saved read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file + ": no such file (expected a scaler saved by 'embedscope scale fit')");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(file.toFile());
        } catch (JacksonException e) {
            throw DataFormatException.at(file.toString(), where(e), "not JSON (" + reason(e) + "); " + REMEDY);
        }
        if (tree == null || !tree.isObject() || !tree.has("method") || !tree.has("center") || !tree.has("scale")) {
            throw DataFormatException.at(file.toString(), "content", "not a scaler (expected the fields 'method', "
                    + "'features', 'center' and 'scale'); " + REMEDY);
        }
        try {
            Scaler s = MAPPER.treeToValue(tree, Scaler.class);
            return new Saved(s, tree.has("featureNames"));
        } catch (JacksonException e) {
            throw DataFormatException.at(file.toString(), field(e), "not a valid scaler (" + reason(e) + "); "
                    + REMEDY);
        } catch (IllegalArgumentException e) {
            throw DataFormatException.at(file.toString(), "content", "not a valid scaler (" + e.getMessage() + "); "
                    + REMEDY);
        }
    }

    private static final String REMEDY = "fit it again with 'embedscope scale fit'";

    private static String where(JacksonException e) {
        return e.getLocation() == null ? "JSON" : "line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr();
    }

    /** The field path of a mapping error, e.g. {@code field 'center'[3]}. */
    private static String field(JacksonException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder b = new StringBuilder("field ");
            for (JsonMappingException.Reference r : m.getPath()) {
                b.append(r.getFieldName() != null ? "'" + r.getFieldName() + "'" : "[" + r.getIndex() + "]");
            }
            return b.toString();
        }
        return "content";
    }

    /** A short reason without the parser's source descriptions and class names. */
    private static String reason(JacksonException e) {
        if (e instanceof JsonEOFException) {
            return "the file ends in the middle of a value: truncated?";
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + u.getPropertyName() + "'";
        }
        if (e instanceof InvalidFormatException f) {
            return "'" + f.getValue() + "' is not " + article(f.getTargetType());
        }
        if (e instanceof MismatchedInputException m) {
            return "expected " + article(m.getTargetType());
        }
        String message = e.getOriginalMessage();
        int cut = message.indexOf(" at [Source");
        message = cut >= 0 ? message.substring(0, cut) : message;
        cut = message.indexOf('\n');
        return cut >= 0 ? message.substring(0, cut) : message;
    }

    private static String article(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type == float.class || type == double.class || type == int.class || type == long.class
                || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(java.util.Locale.ROOT);
        }
        if (type == String.class) {
            return "a text";
        }
        return "an object";
    }
}
