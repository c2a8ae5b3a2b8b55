package io.hookwright.render;

import freemarker.template.SimpleScalar;
import freemarker.template.TemplateHashModel;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;

/** {@code secrets.NAME} in a template: a reference to the secret, never its value. */
final class SecretsModel implements TemplateHashModel {
    private final String nonce;

    SecretsModel(String nonce) {
        this.nonce = nonce;
    }

    @Override
    public TemplateModel get(String name) throws TemplateModelException {
        if (!SecretRefs.isName(name)) {
            throw new TemplateModelException("'" + name + "' is not a secret name: use letters, digits and _");
        }
        return new SimpleScalar(SecretRefs.pending(nonce, name));
    }

    @Override
    public boolean isEmpty() {
        return false;
    }
}
