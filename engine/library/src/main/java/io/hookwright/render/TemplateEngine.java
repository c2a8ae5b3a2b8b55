package io.hookwright.render;

import freemarker.core.ParseException;
import freemarker.core.TemplateClassResolver;
import freemarker.core.TemplateConfiguration;
import freemarker.core._CoreAPI;
import freemarker.ext.beans.BeansWrapper;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapper;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.TemplateExceptionHandler;
import io.hookwright.dsl.model.DefinitionError;
import io.hookwright.dsl.model.SourcePosition;
import io.hookwright.dsl.model.Template;

import java.io.IOException;
import java.io.StringReader;
import java.util.Locale;
import java.util.TimeZone;

/**
 * The one FreeMarker configuration, sandboxed: templates see only the data model (maps, lists, text, numbers)
 * and cannot reach Java classes ({@code ?new} resolves nothing, {@code ?api} is off, objects expose no methods).
 */
public final class TemplateEngine {
    /** The longest template accepted, in characters; hand-written templates are a few KiB. */
    static final int MAX_SOURCE_CHARS = 256 * 1024;
    private final Configuration configuration;

    public TemplateEngine() {
        configuration = new Configuration(Configuration.VERSION_2_3_34);
        configuration.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        configuration.setAPIBuiltinEnabled(false);
        DefaultObjectWrapperBuilder wrapper = new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34);
        wrapper.setExposureLevel(BeansWrapper.EXPOSE_NOTHING);
        wrapper.setUseAdaptersForContainers(true);
        DefaultObjectWrapper built = wrapper.build();
        configuration.setObjectWrapper(built);
        configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        configuration.setLogTemplateExceptions(false);
        configuration.setWrapUncheckedExceptions(true);
        configuration.setFallbackOnNullLoopVariable(false);
        configuration.setNumberFormat("computer");
        configuration.setBooleanFormat("c");
        configuration.setLocale(Locale.ROOT);
        configuration.setTimeZone(TimeZone.getTimeZone("UTC"));
        configuration.setTemplateLoader(null);
    }

    Configuration configuration() {
        return configuration;
    }

    /**
     * Compiles a template for where its output goes, or says where its FreeMarker syntax is wrong or what in it is
     * refused (see {@link TemplateChecks}).
     */
    public Compiled compile(Template template, TemplateKind kind) {
        if (template.source().length() > MAX_SOURCE_CHARS) {
            return new Compiled(null, DefinitionError.at(template.origin(), "template is " + template.source().length()
                    + " characters long, more than the " + MAX_SOURCE_CHARS + " a template may have"));
        }
        try {
            freemarker.template.Template compiled = new freemarker.template.Template(template.name(), null,
                    new StringReader(template.source()), configuration, parserConfiguration(kind), null);
            TemplateChecks.Refusal refusal = TemplateChecks.check(compiled);
            if (refusal != null) {
                return new Compiled(null, DefinitionError.at(template.locate(refusal.line(), refusal.column()),
                        "template: " + refusal.message()));
            }
            // Loops and macro bodies then stop once the render's watchdog interrupts the thread.
            _CoreAPI.addThreadInterruptedChecks(compiled);
            return new Compiled(compiled, null);
        } catch (StackOverflowError e) {
            return new Compiled(null, DefinitionError.at(template.origin(), "template nests too deeply to be read: "
                    + "keep directives and expressions under " + TemplateChecks.MAX_DEPTH + " levels"));
        } catch (ParseException e) {
            SourcePosition at = template.locate(e.getLineNumber(), e.getColumnNumber());
            String message = e.getEditorMessage() == null ? e.getMessage() : e.getEditorMessage();
            return new Compiled(null, DefinitionError.at(at, "template syntax: " + firstLine(message)));
        } catch (IOException e) {
            return new Compiled(null, DefinitionError.at(template.origin(), "template cannot be read: " + e.getMessage()));
        }
    }

    private TemplateConfiguration parserConfiguration(TemplateKind kind) {
        TemplateConfiguration settings = new TemplateConfiguration();
        settings.setParentConfiguration(configuration);
        settings.setOutputFormat(kind.outputFormat());
        settings.setAutoEscapingPolicy(Configuration.ENABLE_IF_SUPPORTED_AUTO_ESCAPING_POLICY);
        return settings;
    }

    static String firstLine(String text) {
        return text == null ? "" : text.strip().lines().findFirst().orElse("");
    }

    /**
     * A FreeMarker error in one line. Its first line often ends with a colon and names the culprit on the next
     * ({@code The following has evaluated to null or missing:} / {@code ==> entity.attributes.Nope [in template…]}),
     * so that line is kept too.
     */
    static String summary(String message) {
        String first = firstLine(message);
        if (!first.endsWith(":")) {
            return first;
        }
        return message.strip().lines().skip(1).map(String::strip).filter(l -> !l.isEmpty()).findFirst()
                .filter(l -> !l.startsWith("----") && !l.startsWith("Tip:"))
                .map(l -> first + " " + l.replaceFirst("^==>\\s*", "").replaceFirst("\\s*\\[in template .*]$", ""))
                .orElse(first.substring(0, first.length() - 1));
    }

    /** A compiled template, or the error that stopped it. */
    public record Compiled(freemarker.template.Template template, DefinitionError error) {
    }
}
