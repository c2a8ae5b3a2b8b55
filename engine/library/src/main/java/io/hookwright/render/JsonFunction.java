package io.hookwright.render;

import freemarker.core.Environment;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.DeepUnwrap;
import io.hookwright.event.EventJson;

import java.util.List;

/**
 * {@code json(x)}: writes any value of the data model as JSON (text quoted and escaped, null as null). In a JSON
 * body the result is JSON, written as it is; elsewhere it is text like any other (percent-encoded in a URL).
 */
final class JsonFunction implements TemplateMethodModelEx {
    @Override
    public Object exec(@SuppressWarnings("rawtypes") List arguments) throws TemplateModelException {
        if (arguments.size() != 1) {
            throw new TemplateModelException("json(x) takes exactly one value");
        }
        Object value = arguments.get(0) == null ? null : DeepUnwrap.unwrap((TemplateModel) arguments.get(0));
        String json = EventJson.write(value);
        Environment env = Environment.getCurrentEnvironment();
        if (env != null && env.getCurrentTemplate().getOutputFormat() instanceof JsonOutputFormat) {
            return JsonOutputFormat.INSTANCE.fromMarkup(json);
        }
        return json;
    }
}
