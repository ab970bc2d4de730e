package dev.embedscope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder of NPY shards reads as the rows and labels written into it, in shard order, as one or two splits. */
class NpyShardsTest {

    @TempDir
    Path dir;

    private static void writeShard(Path folder, String part, float[] rows, int n, int d, int[] labels)
            throws IOException {
        Files.createDirectories(folder);
        try (OutputStream out = Files.newOutputStream(folder.resolve(part + ".npy"))) {
            NpyWriter.writeFloat32(rows, n, d, out);
        }
        if (labels != null) {
            try (OutputStream out = Files.newOutputStream(folder.resolve(part + ".labels.npy"))) {
                NpyWriter.writeInt32(labels, out);
            }
        }
    }

    @Test
    void readsShardsInNameOrderAsTrainAndTest() throws IOException {
        int d = 3;
        // written out of order: part-00010 must come after part-00002
        writeShard(dir.resolve("train"), "part-00010", new float[] {7, 8, 9}, 1, d, new int[] {2});
        writeShard(dir.resolve("train"), "part-00002", new float[] {1, 2, 3, 4, 5, 6}, 2, d, new int[] {0, 1});
        writeShard(dir.resolve("test"), "part-00000", new float[] {0.5f, 0, -1}, 1, d, new int[] {1});
        Files.writeString(dir.resolve(NpyShards.CLASSES_FILE), "cat\ndog\nbird\n", StandardCharsets.UTF_8);
        Splits s = DataLoader.load(dir.toString(), LoadOptions.defaults());
        assertEquals("train", s.train().name());
        assertEquals(3, s.train().rows());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, s.train().features().data().asFloat());
        assertArrayEquals(new int[] {0, 1, 2}, s.train().labels());
        assertEquals(java.util.List.of("cat", "dog", "bird"), s.train().classNames());
        assertArrayEquals(new float[] {0.5f, 0, -1}, s.test().features().data().asFloat());
        assertArrayEquals(new int[] {1}, s.test().labels());
    }

    @Test
    void oneFolderIsOneSplitWithNumberedClasses() throws IOException {
        writeShard(dir, "part-00000", new float[] {1, 2}, 2, 1, new int[] {3, 0});
        Splits s = DataLoader.load(dir.toString(), LoadOptions.defaults());
        assertEquals(null, s.test());
        assertEquals(Arrays.asList("0", "1", "2", "3"), s.train().classNames());
        assertTrue(NpyShards.looksLikeShards(dir));
    }

    private static void writeRows(Path folder, String part, long... ids) throws IOException {
        try (OutputStream out = Files.newOutputStream(folder.resolve(part + ".rows.npy"))) {
            NpyWriter.writeInt64(ids, out);
        }
    }

    @Test
    void rowNumbersBesideTheShardsPutRowsInTheirOrder() throws IOException {
        // Spark wrote the partition holding rows 2 and 0 first, then row 1
        writeShard(dir, "part-00000", new float[] {20, 21, 0, 1}, 2, 2, new int[] {2, 0});
        writeRows(dir, "part-00000", 2, 0);
        writeShard(dir, "part-00001", new float[] {10, 11}, 1, 2, new int[] {1});
        writeRows(dir, "part-00001", 1);
        Dataset d = DataLoader.load(dir.toString(), LoadOptions.defaults()).train();
        assertArrayEquals(new float[] {0, 1, 10, 11, 20, 21}, d.features().data().asFloat());
        assertArrayEquals(new int[] {0, 1, 2}, d.labels());
    }

    @Test
    void refusesRowNumbersGivenTwice() throws IOException {
        writeShard(dir, "part-00000", new float[] {1, 2}, 2, 1, null);
        writeRows(dir, "part-00000", 1, 1);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DataLoader.load(dir.toString(), LoadOptions.defaults()));
        assertTrue(e.getMessage().contains("row number 1 appears twice"), e.getMessage());
    }

    @Test
    void refusesLabelsBesideSomeShardsOnly() throws IOException {
        writeShard(dir, "part-00000", new float[] {1, 2}, 2, 1, new int[] {0, 1});
        writeShard(dir, "part-00001", new float[] {3}, 1, 1, null);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DataLoader.load(dir.toString(), LoadOptions.defaults()));
        assertTrue(e.getMessage().contains("1 of 2 shards"), e.getMessage());
    }

    @Test
    void refusesLabelsOfAnotherLength() throws IOException {
        writeShard(dir, "part-00000", new float[] {1, 2}, 2, 1, new int[] {0});
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> DataLoader.load(dir.toString(), LoadOptions.defaults()));
        assertTrue(e.getMessage().contains("1 labels for the 2 rows"), e.getMessage());
    }
}
