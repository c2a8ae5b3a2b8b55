package io.hookwright.cli;

/** Who runs a command that changes a webhook's state: the user the operating system says, as operational events tell. */
final class Operator {
    private Operator() {
    }

    static String name() {
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? io.hookwright.execution.Engine.OPERATOR : user;
    }
}
