package io.hookwright.server.page;

import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.ext.beans.BeansWrapper;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/**
 * The web page's FreeMarker templates, read from the classpath beside this class. Every value is HTML-escaped on
 * output, and templates see only the maps, lists and text the pages hand them: no Java objects, no {@code ?new},
 * no {@code ?api}.
 */
final class PageTemplates {
    private static final Configuration CONFIGURATION = configuration();

    private PageTemplates() {
    }

    private static Configuration configuration() {
        Configuration c = new Configuration(Configuration.VERSION_2_3_34);
        c.setClassForTemplateLoading(PageTemplates.class, "");
        c.setOutputFormat(HTMLOutputFormat.INSTANCE);
        c.setAutoEscapingPolicy(Configuration.ENABLE_IF_SUPPORTED_AUTO_ESCAPING_POLICY);
        c.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        c.setAPIBuiltinEnabled(false);
        DefaultObjectWrapperBuilder wrapper = new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34);
        wrapper.setExposureLevel(BeansWrapper.EXPOSE_NOTHING);
        wrapper.setUseAdaptersForContainers(true);
        c.setObjectWrapper(wrapper.build());
        c.setDefaultEncoding("UTF-8");
        c.setURLEscapingCharset("UTF-8");
        c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        c.setLogTemplateExceptions(false);
        c.setWrapUncheckedExceptions(true);
        c.setFallbackOnNullLoopVariable(false);
        c.setNumberFormat("computer");
        c.setLocale(Locale.ROOT);
        c.setTimeZone(TimeZone.getTimeZone("UTC"));
        return c;
    }

    /** Renders {@code name} (a {@code .ftlh} file) with a model of maps, lists, text, numbers and booleans. */
    static String render(String name, Map<String, ?> model) {
        try {
            StringWriter out = new StringWriter();
            CONFIGURATION.getTemplate(name).process(model, out);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("page template " + name + " cannot be read", e);
        } catch (TemplateException e) {
            throw new IllegalStateException("page template " + name + " failed: " + e.getMessage(), e);
        }
    }
}
