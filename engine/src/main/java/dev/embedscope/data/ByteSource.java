package dev.embedscope.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A named source of bytes (a file or a classpath resource), opened with gzip recognised by its
 * content (magic 1f 8b), not by the file name.
 */
public interface ByteSource {

    /** The name used in messages: the path as the user gave it, or the resource name. */
    String name();

    /** Opens the raw bytes. */
    InputStream openRaw() throws IOException;

    /** Opens the content, decompressing gzip when the first two bytes say so. */
    default InputStream open() throws IOException {
        BufferedInputStream in = new BufferedInputStream(openRaw(), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == -1) {
            in.close();
            throw DataFormatException.at(name(), "byte 0", "the file is empty");
        }
        if (b0 == 0x1f && b1 == 0x8b) {
            try {
                return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
            } catch (IOException e) {
                in.close();
                throw DataFormatException.at(name(), "gzip header", "corrupt gzip stream (" + e.getMessage() + ")");
            }
        }
        return in;
    }

    static ByteSource of(Path path) {
        return new ByteSource() {
            @Override
            public String name() {
                return path.toString();
            }

            @Override
            public InputStream openRaw() throws IOException {
                if (!Files.exists(path)) {
                    throw new NoSuchFileException(path.toString(), null, "no such file");
                }
                if (Files.isDirectory(path)) {
                    throw new DataFormatException(path + ": is a folder, expected a file");
                }
                return Files.newInputStream(path);
            }
        };
    }

    static ByteSource resource(String resource) {
        return new ByteSource() {
            @Override
            public String name() {
                return resource.substring(resource.lastIndexOf('/') + 1);
            }

            @Override
            public InputStream openRaw() throws IOException {
                InputStream in = ByteSource.class.getResourceAsStream(resource);
                if (in == null) {
                    throw new IOException("resource " + resource + " is missing from the class path");
                }
                return in;
            }
        };
    }
}
