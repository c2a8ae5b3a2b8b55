package io.hookwright.dsl.load;

import io.hookwright.dsl.model.Template;

/** What {@code template('x.ftl')} gives {@code body}: a template file, or null when it could not be read. */
public record TemplateFile(Template template) {
}
