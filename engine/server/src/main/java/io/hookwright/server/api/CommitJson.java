package io.hookwright.server.api;

import io.hookwright.git.GitRevisions;

/** A commit of a definition file in {@code GET /webhooks/{code}/history}; the date is ISO-8601 text. */
public record CommitJson(String commit, String author, String email, String date, String message) {
    static CommitJson of(GitRevisions.Commit c) {
        return new CommitJson(c.id(), c.author(), c.email(), c.date().toString(), c.message());
    }
}
