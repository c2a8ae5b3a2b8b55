package io.hookwright.dsl.write;

import io.hookwright.dsl.load.DefinitionLimits;
import io.hookwright.dsl.load.SyntaxHelp;
import io.hookwright.dsl.model.DefinitionError;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.Statement;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.ErrorCollector;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code webhook('code') { … }} statements at the top level of a definition file, placed by Groovy's own parser
 * (so braces and quotes inside strings and comments cannot mislead it). Only parsed: nothing of the file is
 * compiled or run, and no AST transformation is applied.
 */
final class SourceBlocks {
    /** Groovy's parser recurses per bracket: it runs on a stack of known size, whatever thread asks. */
    private static final long PARSER_STACK_BYTES = 16L * 1024 * 1024;
    /** The name the parser and its messages give the text. */
    private static final String FILE = "definition.groovy";

    /** One top-level block: its code and its characters {@code [start, end)} in the text. */
    record Block(String code, int start, int end, int line) {
    }

    /** What parsing gave: the blocks in file order, or why the text does not parse. */
    record Scan(List<Block> blocks, Unparsable problem) {
    }

    private SourceBlocks() {
    }

    static Scan scan(String text) {
        if (text.length() > DefinitionLimits.MAX_FILE_BYTES) {
            return failed(1, 1, "the file is longer than " + DefinitionLimits.MAX_FILE_BYTES / 1024 + " KiB: split it");
        }
        AtomicReference<Scan> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread parsing = Thread.ofPlatform().daemon().name("hookwright-parse").stackSize(PARSER_STACK_BYTES)
                .unstarted(() -> {
                    try {
                        result.set(parse(text));
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                });
        parsing.start();
        try {
            parsing.join();
        } catch (InterruptedException e) {
            parsing.interrupt();
            Thread.currentThread().interrupt();
            return failed(1, 1, "parsing was interrupted");
        }
        if (failure.get() instanceof StackOverflowError) {
            return failed(1, 1, "the parser ran out of stack on this file: its brackets nest too deep");
        }
        if (failure.get() != null) {
            return failed(1, 1, "the parser failed on this file (" + failure.get().getClass().getSimpleName() + ")");
        }
        return result.get();
    }

    private static Scan failed(int line, int column, String message) {
        return new Scan(List.of(), new Unparsable(line, column, message));
    }

    private static Scan parse(String text) {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setTolerance(1);
        SourceUnit source = new SourceUnit(FILE, text, config, null, new ErrorCollector(config));
        ModuleNode module;
        try {
            source.parse();
            source.completePhase();
            source.nextPhase();
            source.convert();
            module = source.getAST();
        } catch (CompilationFailedException e) {
            return syntaxError(source, text);
        }
        if (source.getErrorCollector().hasErrors()) {
            return syntaxError(source, text);
        }
        Positions positions = new Positions(text);
        List<Block> blocks = new ArrayList<>();
        for (Statement statement : module.getStatementBlock().getStatements()) {
            String code = code(statement);
            if (code != null && statement.getLineNumber() > 0 && statement.getLastLineNumber() > 0) {
                blocks.add(new Block(code, positions.offset(statement.getLineNumber(), statement.getColumnNumber()),
                        positions.offset(statement.getLastLineNumber(), statement.getLastColumnNumber()),
                        statement.getLineNumber()));
            }
        }
        return new Scan(blocks, null);
    }

    /** The code of {@code webhook('code') …} written as one literal text, or null for any other statement. */
    private static String code(Statement statement) {
        if (!(statement instanceof ExpressionStatement expression)
                || !(expression.getExpression() instanceof MethodCallExpression call)
                || !call.isImplicitThis() || !"webhook".equals(call.getMethodAsString())
                || !(call.getArguments() instanceof TupleExpression arguments)
                || arguments.getExpressions().isEmpty()) {
            return null;
        }
        Expression first = arguments.getExpression(0);
        return first instanceof ConstantExpression constant && constant.getValue() instanceof String code ? code : null;
    }

    /** The first error, in the loader's plainer words (a bracket or quote left open is placed where it opens). */
    private static Scan syntaxError(SourceUnit source, String text) {
        List<DefinitionError> errors = new ArrayList<>();
        for (Message message : source.getErrorCollector().getErrors()) {
            if (message instanceof SyntaxErrorMessage syntax) {
                SyntaxException cause = syntax.getCause();
                errors.add(new DefinitionError(FILE, Math.max(cause.getLine(), 1), Math.max(cause.getStartColumn(), 1),
                        cause.getOriginalMessage()));
            }
        }
        if (errors.isEmpty()) {
            return failed(1, 1, "the file is not valid Groovy");
        }
        DefinitionError first = SyntaxHelp.explain(FILE, text, errors).get(0);
        return failed(first.line(), first.column(), first.message());
    }
}
