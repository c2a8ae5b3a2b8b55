package io.hookwright.dryrun;

import io.hookwright.definitions.CompiledDefinitions;
import io.hookwright.event.Event;
import io.hookwright.match.EventView;
import io.hookwright.match.Verdict;
import io.hookwright.render.RenderException;
import io.hookwright.render.RenderedRequest;
import io.hookwright.render.Renderer;
import io.hookwright.render.Secrets;

import java.util.ArrayList;
import java.util.List;

/** Shows what an event would do, sending nothing: every listening webhook judged, every match rendered and masked. */
public final class DryRun {
    private final CompiledDefinitions definitions;
    private final Secrets secrets;

    public DryRun(CompiledDefinitions definitions, Secrets secrets) {
        this.definitions = definitions;
        this.secrets = secrets;
    }

    public DryRunReport run(Event event) {
        EventView view = new EventView(event);
        Renderer renderer = new Renderer(event);
        List<WebhookOutcome> outcomes = new ArrayList<>();
        for (Verdict verdict : definitions.matcher().judge(view)) {
            var webhook = verdict.webhook();
            RenderedRequest request = null;
            String error = null;
            List<String> missing = List.of();
            if (verdict.matched()) {
                try {
                    RenderedRequest rendered = renderer.render(definitions.compiled(webhook.code()));
                    missing = rendered.secretNames().stream().filter(n -> !secrets.has(n)).toList();
                    List<String> signing = webhook.request().signingSecrets().stream().filter(n -> !secrets.has(n)).toList();
                    if (!signing.isEmpty()) {
                        missing = new ArrayList<>(missing);
                        missing.addAll(signing);
                    }
                    request = rendered.masked();
                } catch (RenderException e) {
                    error = e.getMessage();
                }
            }
            outcomes.add(new WebhookOutcome(webhook.code(), webhook.label().text(), webhook.execution().mode(),
                    verdict.matched(), verdict.reasons(), request, error, missing));
        }
        return new DryRunReport(event, outcomes);
    }
}
