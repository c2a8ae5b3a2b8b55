package io.hookwright.cli;

import io.hookwright.server.auth.Scope;
import io.hookwright.server.auth.Tokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Make a new API token: prints the token (give it to the caller, it is not kept) and the line to "
                + "add to the tokens file of serve --tokens (it holds only the token's SHA-256).")
final class TokenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "who the token is for, e.g. ci-bot")
    String name;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "SCOPE",
            description = "webhooks:read, webhooks:write, events:write, runs:read, runs:redeliver or admin")
    List<String> scopes;

    @Option(names = "--email", paramLabel = "MAIL", description = "the e-mail that webhooks written with this token "
            + "are committed with (the token's name is the author's name)")
    String email;

    @Override
    public Integer call() {
        if (email != null && !email.matches("[^<>\\s]+@[^<>\\s]+")) {
            throw CommandFailure.usage("--email '" + email + "' is not an e-mail address");
        }
        if (!name.matches("[A-Za-z0-9_.@-]+")) {
            throw CommandFailure.usage("a token name is one word of letters, digits and . _ @ -, not '" + name + "'");
        }
        Set<Scope> granted = EnumSet.noneOf(Scope.class);
        for (String word : scopes) {
            granted.add(Scope.fromWord(word).orElseThrow(() -> CommandFailure.usage("unknown scope '" + word
                    + "': use " + Scope.all())));
        }
        String token = Tokens.newToken();
        PrintWriter out = spec.commandLine().getOut();
        out.println("token (give it to " + name + "; it is shown once and not kept):");
        out.println("  " + token);
        out.println("line for the tokens file:");
        out.println("  " + Tokens.line(name, email, granted, token));
        out.flush();
        return ExitCodes.OK;
    }
}
