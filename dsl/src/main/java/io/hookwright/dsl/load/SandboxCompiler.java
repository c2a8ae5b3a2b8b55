package io.hookwright.dsl.load;

import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyCodeSource;
import groovy.transform.ThreadInterrupt;
import io.hookwright.dsl.model.DefinitionError;
import org.codehaus.groovy.ast.AnnotatedNode;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.ImportNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.ASTTransformationCustomizer;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SimpleMessage;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Compiles one definition file in three steps, so that no user code runs before it has been checked:
 * <ol>
 *   <li>parse only, and refuse annotations and imports (compile-time annotations such as {@code @ASTTest}
 *       or {@code @Grab} would run code while compiling; global AST transformations are switched off);</li>
 *   <li>resolve names and check the whole tree against {@link SandboxVerifier}'s allow-list;</li>
 *   <li>compile for real, with comparisons rewritten, every value access routed through {@link SandboxRuntime}
 *       (see {@link AccessGuard}) and interrupt checks in every loop and closure.</li>
 * </ol>
 */
final class SandboxCompiler {
    /**
     * The compiled script, or null when the file must not run; {@code errors} are then every error found, else
     * those that do not stop the file from running ({@link SandboxVerifier#softErrors()}).
     */
    record Outcome(Class<?> scriptClass, CallSites sites, List<DefinitionError> errors) {
    }

    private static final Set<String> GLOBAL_TRANSFORMS = globalTransforms();

    private final long stackBytes;

    SandboxCompiler() {
        this(DefinitionLimits.COMPILER_STACK_BYTES);
    }

    /** A compiler whose thread has this stack: tests give it a small one to see an overflow handled. */
    SandboxCompiler(long stackBytes) {
        this.stackBytes = stackBytes;
    }

