package io.hookwright.match;

/**
 * Whether a criterion holds for an event, said in words: "Budget 5000 is not > 10000".
 *
 * @param undecided the criterion could not be judged (a regex or a {@code where} closure stopped at its limit); it
 *                  then does not hold, and neither does a {@code not { }} around it, so a webhook never fires
 *                  because something was cut short
 */
public record Explanation(boolean holds, String text, boolean undecided) {
    public Explanation(boolean holds, String text) {
        this(holds, text, false);
    }

    static Explanation of(boolean holds, String whenHolds, String whenNot) {
        return new Explanation(holds, holds ? whenHolds : whenNot);
    }

    static Explanation undecided(String why) {
        return new Explanation(false, why, true);
    }
}
