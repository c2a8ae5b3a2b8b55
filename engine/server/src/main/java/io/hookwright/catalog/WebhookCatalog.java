package io.hookwright.catalog;

import io.hookwright.git.GitRevisions;
import io.hookwright.dsl.model.EventPattern;
import io.hookwright.dsl.model.WebhookDefinition;
import io.hookwright.execution.LoadedDefinitions;
import io.hookwright.state.WebhookState;
import io.hookwright.state.WebhookStateStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The webhooks with their health, for the CLI, the REST API and the web page alike: the loaded definitions joined
 * with the stored states, filtered and sorted as operators ask.
 */
public final class WebhookCatalog {
    private final Supplier<LoadedDefinitions> definitions;
    private final WebhookStateStore states;
    private final Path folder;
    /** When each file was created, by revision: reading git history for it costs more than a listing should. */
    private final Map<String, Instant> created = new ConcurrentHashMap<>();

    /**
     * @param folder the definitions folder, where the files named by definitions are
     */
    public WebhookCatalog(Supplier<LoadedDefinitions> definitions, WebhookStateStore states, Path folder) {
        this.definitions = definitions;
        this.states = states;
        this.folder = folder;
    }

    public List<WebhookView> list(WebhookQuery query) {
        LoadedDefinitions loaded = definitions.get();
        Map<String, WebhookState> stored = states.all();
        List<WebhookView> views = new ArrayList<>();
        for (WebhookDefinition webhook : loaded.definitions().rules().webhooks()) {
            views.add(view(webhook, stored.getOrDefault(webhook.code(), WebhookState.fresh(webhook.code())), loaded));
        }
        stored.values().stream().filter(s -> loaded.definitions().webhook(s.code()).isEmpty())
                .forEach(s -> views.add(orphan(s)));
        return views.stream().filter(v -> matches(v, query)).sorted(order(query.sort())).toList();
    }

    public Optional<WebhookView> get(String code) {
        LoadedDefinitions loaded = definitions.get();
        WebhookState state = states.get(code);
        return loaded.definitions().webhook(code).map(w -> view(w.definition(), state, loaded))
                .or(() -> state.equals(WebhookState.fresh(code)) ? Optional.empty() : Optional.of(orphan(state)));
    }

    /** The file a webhook is defined in, under the definitions folder. */
    public Optional<Path> file(String code) {
        return definitions.get().definitions().webhook(code).map(w -> folder.resolve(w.definition().origin().file()));
    }

    private WebhookView view(WebhookDefinition w, WebhookState state, LoadedDefinitions loaded) {
        String status = !w.active() ? WebhookView.DISABLED : state.active() ? WebhookView.ACTIVE : WebhookView.DEACTIVATED;
        String file = w.origin().file();
        return new WebhookView(w.code(), w.label().text(), w.description(), w.owner().orElse(null),
                w.events().stream().map(EventPattern::toString).toList(), w.execution().mode(), w.request().method(),
                w.request().url().source(), file, created(file, loaded.revision()), status, state.consecutiveFailures(),
                state.lastFailure(), state.deactivatedAt(), state.deactivationReason(), true);
    }

    private static WebhookView orphan(WebhookState s) {
        return new WebhookView(s.code(), s.code(), null, null, List.of(), null, null, null, null, null,
                s.active() ? WebhookView.ACTIVE : WebhookView.DEACTIVATED, s.consecutiveFailures(), s.lastFailure(),
                s.deactivatedAt(), s.deactivationReason(), false);
    }

    private Instant created(String file, String revision) {
        return created.computeIfAbsent(revision + "\u0000" + file, k -> {
            Path path = folder.resolve(file);
            List<GitRevisions.Commit> history = GitRevisions.history(path, Integer.MAX_VALUE);
            if (!history.isEmpty()) {
                return history.get(history.size() - 1).date();
            }
            try {
                return Files.getLastModifiedTime(path).toInstant();
            } catch (IOException e) {
                return Instant.EPOCH;
            }
        });
    }

    private static boolean matches(WebhookView v, WebhookQuery q) {
        if (q.status() != null && !q.status().equals(v.status())) {
            return false;
        }
        if (q.event() != null && v.events().stream().map(EventPattern::parse)
                .noneMatch(p -> listensTo(p, q.event()))) {
            return false;
        }
        if (q.text() != null && !q.text().isBlank()) {
            String haystack = String.join("\n", nonNull(v.code()), nonNull(v.label()), nonNull(v.description()),
                    nonNull(v.owner()), nonNull(v.url())).toLowerCase(Locale.ROOT);
            for (String word : q.text().toLowerCase(Locale.ROOT).split("\\s+")) {
                if (!haystack.contains(word)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean listensTo(EventPattern pattern, String type) {
        int colon = type.indexOf(':');
        return colon > 0 && pattern.matches(type.substring(0, colon), type.substring(colon + 1));
    }

    private static Comparator<WebhookView> order(WebhookQuery.Sort sort) {
        Comparator<WebhookView> byCode = Comparator.comparing(WebhookView::code);
        Comparator<WebhookView> primary = switch (sort == null ? WebhookQuery.Sort.CODE : sort) {
            case CODE -> byCode;
            case URL -> Comparator.comparing(v -> nonNull(v.url()));
            case OWNER -> Comparator.comparing(v -> nonNull(v.owner()));
            case CREATED -> Comparator.comparing(v -> v.created() == null ? Instant.EPOCH : v.created());
            // Trouble first: deactivated, then disabled, then active.
            case STATUS -> Comparator.comparingInt(v -> switch (v.status()) {
                case WebhookView.DEACTIVATED -> 0;
                case WebhookView.DISABLED -> 1;
                default -> 2;
            });
        };
        return primary.thenComparing(byCode);
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
