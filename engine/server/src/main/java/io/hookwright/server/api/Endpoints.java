package io.hookwright.server.api;

import java.util.List;

/** Every endpoint the server serves. */
public final class Endpoints {
    public static final List<Class<?>> ALL = List.of(
            HealthResource.class,
            EventsResource.class,
            TransactionsResource.class,
            AdminResource.class,
            WebhooksResource.class,
            io.hookwright.authoring.AuthoringResource.class,
            RunsResource.class,
            DryRunResource.class,
            MetricsResource.class,
            // The web page: its routes, its style sheet, and what its routes answer instead of JSON problems.
            io.hookwright.server.page.LoginPage.class, io.hookwright.server.page.WebhookPages.class,
            io.hookwright.server.page.RunPages.class, io.hookwright.server.page.StyleSheet.class,
            io.hookwright.server.page.PageResponses.class);

    private Endpoints() {
    }
}
