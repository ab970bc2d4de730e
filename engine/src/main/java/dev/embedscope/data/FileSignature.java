package dev.embedscope.data;

import java.util.Locale;

/**
 * Says what a file that is not data embedscope reads appears to be, from its first bytes, and what to do
 * about it: text in UTF-16 or UTF-32, IDX of another element type, archives and compressed files other
 * than gzip, single images, pickles, HDF5, Parquet, PDF; otherwise the bytes found, in hex.
 */
public final class FileSignature {

    /** The bytes {@link #describe} looks at. */
    public static final int HEAD = 8;

    private FileSignature() {
    }

    /** One clause: what the bytes look like and what to do, e.g. "UTF-16 text (byte-order mark ff fe); …". */
    public static String describe(byte[] head) {
        String found = found(head);
        if (found != null) {
            return found;
        }
        return "unknown binary format, starting " + hex(head) + " " + ascii(head) + " (expected IDX: 00 00 08 03, "
                + "NPY: 93 'NUMPY', or CSV/TSV text)";
    }

    private static String found(byte[] h) {
        if (starts(h, 0xff, 0xfe, 0, 0) || starts(h, 0, 0, 0xfe, 0xff)) {
            return "UTF-32 text (byte-order mark " + hex(java.util.Arrays.copyOf(h, 4)) + "); save it as UTF-8";
        }
        if (starts(h, 0xff, 0xfe) || starts(h, 0xfe, 0xff)) {
            return "UTF-16 text (byte-order mark " + hex(java.util.Arrays.copyOf(h, 2)) + "); save it as UTF-8, "
                    + "e.g. iconv -f UTF-16 -t UTF-8";
        }
        if (utf16WithoutMark(h)) {
            return "UTF-16 text without a byte-order mark (every other byte is 0); save it as UTF-8, e.g. iconv -f "
                    + "UTF-16" + (h[0] == 0 ? "BE" : "LE") + " -t UTF-8";
        }
        if (h.length >= 4 && h[0] == 0 && h[1] == 0 && idxType(h[2]) != null) {
            String type = idxType(h[2]);
            int dims = h[3] & 0xff;
            return String.format(Locale.ROOT, "IDX magic 0x%02x%02x%02x%02x: %s with %d dimension%s; embedscope "
                    + "reads unsigned-byte IDX (images 0x00000803, labels 0x00000801): save the array as NPY",
                    h[0], h[1], h[2], h[3], type, dims, dims == 1 ? "" : "s");
        }
        if (starts(h, 'P', 'K', 3, 4)) {
            return "a ZIP archive; unpack it and point at what it holds";
        }
        if (starts(h, 0x89, 'P', 'N', 'G')) {
            return "a single PNG image; put images in one sub-folder per class and point at the folder";
        }
        if (starts(h, 0xff, 0xd8, 0xff)) {
            return "a single JPEG image; put images in one sub-folder per class and point at the folder";
        }
        if (starts(h, 'G', 'I', 'F', '8') || starts(h, 'B', 'M')) {
            return "a single image; put images in one sub-folder per class and point at the folder";
        }
        if (starts(h, 'B', 'Z', 'h')) {
            return "bzip2-compressed; decompress it (bunzip2) or compress it with gzip, which is read directly";
        }
        if (starts(h, 0xfd, '7', 'z', 'X', 'Z')) {
            return "xz-compressed; decompress it (unxz) or compress it with gzip, which is read directly";
        }
        if (starts(h, 0x28, 0xb5, 0x2f, 0xfd)) {
            return "zstd-compressed; decompress it (unzstd) or compress it with gzip, which is read directly";
        }
        if (starts(h, '7', 'z', 0xbc, 0xaf)) {
            return "a 7-Zip archive; unpack it and point at what it holds";
        }
        if (starts(h, 0x89, 'H', 'D', 'F')) {
            return "an HDF5 file; save the array with numpy.save as .npy";
        }
        if (starts(h, 'P', 'A', 'R', '1')) {
            return "a Parquet file; write it as CSV (e.g. pandas.read_parquet(f).to_csv(…))";
        }
        if (h.length >= 2 && (h[0] & 0xff) == 0x80 && h[1] >= 2 && h[1] <= 5) {
            return "a Python pickle; save the array with numpy.save as .npy";
        }
        if (starts(h, '%', 'P', 'D', 'F')) {
            return "a PDF document, not data";
        }
        return null;
    }

    static boolean utf16WithoutMark(byte[] h) {
        if (h.length < 4) {
            return false;
        }
        int zerosEven = 0;
        int zerosOdd = 0;
        for (int i = 0; i < h.length; i++) {
            if (h[i] == 0) {
                if (i % 2 == 0) {
                    zerosEven++;
                } else {
                    zerosOdd++;
                }
            } else if (h[i] < 9) {
                return false;
            }
        }
        int half = h.length / 2;
        return zerosEven == half && zerosOdd == 0 || zerosOdd == half && zerosEven == 0;
    }

    private static String idxType(byte code) {
        return switch (code) {
            case 0x08 -> "unsigned bytes";
            case 0x09 -> "signed bytes";
            case 0x0b -> "16-bit integers";
            case 0x0c -> "32-bit integers";
            case 0x0d -> "32-bit floats";
            case 0x0e -> "64-bit floats";
            default -> null;
        };
    }

    private static boolean starts(byte[] h, int... bytes) {
        if (h.length < bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((h[i] & 0xff) != (bytes[i] & 0xff)) {
                return false;
            }
        }
        return true;
    }

    static String hex(byte[] h) {
        StringBuilder b = new StringBuilder();
        for (byte x : h) {
            b.append(b.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%02x", x & 0xff));
        }
        return b.toString();
    }

    private static String ascii(byte[] h) {
        StringBuilder b = new StringBuilder("'");
        for (byte x : h) {
            b.append(x >= 32 && x < 127 ? (char) x : '.');
        }
        return b.append("'").toString();
    }
}
