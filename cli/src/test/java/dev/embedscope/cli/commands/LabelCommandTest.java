package dev.embedscope.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedscope.cli.CliRun;
import dev.embedscope.cli.render.Outputs;
import com.fasterxml.jackson.databind.JsonNode;
import dev.embedscope.data.FashionMnist;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The terminal session driven by scripted standard input. */
class LabelCommandTest {

    @TempDir
    Path dir;

    private final InputStream stdin = System.in;

    @AfterEach
    void restore() {
        System.setIn(stdin);
    }

    static CliRun withInput(String input, String... args) {
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        return CliRun.of(args);
    }

    @Test
    void answersUndoStopResumeAndScore() throws IOException {
        Path answers = dir.resolve("answers.json");
        int[] testLabels = FashionMnist.sample().test().labels();
        // first session: a wrong answer, an undo, a class name, an invalid entry, then stop
        CliRun first = withInput("9\nu\nsneaker\nnot-a-class\nq\n", "label", "sample", "--count", "4", "--seed", "3",
                "--answers", answers.toString(), "--colour", "always");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("\u2580") && first.out().contains("\u001b[38;2;"), "half-block image drawn");
        // the same session into a pipe (standard output is not a terminal in a test): no colour codes
        CliRun piped = withInput("q\n", "label", "sample", "--count", "4", "--seed", "3", "--answers",
                dir.resolve("piped.json").toString());
        assertEquals(0, piped.code(), piped.err());
        assertTrue(!piped.out().contains("\u001b"), "no escape codes into a pipe");
        assertTrue(first.out().contains("'not-a-class' is not a class"), first.out());
        JsonNode saved = Outputs.JSON.readTree(answers.toFile());
        assertEquals(4, saved.get("rows").size());
        assertEquals(List.of(7), List.of(saved.get("answers").get(0).asInt()));
        assertEquals(1, saved.get("answers").size());
        // second session resumes at image 2 and answers the rest with the true labels
        int[] rows = Outputs.JSON.treeToValue(saved.get("rows"), int[].class);
        String truth = testLabels[rows[1]] + "\n" + testLabels[rows[2]] + "\n" + testLabels[rows[3]] + "\n";
        CliRun second = withInput(truth, "label", "sample", "--count", "4", "--seed", "3", "--answers",
                answers.toString(), "--plain");
        assertEquals(0, second.code(), second.err());
        assertTrue(second.out().startsWith("Resuming " + answers + ": 1 of 4 answered."), second.out());
        JsonNode done = Outputs.JSON.readTree(answers.toFile());
        assertEquals(4, done.get("answers").size());
        int expectedCorrect = 3 + (testLabels[rows[0]] == 7 ? 1 : 0);
        assertEquals(expectedCorrect, done.get("score").get("correct").asInt());
        assertEquals(expectedCorrect / 4.0, done.get("score").get("accuracy").asDouble(), 1e-12);
        // scoring the file again without a terminal gives the same numbers
        CliRun score = CliRun.of("label", "sample", "--score", answers.toString());
        assertEquals(0, score.code(), score.err());
        assertTrue(score.out().startsWith(String.format("You labelled 4 image(s): %d agree",
                expectedCorrect)), score.out());
    }

    @Test
    void aOneSplitDatasetIsLabelledWithoutAskingForASplit() throws IOException {
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        Path labels = dir.resolve("train-labels-idx1-ubyte.gz");
        for (Path p : new Path[] {images, labels}) {
            try (InputStream in = LabelCommandTest.class.getResourceAsStream("/dev/embedscope/data/sample/"
                    + p.getFileName())) {
                java.nio.file.Files.copy(in, p);
            }
        }
        Path answers = dir.resolve("one.json");
        CliRun r = withInput("q\n", "label", images.toString(), "--count", "2", "--answers", answers.toString(),
                "--plain");
        assertEquals(0, r.code(), r.err());
        assertEquals("train", Outputs.JSON.readTree(answers.toFile()).get("split").asText());
        CliRun test = withInput("q\n", "label", images.toString(), "--split", "test", "--answers",
                answers.toString());
        assertEquals(1, test.code());
        assertEquals("embedscope: --split test: the data has only one split\n", test.err());
    }

    @Test
    void classNamesAndNumbersParse() {
        List<String> names = FashionMnist.CLASS_NAMES;
        assertEquals(9, LabelCommand.parse("ankle boot", names));
        assertEquals(9, LabelCommand.parse("9", names));
        assertEquals(1, LabelCommand.parse("tro", names));
        assertEquals(-1, LabelCommand.parse("s", names)); // Sandal, Shirt, Sneaker: ambiguous
        assertEquals(-1, LabelCommand.parse("10", names));
    }

    @Test
    void brokenAnswersFileIsOneLine() throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"rows\": [1, 2]}");
        CliRun r = CliRun.of("label", "sample", "--score", bad.toString());
        assertEquals(1, r.code());
        assertEquals("embedscope: " + bad
                + ": not an answers file written by 'embedscope label' (expected 'rows' and 'answers')\n", r.err());
    }
}
