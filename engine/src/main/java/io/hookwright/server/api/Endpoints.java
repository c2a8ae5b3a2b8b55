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
            RunsResource.class,
            DryRunResource.class,
            MetricsResource.class);

    private Endpoints() {
    }
}
