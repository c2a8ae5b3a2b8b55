package io.hookwright.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hookwright --help} names every command, and each command's help names the options it shares. */
class HelpTest {
    private static final List<String> COMMANDS = List.of("validate", "dry-run", "test-send", "runs", "redeliver",
            "webhooks", "activate", "deactivate");

    @Test
    void theTopLevelHelpListsEveryCommand() {
        String help = Cli.run("--help").exits(0).out();
        for (String command : COMMANDS) {
            assertTrue(help.lines().anyMatch(l -> l.strip().startsWith(command + " ")), command + " missing from:\n" + help);
        }
    }

    @Test
    void everyCommandOnTheStoreTakesDbAndDbUrl() {
        for (String command : List.of("test-send", "runs", "redeliver", "webhooks", "activate", "deactivate")) {
            String help = Cli.run(command, "--help").exits(0).out();
            assertTrue(help.contains("--db=FILE") && help.contains("--db-url=JDBC_URL"), command + ":\n" + help);
        }
    }

    @Test
    void everyCommandThatSendsTakesSecretsAllowTargetAndRequireHttps() {
        for (String command : List.of("test-send", "redeliver")) {
            String help = Cli.run(command, "--help").exits(0).out();
            assertTrue(help.contains("--secrets=FILE") && help.contains("--allow-target=HOST[:PORT]|CIDR")
                    && help.contains("--require-https"), command + ":\n" + help);
        }
    }
}