    /**
     * Compiles a file that is within {@link DefinitionLimits}, on a thread of its own with a stack of known size;
     * whatever goes wrong in Groovy's compiler is an error of this file, never an exception to the caller.
     */
    Outcome compile(String file, String text) {
        if (text.length() > DefinitionLimits.MAX_FILE_BYTES) {
            return failed(file, "the file is longer than " + DefinitionLimits.MAX_FILE_BYTES / 1024 + " KiB: split it");
        }
        Optional<DefinitionError> crossed = SourceLimits.check(file, text);
        if (crossed.isPresent()) {
            return new Outcome(null, null, List.of(crossed.get()));
        }
        AtomicReference<Outcome> outcome = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread compiling = Thread.ofPlatform().daemon().name("hookwright-compile-" + file)
                .stackSize(stackBytes).unstarted(() -> {
                    try {
                        outcome.set(checkedCompile(file, text));
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                });
        compiling.start();
        try {
            compiling.join();
        } catch (InterruptedException e) {
            compiling.interrupt();
            Thread.currentThread().interrupt();
            return failed(file, "compiling was interrupted");
        }
        if (failure.get() instanceof StackOverflowError) {
            return failed(file, "the compiler ran out of stack on this file: its brackets nest too deep or its "
                    + "expressions are too long; make them shorter");
        }
        if (failure.get() != null) {
            // Groovy's own failure (its message speaks of its internals): the file still gets a plain error
            return failed(file, "the compiler failed on this file (" + failure.get().getClass().getSimpleName()
                    + "): simplify it, or split it into several files");
        }
        return outcome.get();
    }

    private static Outcome failed(String file, String message) {
        return new Outcome(null, null, List.of(new DefinitionError(file, 1, 1, message)));
    }

    private Outcome checkedCompile(String file, String text) {
        List<DefinitionError> errors = new ArrayList<>();
        CompilerConfiguration checking = configuration();
        CompilationUnit unit = new CompilationUnit(checking, null, new GroovyClassLoader(loader(), checking));
        SourceUnit source = unit.addSource(file, text);
        if (!run(unit, Phases.CONVERSION, source, file, errors)) {
            return new Outcome(null, null, SyntaxHelp.explain(file, text, errors));
        }
        if (source.getAST() == null) {
            return failed(file, "the compiler could not read this file: make its expressions shorter");
        }
        errors.addAll(new AnnotationRefusal(source, file).check(source.getAST()));
        if (!errors.isEmpty() || !run(unit, Phases.CANONICALIZATION, source, file, errors)) {
            return new Outcome(null, null, errors);
        }
        SandboxVerifier verifier = new SandboxVerifier(source, file, text);
        verifier.verify(source.getAST());
        if (!verifier.errors().isEmpty()) {
            List<DefinitionError> all = new ArrayList<>(verifier.errors());
            all.addAll(verifier.softErrors());
            return new Outcome(null, verifier.sites(), all);
        }
        CompilerConfiguration running = configuration();
        running.setScriptBaseClass(DefinitionScript.class.getName());
        running.addCompilationCustomizers(new ComparisonRewriter(), new AccessGuard(),
                new ASTTransformationCustomizer(ThreadInterrupt.class));
        try (GroovyClassLoader classes = new GroovyClassLoader(loader(), running)) {
            Class<?> type = classes.parseClass(new GroovyCodeSource(text, scriptName(file), "/hookwright/definitions"), false);
            return new Outcome(type, verifier.sites(), verifier.softErrors());
        } catch (CompilationFailedException e) {
            errors.add(new DefinitionError(file, 1, 1, compileFailure(e.getMessage())));
            return new Outcome(null, verifier.sites(), errors);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Groovy's "startup failed" text in plain words: its first line, or what to do about a too large script. */
    private static String compileFailure(String message) {
        String text = message == null ? "" : message.replaceFirst("^startup failed:\\s*", "");
        if (text.contains("Method too large") || text.contains("Code too large")) {
            return "the file is too large to compile as one script: split it into several files";
        }
        return "could not compile: " + text.lines().findFirst().orElse("").strip();
    }

    /** The name the compiled script carries, also the file name its stack frames report. */
    static String scriptName(String file) {
        return file;
    }

    private static ClassLoader loader() {
        return SandboxCompiler.class.getClassLoader();
    }

    private static CompilerConfiguration configuration() {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setDisabledGlobalASTTransformations(GLOBAL_TRANSFORMS);
        config.setTolerance(100);
        return config;
    }

    private static boolean run(CompilationUnit unit, int phase, SourceUnit source, String file,
                               List<DefinitionError> errors) {
        try {
            unit.compile(phase);
        } catch (CompilationFailedException e) {
            // reported through the error collector below
        }
        if (!source.getErrorCollector().hasErrors()) {
            return true;
        }
        for (Message message : source.getErrorCollector().getErrors()) {
            errors.add(toError(file, message));
        }
        return false;
    }

    private static DefinitionError toError(String file, Message message) {
        if (message instanceof SyntaxErrorMessage syntax) {
            SyntaxException cause = syntax.getCause();
            return new DefinitionError(file, Math.max(cause.getLine(), 1), Math.max(cause.getStartColumn(), 1),
                    cause.getOriginalMessage());
        }
        if (message instanceof SimpleMessage simple) {
            return new DefinitionError(file, 1, 1, simple.getMessage());
        }
        if (message instanceof ExceptionMessage exception) {
            return new DefinitionError(file, 1, 1, String.valueOf(exception.getCause().getMessage()));
        }
        return new DefinitionError(file, 1, 1, message.toString());
    }

    /** Every global AST transformation on the class path: the sandbox switches them all off. */
    private static Set<String> globalTransforms() {
        Set<String> names = new HashSet<>();
        try {
            Enumeration<URL> services = loader().getResources(
                    "META-INF/groovy/org.codehaus.groovy.transform.ASTTransformation");
            collect(services, names);
            collect(loader().getResources("META-INF/services/org.codehaus.groovy.transform.ASTTransformation"), names);
        } catch (IOException e) {
            throw new IllegalStateException("cannot list Groovy's global AST transformations", e);
        }
        names.add("groovy.grape.GrabAnnotationTransformation");
        return names;
    }

    private static void collect(Enumeration<URL> services, Set<String> names) throws IOException {
        while (services.hasMoreElements()) {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(services.nextElement().openStream(), StandardCharsets.UTF_8))) {
                reader.lines().map(l -> l.replaceAll("#.*", "").trim()).filter(l -> !l.isEmpty()).forEach(names::add);
            }
        }
    }

    /** Refuses every annotation, wherever it is written, before any later compile phase can act on it. */
    private static final class AnnotationRefusal extends ClassCodeVisitorSupport {
        private final SourceUnit source;
        private final String file;
        private final List<DefinitionError> errors = new ArrayList<>();

        AnnotationRefusal(SourceUnit source, String file) {
            this.source = source;
            this.file = file;
        }

        List<DefinitionError> check(ModuleNode module) {
            for (ImportNode node : module.getImports()) {
                visitAnnotations(node);
            }
            if (module.getPackage() != null) {
                visitAnnotations(module.getPackage());
            }
            for (ClassNode type : module.getClasses()) {
                visitClass(type);
            }
            return List.copyOf(new java.util.LinkedHashSet<>(errors));
        }

        @Override
        protected SourceUnit getSourceUnit() {
            return source;
        }

        @Override
        public void visitAnnotations(AnnotatedNode node) {
            node.getAnnotations().forEach(a -> errors.add(new DefinitionError(file, Math.max(a.getLineNumber(), 1),
                    Math.max(a.getColumnNumber(), 1), "annotations (@" + a.getClassNode().getNameWithoutPackage()
                    + ") are not allowed in a definition file")));
        }

        @Override
        public void visitDeclarationExpression(DeclarationExpression expression) {
            visitAnnotations(expression);
            super.visitDeclarationExpression(expression);
        }

        @Override
        public void visitClosureExpression(ClosureExpression closure) {
            if (closure.getParameters() != null) {
                for (Parameter parameter : closure.getParameters()) {
                    visitAnnotations(parameter);
                }
            }
            super.visitClosureExpression(closure);
        }

        @Override
        protected void visitConstructorOrMethod(org.codehaus.groovy.ast.MethodNode node, boolean isConstructor) {
            for (Parameter parameter : node.getParameters()) {
                visitAnnotations(parameter);
            }
            super.visitConstructorOrMethod(node, isConstructor);
        }
    }
}
