package dev.embedscope.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

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
                return new BufferedInputStream(new GzipBody(new GZIPInputStream(in, 1 << 16), name()), 1 << 16);
            } catch (IOException e) {
                in.close();
                throw DataFormatException.at(name(), "gzip header", "corrupt gzip stream (" + e.getMessage() + ")");
            }
        }
        return in;
    }

    /**
     * A gzip body whose failures name the file: a corrupt block or a stream that ends early becomes one
     * {@link DataFormatException} with the decompressed offset, instead of zlib's bare message.
     */
    final class GzipBody extends FilterInputStream {
        private final String name;
        private long offset;

        GzipBody(InputStream in, String name) {
            super(in);
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            try {
                int b = super.read();
                offset += b < 0 ? 0 : 1;
                return b;
            } catch (IOException e) {
                throw translated(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = super.read(b, off, len);
                offset += Math.max(0, n);
                return n;
            } catch (IOException e) {
                throw translated(e);
            }
        }

        private IOException translated(IOException e) {
            String where = "decompressed byte " + offset;
            if (e instanceof EOFException) {
                return DataFormatException.at(name, where, "the gzip data ends early (a truncated copy?); fetch or "
                        + "copy the file again");
            }
            if (e instanceof ZipException) {
                return DataFormatException.at(name, where, "the gzip data is corrupt (" + e.getMessage() + "); the "
                        + "file is damaged, fetch or copy it again");
            }
            return e;
        }
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
