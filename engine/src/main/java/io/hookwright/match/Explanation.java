package io.hookwright.match;

/** Whether a criterion holds for an event, said in words: "Budget 5000 is not > 10000". */
public record Explanation(boolean holds, String text) {
    static Explanation of(boolean holds, String whenHolds, String whenNot) {
        return new Explanation(holds, holds ? whenHolds : whenNot);
    }
}
