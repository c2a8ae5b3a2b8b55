package io.hookwright.dsl.load;

import groovy.lang.GString;
import groovy.lang.GroovyObjectSupport;
import io.hookwright.dsl.model.Header;
import io.hookwright.dsl.model.RequestSpec;
import io.hookwright.dsl.model.SourcePosition;
import io.hookwright.dsl.model.Template;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The words of {@code request { … }}. */
public final class RequestContext extends GroovyObjectSupport {
    static final String TEMPLATES = "templates";
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9_]+");

    private final LoadSession session;
    private final String code;
    private String method;
    private Template url;
    private final List<Header> headers = new ArrayList<>();
    private Template body;
    private final List<String> signingSecrets = new ArrayList<>();
    /** A URL was written but was wrong (and reported): the webhook is not also told it has none. */
    private boolean targetError;

    RequestContext(LoadSession session, String code) {
        this.session = session;
        this.code = code;
    }

    public void get(Object url) {
        target("get", url);
    }

    public void post(Object url) {
        target("post", url);
    }

    public void put(Object url) {
        target("put", url);
    }

    public void patch(Object url) {
        target("patch", url);
    }

    public void delete(Object url) {
        target("delete", url);
    }

    private void target(String verb, Object text) {
        if (method != null) {
            session.error(verb, "the request already has " + method + " " + url.source() + "; a webhook sends one request");
            return;
        }
        Template template = inline(verb, 0, text, "URL of " + code);
        if (template == null) {
            targetError = true;
            return;
        }
        if (template.source().isBlank()) {
            targetError = true;
            session.error(verb, "the URL is empty: write " + verb + " 'https://…'");
            return;
        }
        method = verb.toUpperCase(Locale.ROOT);
        url = template;
    }

    /** {@code header 'Authorization', 'Bearer ${secrets.TOKEN}'}: the value is a template. */
    public void header(Object name, Object value) {
        if (!(name instanceof CharSequence n) || !HEADER_NAME.matcher(n).matches()) {
            session.error(session.argument("header", 0), Values.describe(name)
                    + " is not a valid header name (letters, digits and -)");
            return;
        }
        Template template = inline("header", 1, value, "header " + n + " of " + code);
        if (template != null) {
            headers.add(new Header(n.toString(), template));
        }
    }

    /** {@code body template('x.ftl')} or {@code body '''{"id": "${entity.id}"}'''}. */
    public void body(Object content) {
        if (body != null) {
            session.error("body", "the request already has a body; keep one");
            return;
        }
        if (content instanceof TemplateFile file) {
            body = file.template();
            return;
        }
        body = inline("body", 0, content, "body of " + code);
    }

    /**
     * {@code template('sharepoint_site.ftl')}: a file under the definitions folder's templates/, read through
     * {@link DefinitionFiles} (no link followed, only regular files, size limited).
     */
    public TemplateFile template(Object name) {
        SourcePosition at = session.argument("template", 0);
        String text = name instanceof CharSequence s ? s.toString() : "";
        String wrong = TemplateNames.problem(text);
        if (wrong != null) {
            session.error(at, "template needs a file name under templates/, e.g. template('site.ftl'): " + wrong);
            return new TemplateFile(null);
        }
        String relative = TEMPLATES + "/" + text;
        try {
            String source = DefinitionFiles.readText(session.folder(), relative);
            session.read(relative, source);
            return new TemplateFile(new Template(relative, source, SourcePosition.of(relative), false));
        } catch (DefinitionFiles.Refused refused) {
            session.error(at, refused.problem() == DefinitionFiles.Problem.NOT_FOUND
                    ? "template '" + text + "' not found: create " + relative + " next to the definitions"
                    : "template '" + text + "' cannot be used: " + refused.getMessage());
            return new TemplateFile(null);
        }
    }


    /** {@code signingSecret 'SP_SIGNING'}, or two names while rotating the secret. */
    public void signingSecret(Object... names) {
        List<Object> all = Values.flatten(names);
        if (all.isEmpty() || all.size() > 2) {
            session.error("signingSecret", "signingSecret takes one secret name, or two while rotating");
            return;
        }
        if (!signingSecrets.isEmpty()) {
            session.error("signingSecret", "the request already names its signing secret; write both names in one "
                    + "signingSecret 'NEW', 'OLD' while rotating");
            return;
        }
        for (int i = 0; i < all.size(); i++) {
            Object name = all.get(i);
            if (!(name instanceof String s) || !SECRET_NAME.matcher(s).matches()) {
                session.error(session.argument("signingSecret", i), Values.describe(name) + " is not a secret name: "
                        + "use letters, digits and _ (its value comes from HOOKWRIGHT_SECRET_<NAME> or the secrets file)");
            } else {
                signingSecrets.add(s);
            }
        }
    }

    private Template inline(String word, int argument, Object text, String name) {
        if (text instanceof GString) {
            session.error(session.argument(word, argument), "use single quotes for templates: in double quotes "
                    + "Groovy fills in \"${…}\" when the file loads, before any event exists");
            return null;
        }
        if (!(text instanceof String s)) {
            session.error(session.argument(word, argument), word + " takes a template in single quotes"
                    + (word.equals("body") ? " or template('file.ftl')" : "") + ", not " + Values.describe(text));
            return null;
        }
        return new Template(name, s, session.argument(word, argument), true);
    }

    /**
     * A word this block does not know, or one of its words given arguments it does not take. The loader has
     * already reported an unknown word (it only runs files whose unknown words cannot run anything); it is
     * recorded again here, at the same place, in case it was reached another way.
     */
    public Object methodMissing(String name, Object args) {
        session.error(name, Vocabulary.REQUEST.missing(name));
        return Ignored.INSTANCE;
    }

    boolean hadTargetError() {
        return targetError;
    }

    RequestSpec build() {
        if (url == null) {
            return null;
        }
        return new RequestSpec(method, url, headers, Optional.ofNullable(body), signingSecrets);
    }
}
