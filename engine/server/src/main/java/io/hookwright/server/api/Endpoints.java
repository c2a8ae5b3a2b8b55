package io.hookwright.server.api;

import java.util.List;
import java.util.stream.Stream;

/** Every endpoint the server serves. */
public final class Endpoints {
    /** The REST API, as {@code /openapi.json} describes it. */
    public static final List<Class<?>> API = List.of(
            HealthResource.class,
            OpenApiResource.class,
            EventsResource.class,
            TransactionsResource.class,
            AdminResource.class,
            WebhooksResource.class,
            io.hookwright.authoring.AuthoringResource.class,
            RunsResource.class,
            DryRunResource.class,
            MetricsResource.class);

    public static final List<Class<?>> ALL = Stream.concat(API.stream(), Stream.of(
            // The web page: its routes, its style sheet, and what its routes answer instead of JSON problems.
            io.hookwright.server.page.LoginPage.class, io.hookwright.server.page.WebhookPages.class,
            io.hookwright.server.page.RunPages.class, io.hookwright.server.page.StyleSheet.class,
            io.hookwright.server.page.WebhookEditPages.class, io.hookwright.server.page.WebhookDetailPage.class,
            io.hookwright.server.page.PageScript.class,
            io.hookwright.server.page.PageResponses.class)).toList();

    private Endpoints() {
    }
}
