package dev.embedscope.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.Locale;

/**
 * Decodes bytes into characters and refuses, instead of replacing, a byte sequence that is not valid in the
 * encoding: the error names the file, the byte offset and the bytes, and suggests the encoding to force.
 * It never turns bad input silently into U+FFFD replacement characters.
 */
final class StrictTextReader extends Reader {

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final String name;
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
    private final CharBuffer chars = CharBuffer.allocate(1 << 16);
    /** Bytes taken from the stream before the current buffer's first byte. */
    private long consumed;
    private boolean eof;

    StrictTextReader(InputStream in, TextEncoding encoding, String name) throws IOException {
        this.in = in;
        this.name = name;
        this.decoder = encoding.charset().newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        long skipped = in.skip(encoding.bomBytes());
        consumed = skipped;
        bytes.limit(0);
        chars.limit(0);
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!chars.hasRemaining()) {
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(len, chars.remaining());
        chars.get(buf, off, n);
        return n;
    }

    @Override
    public int read() throws IOException {
        while (!chars.hasRemaining()) {
            if (!fill()) {
                return -1;
            }
        }
        return chars.get();
    }

    private boolean fill() throws IOException {
        if (eof && !bytes.hasRemaining()) {
            return false;
        }
        if (!eof) {
            int before = bytes.position();
            bytes.compact();
            consumed += before;
            int r = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (r < 0) {
                eof = true;
            } else {
                bytes.position(bytes.position() + r);
            }
            bytes.flip();
        }
        chars.clear();
        CoderResult result = decoder.decode(bytes, chars, eof);
        if (result.isError()) {
            long offset = consumed + bytes.position();
            StringBuilder shown = new StringBuilder();
            for (int i = 0; i < result.length() && bytes.position() + i < bytes.limit(); i++) {
                shown.append(String.format(Locale.ROOT, " 0x%02X", bytes.get(bytes.position() + i) & 0xff));
            }
            String charset = decoder.charset().name();
            throw DataFormatException.at(name, "byte " + offset, "bytes" + shown + " are not valid " + charset
                    + (charset.equals("UTF-8") ? " (the file may be Latin-1 or Windows-1252)" : "")
                    + "; expected text in one encoding", new DataFormatException.Remedy(
                    DataFormatException.Setting.ENCODING, charset.equals("UTF-8") ? "windows-1252" : null));
        }
        if (eof && !bytes.hasRemaining()) {
            decoder.flush(chars);
        }
        chars.flip();
        return chars.hasRemaining() || !(eof && !bytes.hasRemaining());
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
