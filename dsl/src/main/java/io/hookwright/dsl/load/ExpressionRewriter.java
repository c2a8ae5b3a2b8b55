package io.hookwright.dsl.load;

import org.codehaus.groovy.ast.ClassCodeExpressionTransformer;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.stmt.CaseStatement;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;

import java.util.function.UnaryOperator;

/** A compile step that replaces expressions of a definition, closures' bodies included. */
abstract class ExpressionRewriter extends CompilationCustomizer {
    ExpressionRewriter() {
        super(CompilePhase.CANONICALIZATION);
    }

    /**
     * The replacement for {@code expression}, or null to keep it (its parts are still visited).
     *
     * @param rewrite applies this step to a part, for replacements built from rewritten parts
     */
    abstract Expression rewrite(Expression expression, UnaryOperator<Expression> rewrite);

    /** The value a {@code case} of a {@code switch} is tested with, already rewritten; by default unchanged. */
    Expression rewriteCase(Expression value) {
        return value;
    }

    @Override
    public final void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        new ClassCodeExpressionTransformer() {
            @Override
            protected SourceUnit getSourceUnit() {
                return source;
            }

            @Override
            public void visitCaseStatement(CaseStatement statement) {
                statement.setExpression(rewriteCase(transform(statement.getExpression())));
                statement.getCode().visit(this);
            }

            @Override
            public Expression transform(Expression expression) {
                if (expression instanceof ClosureExpression closure) {
                    closure.getCode().visit(this);
                    return closure;
                }
                Expression replaced = rewrite(expression, this::transform);
                return replaced != null ? replaced : super.transform(expression);
            }
        }.visitClass(classNode);
    }
}
