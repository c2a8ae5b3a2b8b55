package io.hookwright.cli;

import io.hookwright.definitions.CompiledDefinitions;
import io.hookwright.definitions.DefinitionCompiler;
import io.hookwright.git.GitRevisions;
import io.hookwright.dsl.model.RuleSet;
import io.hookwright.execution.LoadedDefinitions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code --definitions DIR}, compiled as the engine would run it. */
final class DefinitionsOption {
    private static final Path DEFAULT = Path.of("webhooks");

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--definitions", paramLabel = "DIR", description = "definitions folder (default: ./webhooks)")
    Path folder;

    Path folder() {
        return folder != null ? folder : DEFAULT;
    }

    /** The compiled definitions; a missing folder is a usage error, invalid definitions are printed and refused. */
    LoadedDefinitions load() {
        return load(new DefinitionCompiler());
    }

    /** Like {@link #load()}, with a compiler that then compiles only what changes (for reloads). */
    LoadedDefinitions load(DefinitionCompiler compiler) {
        Path dir = folder();
        if (!Files.isDirectory(dir)) {
            throw CommandFailure.usage("no definitions folder at " + dir + " (use --definitions DIR)");
        }
        DefinitionCompiler.Compilation compilation = compiler.compile(dir);
        if (!compilation.valid()) {
            PrintWriter err = command.commandLine().getErr();
            compilation.errors().forEach(e -> err.println(DefinitionErrors.shown(dir, e)));
            throw new CommandFailure(ExitCodes.INVALID, "the definitions in " + dir + " are not valid ("
                    + compilation.errors().size() + " error" + (compilation.errors().size() == 1 ? "" : "s") + ")");
        }
        return new LoadedDefinitions(compilation.definitions(), GitRevisions.INSTANCE.of(dir));
    }

    /**
     * Like {@link #load}, but when no folder was named and there is none at ./webhooks, no definitions: for commands
     * that only look up settings such as timeouts, which then take their defaults.
     */
    LoadedDefinitions loadIfPresent() {
        if (folder == null && !Files.isDirectory(DEFAULT)) {
            return new LoadedDefinitions(new CompiledDefinitions(new RuleSet(List.of()), List.of()), null);
        }
        return load();
    }
}
