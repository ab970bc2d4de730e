package dev.embedscope.scale;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.embedscope.data.DataFormatException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Saves a {@link Scaler} as JSON and reads it back, validating what it reads. */
public final class ScalerJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ScalerJson() {
    }

    public static void write(Scaler scaler, OutputStream out) throws IOException {
        MAPPER.writeValue(out, scaler);
    }

    public static Scaler read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file + ": no such file (expected a scaler saved by 'embedscope scale fit')");
        }
        try {
            Scaler s = MAPPER.readValue(file.toFile(), Scaler.class);
            if (s == null || s.method() == null) {
                throw new DataFormatException(file
                        + ": not a scaler (expected 'method', 'features', 'center', 'scale')");
            }
            return s;
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "JSON" : "line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw DataFormatException.at(file.toString(), where, "not a valid scaler file (" + e.getOriginalMessage()
                    + ")");
        } catch (IllegalArgumentException e) {
            throw DataFormatException.at(file.toString(), "content", e.getMessage());
        }
    }
}
