package io.hookwright.cli;

import io.hookwright.definitions.DefinitionCompiler;
import io.hookwright.definitions.DefinitionWarnings;
import io.hookwright.definitions.UnsetSecrets;
import io.hookwright.dryrun.TerminalText;
import io.hookwright.dsl.model.DefinitionError;
import io.hookwright.render.Secrets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Compile a definitions folder and report every error as file:line:col: message, and every "
                + "warning (an event type the engine does not know) as warning: file:line:col: message.%n"
                + "Exit 0 when valid (warnings or not), 1 when not, 2 on a usage error.")
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "definitions folder (default: ./webhooks)")
    Path folder = Path.of("webhooks");

    @Option(names = "--secrets", paramLabel = "FILE", description = "also check that every secret the definitions name "
            + "(signingSecret, ${secrets.NAME}) is set, in this file (NAME=value lines) or as HOOKWRIGHT_SECRET_NAME")
    Path secretsFile;

    @Option(names = "--json", description = "machine output: {\"valid\", \"webhooks\", \"errors\": [{file, line, column, "
            + "message}], \"warnings\": [{file, line, column, message}]}")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(folder)) {
            throw CommandFailure.usage("no definitions folder at " + folder);
        }
        Secrets secrets = secretsFile == null ? null : secrets();
        DefinitionCompiler.Compilation compilation = new DefinitionCompiler().compile(folder);
        List<DefinitionError> found = compilation.valid() && secrets != null
                ? UnsetSecrets.in(compilation.definitions().rules(), secrets) : compilation.errors();
        List<DefinitionError> errors = found.stream().map(e -> DefinitionErrors.under(folder, e)).toList();
        boolean valid = errors.isEmpty();
        int count = valid ? compilation.definitions().size() : 0;
        // Unset secrets are errors here when --secrets asks for them, and not looked for otherwise (CI has none).
        List<DefinitionError> warnings = !valid ? List.of() : DefinitionWarnings.of(compilation.definitions().rules(),
                null).stream().map(w -> DefinitionErrors.under(folder, w)).toList();
        if (json) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("valid", valid);
            answer.put("webhooks", count);
            answer.put("errors", errors);
            answer.put("warnings", warnings);
            out.println(Json.pretty(answer));
        } else if (valid) {
            warnings.forEach(w -> err.println("warning: " + TerminalText.block(w.format())));
            err.flush();
            out.println(folder + ": " + count + " webhook" + (count == 1 ? "" : "s") + " in " + compilation.files()
                    + " file" + (compilation.files() == 1 ? "" : "s") + ", all valid"
                    + (warnings.isEmpty() ? "" : "; " + warnings.size() + " warning" + (warnings.size() == 1 ? "" : "s")));
        } else {
            errors.forEach(e -> err.println(TerminalText.block(e.format())));
            err.println(errors.size() + " error" + (errors.size() == 1 ? "" : "s") + " in " + folder);
        }
        out.flush();
        err.flush();
        return valid ? ExitCodes.OK : ExitCodes.INVALID;
    }

    private Secrets secrets() {
        try {
            return Secrets.load(System.getenv(), secretsFile);
        } catch (IOException e) {
            throw CommandFailure.usage("cannot read the secrets file " + secretsFile + ": " + e.getMessage());
        }
    }
}
