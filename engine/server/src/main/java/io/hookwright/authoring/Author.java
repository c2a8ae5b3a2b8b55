package io.hookwright.authoring;

import io.hookwright.server.auth.Caller;
import jakarta.ws.rs.core.SecurityContext;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who a commit is by, written as git writes it: {@code Anna Doe <anna.doe@company.com>}, or a name alone (the e-mail
 * then empty). Authoring takes authors in this form, so a token, a page's session and {@code --author} give the same.
 */
public record Author(String name, String email) {
    private static final Pattern IDENTITY = Pattern.compile("(.*?)\\s*<([^<>]*)>\\s*");
    /** Whoever writes without a caller: a server without tokens. */
    static final String ENGINE = "hookwright";

    public Author {
        name = name == null || name.isBlank() ? ENGINE : name.strip();
        email = email == null ? "" : email.strip();
    }

    /** {@code Name <mail>} or {@code Name}. */
    public static Author parse(String identity) {
        if (identity == null) {
            return new Author(null, null);
        }
        Matcher m = IDENTITY.matcher(identity);
        return m.matches() ? new Author(m.group(1), m.group(2)) : new Author(identity, null);
    }

    /** The caller of a request: its token's name and, when the tokens file gives one, its e-mail. */
    public static String of(SecurityContext caller) {
        if (caller.getUserPrincipal() instanceof Caller c) {
            return new Author(c.name(), c.email()).identity();
        }
        return caller.getUserPrincipal() == null ? ENGINE : caller.getUserPrincipal().getName();
    }

    /** {@code Name <mail>}, or the name alone without an e-mail. */
    public String identity() {
        return email.isEmpty() ? name : name + " <" + email + ">";
    }
}
