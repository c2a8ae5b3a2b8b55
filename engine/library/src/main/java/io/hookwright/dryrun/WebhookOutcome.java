package io.hookwright.dryrun;

import io.hookwright.render.RenderedRequest;

import java.util.List;

/**
 * What a dry-run found for one webhook listening to the event.
 *
 * @param request        the masked request, when it matched and rendered
 * @param error          why rendering failed, when it did
 * @param missingSecrets secrets the request needs that are not set here (it would fail to send)
 */
public record WebhookOutcome(String code, String label, String mode, boolean matched, List<String> reasons,
                             RenderedRequest request, String error, List<String> missingSecrets) {
    public WebhookOutcome {
        reasons = List.copyOf(reasons);
        missingSecrets = List.copyOf(missingSecrets);
    }
}
