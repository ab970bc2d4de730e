package dev.embedscope.spark;

/**
 * What a job needs of row numbers when it opens its input: none (statistics), positions to be numbered later by
 * {@link RowNumbers} from the kept blocks (duplicates and copies, after a statistics pass), or numbers from the
 * start (a pass over the input before: the projection names every row).
 */
enum Numbering {
    NONE, POSITIONS, IDS
}
