package io.hookwright.state;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which webhooks are deactivated, held in memory so deciding to send costs no query. It is updated when this engine
 * changes a state and refreshed from the store now and then, to see changes made elsewhere (the CLI, another node).
 */
public final class WebhookStatuses {
    private final WebhookStateStore store;
    private volatile Map<String, WebhookState> inactive = Map.of();

    public WebhookStatuses(WebhookStateStore store) {
        this.store = store;
    }

    public synchronized void refresh() {
        Map<String, WebhookState> now = new HashMap<>();
        store.all().values().stream().filter(s -> !s.active()).forEach(s -> now.put(s.code(), s));
        inactive = Map.copyOf(now);
    }

    /** The state of a deactivated webhook; empty while it is active. */
    public Optional<WebhookState> deactivated(String code) {
        return Optional.ofNullable(inactive.get(code));
    }

    public synchronized void update(WebhookState state) {
        Map<String, WebhookState> now = new HashMap<>(inactive);
        if (state.active()) {
            now.remove(state.code());
        } else {
            now.put(state.code(), state);
        }
        inactive = Map.copyOf(now);
    }
}
