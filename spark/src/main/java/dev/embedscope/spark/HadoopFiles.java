package dev.embedscope.spark;

import dev.embedscope.data.ByteSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Files on whatever file system a path names (local, HDFS, object stores), through Hadoop's FileSystem API
 * as Spark itself reads them, on the driver or an executor; without checksum side files on a local disk.
 */
final class HadoopFiles {

    private HadoopFiles() {
    }

    static FileSystem fs(String path) {
        try {
            FileSystem fs = new Path(path).getFileSystem(new Configuration());
            fs.setWriteChecksum(false);
            fs.setVerifyChecksum(false);
            return fs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean exists(String path) throws IOException {
        return fs(path).exists(new Path(path));
    }

    static boolean isDirectory(String path) throws IOException {
        FileSystem fs = fs(path);
        Path p = new Path(path);
        return fs.exists(p) && fs.getFileStatus(p).isDirectory();
    }

    /** The names of the files directly in a folder, sorted. */
    static List<String> list(String folder) throws IOException {
        List<String> out = new ArrayList<>();
        for (FileStatus s : fs(folder).listStatus(new Path(folder))) {
            if (s.isFile()) {
                out.add(s.getPath().getName());
            }
        }
        out.sort(null);
        return out;
    }

    /** The names of the folders directly in a folder (not hidden ones), sorted. */
    static List<String> listFolders(String folder) throws IOException {
        List<String> out = new ArrayList<>();
        for (FileStatus s : fs(folder).listStatus(new Path(folder))) {
            if (s.isDirectory() && !s.getPath().getName().startsWith(".") && !s.getPath().getName().startsWith("_")) {
                out.add(s.getPath().getName());
            }
        }
        out.sort(null);
        return out;
    }

    static String child(String folder, String name) {
        return new Path(new Path(folder), name).toString();
    }

    static ByteSource source(String path) {
        return new ByteSource() {
            @Override
            public String name() {
                return path;
            }

            @Override
            public InputStream openRaw() throws IOException {
                return fs(path).open(new Path(path));
            }
        };
    }

    static OutputStream create(String path) throws IOException {
        return fs(path).create(new Path(path), false);
    }

    static void mkdirs(String path) throws IOException {
        fs(path).mkdirs(new Path(path));
    }

    static void rename(String from, String to) throws IOException {
        if (!fs(from).rename(new Path(from), new Path(to))) {
            throw new IOException(to + ": cannot move the finished output there from " + from);
        }
    }

    static void deleteQuietly(String path) {
        try {
            fs(path).delete(new Path(path), true);
        } catch (IOException | RuntimeException ignored) {
            // best effort: a temporary folder left behind is named as such
        }
    }
}
