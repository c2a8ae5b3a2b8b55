package io.hookwright.server.api;

/**
 * The answer of {@code POST /admin/reload}: the revision now running, how many webhooks it defines, and of its
 * definition files how many were compiled again (the others had not changed since the last load).
 */
public record ReloadJson(String revision, int webhooks, int files, int compiledFiles) {
}
