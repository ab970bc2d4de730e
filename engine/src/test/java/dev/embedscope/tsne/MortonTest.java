package dev.embedscope.tsne;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The magic-number bit interleaving against the bit-by-bit definition. */
class MortonTest {

    static long naive(long q, int bits, int dims) {
        long out = 0;
        for (int b = 0; b < bits; b++) {
            out |= ((q >>> b) & 1L) << (b * dims);
        }
        return out;
    }

    @Test
    void spreadMatchesTheBitByBitDefinition() {
        SplittableRandom r = new SplittableRandom(1);
        for (int t = 0; t < 10000; t++) {
            long q2 = r.nextLong() & 0x7fffffffL;
            long q3 = r.nextLong() & 0x1fffffL;
            assertEquals(naive(q2, 31, 2), Morton.spread2(q2));
            assertEquals(naive(q3, 21, 3), Morton.spread3(q3));
        }
        assertEquals(naive(0x7fffffffL, 31, 2), Morton.spread2(0x7fffffffL));
        assertEquals(naive(0x1fffffL, 21, 3), Morton.spread3(0x1fffffL));
    }
}
