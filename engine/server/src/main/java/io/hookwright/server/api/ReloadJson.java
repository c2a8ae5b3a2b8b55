package io.hookwright.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The answer of {@code POST /admin/reload}: the revision now running, how many webhooks it defines, of its definition
 * files how many were compiled again (the others had not changed since the last load), and warnings
 * ({@code file:line:col: message}) such as a secret a webhook names that is not set; left out when there is none.
 */
public record ReloadJson(String revision, int webhooks, int files, int compiledFiles,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings) {
}
