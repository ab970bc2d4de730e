package dev.embedscope.spark;

import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/** What every job over an input has: the top command (Spark settings, --verbose) and the input options. */
abstract class InputJob {
    @CommandLine.ParentCommand
    SparkMain main;
    @Mixin
    InputOptions input;
}
