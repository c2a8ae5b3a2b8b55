package io.hookwright.render;

import freemarker.template.SimpleScalar;
import freemarker.template.TemplateHashModel;
import freemarker.template.TemplateModel;

/** {@code secrets.NAME} in a template: a reference to the secret, never its value. */
final class SecretsModel implements TemplateHashModel {
    @Override
    public TemplateModel get(String name) {
        return new SimpleScalar(SecretRefs.ref(name));
    }

    @Override
    public boolean isEmpty() {
        return false;
    }
}
