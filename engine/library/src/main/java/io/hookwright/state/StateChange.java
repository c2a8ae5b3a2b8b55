package io.hookwright.state;

import java.time.Instant;

/**
 * One step of a webhook's trail: it was deactivated ({@code active} false) or activated at {@code at}.
 *
 * @param by     the operator's token name, or null when the engine did it (failures in a row, 410 Gone)
 * @param reason why it was deactivated; null for an activation
 */
public record StateChange(String code, Instant at, boolean active, String by, String reason) {
}
