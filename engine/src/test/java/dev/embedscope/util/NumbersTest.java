package dev.embedscope.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one number formatter, against hand-written expectations. */
class NumbersTest {

    @Test
    void numbersAreShortAndExact() {
        assertEquals("30", Numbers.num(30));
        assertEquals("-", Numbers.num(Double.NaN));
        assertEquals("0.5", Numbers.num(0.5));
        assertEquals("12.35", Numbers.num(12.345678));
        assertEquals("1.000e-04", Numbers.num(1e-4));
        assertEquals("2.500e+09", Numbers.num(2.5e9));
        assertEquals("-3", Numbers.num(-3));
    }

    @Test
    void durationsReadNaturally() {
        assertEquals("2.5 s", Numbers.duration(2.5));
        assertEquals("45 s", Numbers.duration(45));
        assertEquals("2 min 05 s", Numbers.duration(125));
        assertEquals("1 h 01 min", Numbers.duration(3660));
        assertEquals("4.2s", Numbers.compactDuration(4.2));
        assertEquals("2m05s", Numbers.compactDuration(125.4));
    }
}
