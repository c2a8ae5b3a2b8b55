package io.hookwright.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "delete", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Delete a webhook as serve's DELETE /webhooks/CODE does: its block is removed from its file (the "
                + "file too when nothing else is left in it), checked with the whole folder and committed.")
final class WebhookDeleteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CODE", description = "the webhook's code")
    String code;

    @Mixin
    DefinitionsOption definitions;

    @Mixin
    WriteOptions write;

    @Option(names = "--if-match", paramLabel = "REVISION", description = "refuse when the webhook changed since this "
            + "revision (default: the revision it is at now)")
    String ifMatch;

    @Option(names = "--json", description = "machine output: {code, commit} (with branch and push when they apply), "
            + "or {error, status, ...}")
    boolean json;

    @Override
    public Integer call() {
        WebhookWrites writes = WebhookWrites.open(spec, definitions, write, json);
        String author = writes.author();
        return writes.run("Deleted", code, () -> {
            String revision = ifMatch != null ? ifMatch : String.valueOf(writes.current(code).get("revision").asText());
            return writes.authoring().delete(code, "\"" + revision.replace("\"", "") + "\"", author, write.message);
        });
    }
}
