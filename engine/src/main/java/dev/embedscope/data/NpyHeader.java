package dev.embedscope.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a NumPy {@code .npy} file (format versions 1.0, 2.0 and 3.0): element type, byte
 * order, memory order and shape, parsed from the Python dict literal numpy writes.
 */
record NpyHeader(SourceType type, int itemSize, ByteOrder order, boolean fortran, long[] shape, long dataOffset) {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    long elements() {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    static NpyHeader read(DataInputStream in, String name) throws IOException {
        byte[] magic = new byte[6];
        try {
            in.readFully(magic);
        } catch (EOFException e) {
            throw DataFormatException.at(name, "byte 0", "file ends before the 6-byte NPY magic string");
        }
        for (int i = 0; i < 6; i++) {
            if (magic[i] != MAGIC[i]) {
                throw DataFormatException.at(name, "byte 0", "not an NPY file (expected the magic string \\x93NUMPY)");
            }
        }
        int major;
        long headerLength;
        long offset;
        try {
            major = in.readUnsignedByte();
            in.readUnsignedByte();
            if (major == 1) {
                headerLength = in.readUnsignedByte() | (in.readUnsignedByte() << 8);
                offset = 10;
            } else if (major == 2 || major == 3) {
                headerLength = (in.readUnsignedByte() | (in.readUnsignedByte() << 8) | (in.readUnsignedByte() << 16))
                        | ((long) in.readUnsignedByte() << 24);
                offset = 12;
            } else {
                throw DataFormatException.at(name, "byte 6", "NPY format version " + major
                        + " is not supported (expected 1, 2 or 3)");
            }
        } catch (EOFException e) {
            throw DataFormatException.at(name, "byte 6", "file ends inside the NPY preamble");
        }
        if (headerLength > 1 << 24) {
            throw DataFormatException.at(name, "byte " + (offset - 4), "NPY header length " + headerLength
                    + " is implausible");
        }
        byte[] headerBytes = new byte[(int) headerLength];
        try {
            in.readFully(headerBytes);
        } catch (EOFException e) {
            throw DataFormatException.at(name, "byte " + offset, "file ends inside the NPY header (" + headerLength
                    + " bytes announced)");
        }
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String where = "NPY header";
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shape = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shape.find()) {
            throw DataFormatException.at(name, where,
                    "cannot read the header dict (expected 'descr', 'fortran_order' and 'shape'): " + header.trim());
        }
        String d = descr.group(1);
        if (d.length() < 3) {
            throw DataFormatException.at(name, where, "dtype '" + d + "' is not supported");
        }
        char orderChar = d.charAt(0);
        ByteOrder order = switch (orderChar) {
            case '<', '|' -> ByteOrder.LITTLE_ENDIAN;
            case '>' -> ByteOrder.BIG_ENDIAN;
            case '=' -> ByteOrder.nativeOrder();
            default -> throw DataFormatException.at(name, where, "dtype '" + d
                    + "' has an unknown byte order '" + orderChar + "'");
        };
        String kind = d.substring(1);
        SourceType type = switch (kind) {
            case "u1" -> SourceType.UINT8;
            case "i1" -> SourceType.INT8;
            case "b1" -> SourceType.BOOL;
            case "u2" -> SourceType.UINT16;
            case "i2" -> SourceType.INT16;
            case "u4" -> SourceType.UINT32;
            case "i4" -> SourceType.INT32;
            case "i8" -> SourceType.INT64;
            case "f2" -> SourceType.FLOAT16;
            case "f4" -> SourceType.FLOAT32;
            case "f8" -> SourceType.FLOAT64;
            default -> throw DataFormatException.at(name, where, "dtype '" + d
                    + "' is not supported (expected uint8, int8, bool, int16/32/64, uint16/32, float16/32/64)");
        };
        int itemSize = Integer.parseInt(kind.substring(1));
        List<Long> dims = new ArrayList<>();
        for (String part : shape.group(1).split(",")) {
            String p = part.trim();
            if (!p.isEmpty()) {
                try {
                    dims.add(Long.parseLong(p.endsWith("L") ? p.substring(0, p.length() - 1) : p));
                } catch (NumberFormatException e) {
                    throw DataFormatException.at(name, where, "shape entry '" + p + "' is not an integer");
                }
            }
        }
        long[] s = dims.stream().mapToLong(Long::longValue).toArray();
        return new NpyHeader(type, itemSize, order, fortran.group(1).equals("True"), s, offset + headerLength);
    }
}
