package io.hookwright.render;

import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateScalarModel;
import io.hookwright.dsl.regex.BoundedRegex;
import io.hookwright.dsl.regex.RegexLimitException;
import io.hookwright.dsl.regex.RegexRefusedException;

import java.util.List;

/**
 * {@code matches(text, regex)}: whether the whole text matches, with the limits of every definition regex
 * ({@link BoundedRegex}). It takes the place of FreeMarker's {@code ?matches}, whose matcher no limit can stop.
 */
final class MatchesFunction implements TemplateMethodModelEx {
    @Override
    public Object exec(@SuppressWarnings("rawtypes") List arguments) throws TemplateModelException {
        if (arguments.size() != 2) {
            throw new TemplateModelException("matches(text, regex) takes a text and a regular expression");
        }
        String text = text(arguments.get(0), "its text");
        String regex = text(arguments.get(1), "its regular expression");
        if (text == null) {
            return false;
        }
        try {
            return BoundedRegex.compile(regex).matches(text, BoundedRegex.DEFAULT_BUDGET);
        } catch (RegexRefusedException | RegexLimitException e) {
            throw new TemplateModelException("matches(…): " + e.getMessage());
        }
    }

    private static String text(Object argument, String what) throws TemplateModelException {
        if (argument == null) {
            return null;
        }
        if (argument instanceof TemplateScalarModel scalar) {
            return scalar.getAsString();
        }
        throw new TemplateModelException("matches(text, regex): " + what + " must be text, not "
                + ((TemplateModel) argument).getClass().getSimpleName().replace("Simple", "").toLowerCase());
    }
}
