package dev.embedscope.data;

/** The element type the features had in the file they came from, before they became float32. */
public enum SourceType {
    UINT8("uint8", true), INT8("int8", true), BOOL("bool", true), UINT16("uint16", true), INT16("int16", true),
    UINT32("uint32", true), INT32("int32", true), INT64("int64", true),
    FLOAT16("float16", false), FLOAT32("float32", false), FLOAT64("float64", false),
    TEXT("text", false);

    private final String label;
    private final boolean integral;

    SourceType(String label, boolean integral) {
        this.label = label;
        this.integral = integral;
    }

    /** True when the source type can only hold integers. */
    public boolean integral() {
        return integral;
    }

    @Override
    public String toString() {
        return label;
    }
}
