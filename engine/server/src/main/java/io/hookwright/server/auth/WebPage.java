package io.hookwright.server.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Routes of the web page: their caller is the browser's session (the {@link Sessions#COOKIE} cookie), never a bearer
 * token, and every POST must come from the page's own origin with its form's CSRF token. Everything else is the REST
 * API, which takes only {@code Authorization: Bearer}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WebPage {
}
