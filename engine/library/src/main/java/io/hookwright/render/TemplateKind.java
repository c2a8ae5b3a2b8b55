package io.hookwright.render;

import freemarker.core.OutputFormat;
import freemarker.core.UndefinedOutputFormat;

/** Where a template's output goes, which decides how the values it inserts are escaped. */
enum TemplateKind {
    /** Inserted values are percent-encoded. */
    URL(UrlOutputFormat.INSTANCE),
    /** Inserted values are written as they are; a line break in the result is refused when rendering. */
    HEADER(UndefinedOutputFormat.INSTANCE),
    /** A body declared JSON: inserted values are escaped as JSON string content, {@code json(x)} writes JSON. */
    JSON_BODY(JsonOutputFormat.INSTANCE),
    /** Any other body: inserted values are written as they are. */
    TEXT_BODY(UndefinedOutputFormat.INSTANCE);

    private final OutputFormat outputFormat;

    TemplateKind(OutputFormat outputFormat) {
        this.outputFormat = outputFormat;
    }

    OutputFormat outputFormat() {
        return outputFormat;
    }
}
