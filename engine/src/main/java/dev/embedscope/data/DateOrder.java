package dev.embedscope.data;

/** The order of day and month in dates written {@code a/b/yyyy}. */
public enum DateOrder {
    /** {@code dd/MM/yyyy}. */
    DAY_FIRST,
    /** {@code MM/dd/yyyy}. */
    MONTH_FIRST
}
