package dev.embedscope.data;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;


/**
 * Finds the character encoding of a text table from its first bytes: a byte-order mark (UTF-8, UTF-16 LE or BE)
 * is certain; bytes that decode as strict UTF-8 are UTF-8; anything else is handed to ICU4J's
 * {@link CharsetDetector} (byte n-gram statistics per charset, as in the Mozilla detector of Li and Momoi, 2001),
 * which names Windows-1252, ISO-8859-x or UTF-16 without a mark and a confidence from 0 to 100.
 * ICU4J was chosen over juniversalchardet because it reports that confidence, which {@code inspect} shows.
 *
 * @param charset     the encoding to decode with
 * @param confidence  0–100: 100 for a byte-order mark or a forced encoding, ICU's figure otherwise
 * @param how         how it was found, for the report ("byte-order mark", "valid UTF-8", "detected", "as given")
 * @param bomBytes    bytes of the byte-order mark to skip (0 when none)
 */
public record TextEncoding(Charset charset, int confidence, String how, int bomBytes) {

    /** Bytes read from the start of a file to detect its encoding. */
    public static final int SAMPLE_BYTES = 1 << 16;

    /** The encoding given by the user; a byte-order mark of the same family is still skipped. */
    public static TextEncoding forced(Charset charset, byte[] head) {
        TextEncoding bom = fromBom(head);
        int skip = bom != null && sameFamily(bom.charset, charset) ? bom.bomBytes : 0;
        return new TextEncoding(charset, 100, "as given", skip);
    }

    /** Detects the encoding of text whose first bytes are {@code head} ({@code length} of them). */
    public static TextEncoding detect(byte[] head, int length) {
        byte[] bytes = length == head.length ? head : Arrays.copyOf(head, length);
        TextEncoding bom = fromBom(bytes);
        if (bom != null) {
            return bom;
        }
        TextEncoding utf16 = utf16WithoutBom(bytes);
        if (utf16 != null) {
            return utf16;
        }
        if (isStrictUtf8(bytes, length == SAMPLE_BYTES)) {
            boolean ascii = true;
            for (byte b : bytes) {
                ascii &= b >= 0;
            }
            return new TextEncoding(StandardCharsets.UTF_8, 100, ascii ? "ASCII in the first "
                    + length + " bytes" : "valid UTF-8", 0);
        }
        CharsetDetector detector = new CharsetDetector();
        detector.setText(bytes);
        CharsetMatch best = null;
        for (CharsetMatch m : detector.detectAll()) {
            if (!m.getName().equals("UTF-8") && Charset.isSupported(m.getName())) {
                best = m;
                break;
            }
        }
        if (best == null) {
            return new TextEncoding(Charset.forName("windows-1252"), 10, "not UTF-8; nothing better detected", 0);
        }
        String name = best.getName().equals("ISO-8859-1") ? "windows-1252" : best.getName();
        return new TextEncoding(Charset.forName(name), best.getConfidence(), "detected", 0);
    }

    /** UTF-16 without a mark: ASCII-range text leaves every other byte 0 (odd bytes in LE, even in BE). */
    private static TextEncoding utf16WithoutBom(byte[] b) {
        int pairs = b.length / 2;
        if (pairs < 2) {
            return null;
        }
        int zeroEven = 0;
        int zeroOdd = 0;
        for (int i = 0; i + 1 < b.length; i += 2) {
            zeroEven += b[i] == 0 ? 1 : 0;
            zeroOdd += b[i + 1] == 0 ? 1 : 0;
        }
        if (zeroOdd * 10 >= pairs * 7 && zeroEven == 0) {
            return new TextEncoding(StandardCharsets.UTF_16LE, 100 * zeroOdd / pairs, "zero bytes at odd offsets", 0);
        }
        if (zeroEven * 10 >= pairs * 7 && zeroOdd == 0) {
            return new TextEncoding(StandardCharsets.UTF_16BE, 100 * zeroEven / pairs, "zero bytes at even offsets",
                    0);
        }
        return null;
    }

    private static TextEncoding fromBom(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            return new TextEncoding(StandardCharsets.UTF_8, 100, "byte-order mark", 3);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            return new TextEncoding(StandardCharsets.UTF_16LE, 100, "byte-order mark", 2);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            return new TextEncoding(StandardCharsets.UTF_16BE, 100, "byte-order mark", 2);
        }
        return null;
    }

    private static boolean sameFamily(Charset a, Charset b) {
        String x = a.name().toUpperCase(java.util.Locale.ROOT);
        String y = b.name().toUpperCase(java.util.Locale.ROOT);
        return x.startsWith(y) || y.startsWith(x);
    }

    /** Whether the bytes are strict UTF-8; a sequence cut at the end of a truncated sample is allowed. */
    static boolean isStrictUtf8(byte[] bytes, boolean truncated) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        int end = bytes.length;
        if (truncated) {
            int back = 0;
            while (back < 3 && end - back - 1 >= 0 && (bytes[end - back - 1] & 0xC0) == 0x80) {
                back++;
            }
            if (end - back - 1 >= 0 && (bytes[end - back - 1] & 0xC0) == 0xC0) {
                end = end - back - 1;
            }
        }
        try {
            decoder.decode(ByteBuffer.wrap(bytes, 0, end));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** A short description for reports: {@code UTF-8 (valid UTF-8, confidence 100)}. */
    public String describe() {
        return charset.name() + " (" + how + (how.equals("as given") ? "" : ", confidence " + confidence) + ")";
    }
}
