package io.hookwright.server.api;

/** The answer of {@code POST /admin/reload}: the revision now running and how many webhooks it defines. */
public record ReloadJson(String revision, int webhooks) {
}
