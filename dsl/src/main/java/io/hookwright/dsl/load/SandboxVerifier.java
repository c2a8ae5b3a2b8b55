package io.hookwright.dsl.load;

import io.hookwright.dsl.model.DefinitionError;
import io.hookwright.dsl.model.SourcePosition;
import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.DynamicVariable;
import org.codehaus.groovy.ast.ImportNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.ast.Variable;
import org.codehaus.groovy.ast.expr.ArrayExpression;
import org.codehaus.groovy.ast.expr.AttributeExpression;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.CastExpression;
import org.codehaus.groovy.ast.expr.ClassExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.ConstructorCallExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.GStringExpression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.MethodPointerExpression;
import org.codehaus.groovy.ast.expr.MethodReferenceExpression;
import org.codehaus.groovy.ast.expr.PostfixExpression;
import org.codehaus.groovy.ast.expr.PrefixExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.ast.stmt.BlockStatement;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.ForStatement;
import org.codehaus.groovy.ast.stmt.Statement;
import org.codehaus.groovy.ast.stmt.SynchronizedStatement;
import org.codehaus.groovy.ast.stmt.TryCatchStatement;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.syntax.Types;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sandbox's allow-list, checked on the resolved syntax tree before any definition code runs.
 *
 * <p>A definition may call DSL words of the block it is in, a fixed set of harmless methods on values,
 * and nothing else: no class references beyond plain value types, no {@code new}, no method pointers,
 * no dynamic method or property names, no unknown variables (which would reach the script's binding).
 * Receivers are never trusted: a method is allowed by its name alone, so {@code def s = 'ls'; s.execute()}
 * is refused although the compiler cannot know {@code s}'s type. Nor may a definition change anything but its
 * own local variables (no assignment through a property or subscript, no {@code <<}), declare a variable or
 * parameter with a type that is not a plain value type (Groovy would call its constructor to coerce a list), or
 * give closure parameters default values.
 *
 * <p>Names alone cannot tell what {@code x[key]} or {@code x.m()} reaches, so this is the first line only: the
 * compiled file routes every such access through {@link SandboxRuntime}, which checks the receiver's runtime type.
 */
final class SandboxVerifier extends ClassCodeVisitorSupport {
    /** Methods a definition may call on any value: reading and comparing data, nothing with effects. */
    static final Set<String> VALUE_METHODS = Set.of(
            "contains", "containsKey", "containsValue", "startsWith", "endsWith", "toLowerCase", "toUpperCase",
            "trim", "strip", "isBlank", "size", "isEmpty", "get", "any", "every", "find", "findAll",
            "collect", "count", "equals", "equalsIgnoreCase", "compareTo", "toString", "toInteger", "toLong",
            "toBigDecimal", "toDouble", "isNumber", "isInteger", "isBigDecimal", "length", "substring",
            "indexOf", "split", "tokenize", "join", "keySet", "values", "first", "last", "abs", "max", "min",
            "intValue", "longValue", "doubleValue", "plus", "minus", "replace", "each", "eachWithIndex",
            "call", "asBoolean", "intersect", "disjoint", "sort", "unique", "grep", "withIndex");

    private static final Set<String> ALLOWED_CALLS = allowedCalls();

    private static Set<String> allowedCalls() {
        Set<String> all = new java.util.TreeSet<>(VALUE_METHODS);
        all.addAll(Vocabulary.CHAIN_WORDS);
        return all;
    }

    /** Properties that lead from data to the runtime (classes, closures' owners, the script's binding). */
    static final Set<String> DENIED_NAMES = Set.of(
            "class", "metaClass", "classLoader", "delegate", "owner", "thisObject", "binding", "properties",
            "declaringClass", "protectionDomain", "directive", "resolveStrategy", "this", "super",
            "getClass", "invokeMethod", "getProperty", "setProperty", "getMetaClass", "setMetaClass");

    /** Types a definition may name, in casts, {@code instanceof} or constants such as {@code Integer.MAX_VALUE}. */
    static final Set<String> VALUE_TYPES = Set.of(
            "java.lang.String", "java.lang.Integer", "java.lang.Long", "java.lang.Double", "java.lang.Boolean",
            "java.lang.Number", "java.math.BigDecimal", "java.math.BigInteger", "java.util.List", "java.util.Map",
            "java.util.Collection", "java.lang.Math", "int", "long", "double", "boolean");

    /**
     * Types a variable or closure parameter may be declared with. A declared type is not only a check: Groovy
     * coerces a list assigned to it by calling a constructor ({@code FileWriter w = ['/x']}), so only value
     * types whose constructors do nothing else are allowed.
     */
    static final Set<String> DECLARABLE_TYPES = Set.of(
            "java.lang.Object", "java.lang.String", "java.lang.Integer", "java.lang.Long", "java.lang.Double",
            "java.lang.Boolean", "java.lang.Number", "java.math.BigDecimal", "java.math.BigInteger",
            "java.util.List", "java.util.Map", "java.util.Collection", "int", "long", "double", "boolean");

    private static final Set<String> TEMPLATE_WORDS = Set.of("get", "post", "put", "patch", "delete", "body");

    private final SourceUnit source;
    private final String file;
    private final CallSites sites;
    private final String[] lines;
    private final List<DefinitionError> errors = new ArrayList<>();
    /** Mistakes that cannot run anything (an unknown DSL word, a template in double quotes): the file still runs. */
    private final List<DefinitionError> softErrors = new ArrayList<>();
    private final Deque<Vocabulary> blocks = new ArrayDeque<>();
    /** Set while visiting a template written in double quotes: its unknown names are the quotes' fault. */
    private boolean inTemplateGString;
    private boolean templateGStringHasUnknownNames;

    SandboxVerifier(SourceUnit source, String file, String text) {
        this.source = source;
        this.file = file;
        this.sites = new CallSites(file);
        this.lines = text.split("\n", -1);
    }

    /** Errors that keep the file from running. */
    List<DefinitionError> errors() {
        return errors;
    }

    /**
     * Errors found while checking that do not stop the file from running, so that the mistakes only running finds
     * (a bad event type, a missing template…) are reported with them: a DSL word the block does not know and that
     * nothing at run time answers to (the blocks ignore it), a template in double quotes.
     */
    List<DefinitionError> softErrors() {
        return softErrors;
    }

    CallSites sites() {
        return sites;
    }

    @Override
    protected SourceUnit getSourceUnit() {
        return source;
    }

    void verify(ModuleNode module) {
        for (ImportNode node : allImports(module)) {
            error(node, "imports are not allowed in a definition file; the DSL needs none");
        }
        if (module.getPackage() != null) {
            error(module.getPackage(), "a definition file has no package declaration; remove it");
        }
        for (ClassNode type : module.getClasses()) {
            if (!type.isScript()) {
                error(type, "a definition file cannot declare classes ('" + type.getNameWithoutPackage() + "')");
                continue;
            }
            for (MethodNode method : type.getMethods()) {
                // The script's own run() and main() have no position; anything written in the file has one.
                if (method.getLineNumber() > 0) {
                    error(method, "a definition file cannot declare methods ('" + method.getName()
                            + "'); use a closure in a local variable instead");
                }
            }
        }
        blocks.push(Vocabulary.FILE);
        module.getStatementBlock().visit(this);
        blocks.pop();
    }

    private static List<ImportNode> allImports(ModuleNode module) {
        List<ImportNode> all = new ArrayList<>(module.getImports());
        all.addAll(module.getStarImports());
        all.addAll(module.getStaticImports().values());
        all.addAll(module.getStaticStarImports().values());
        return all;
    }

    @Override
    public void visitBlockStatement(BlockStatement block) {
        if (blocks.peek() == Vocabulary.FILTER) {
            for (Statement statement : block.getStatements()) {
                checkCriterionShape(statement);
            }
        }
        super.visitBlockStatement(block);
    }

    private void checkCriterionShape(Statement statement) {
        if (!(statement instanceof ExpressionStatement es)) {
            error(statement, "a filter holds criteria only, such as field('Budget') > 10000; put other code in where { }");
            return;
        }
        Expression expr = es.getExpression();
        if (expr instanceof MethodCallExpression) {
            return;
        }
        if (expr instanceof BinaryExpression binary && ComparisonRewriter.operator(binary) != null
                && (isWord(binary.getLeftExpression()) || isWord(binary.getRightExpression()))) {
            // field('x') > 1; with a misspelt word (feild('x') > 1) the unknown word is the error to report
            return;
        }
        String hint = expr instanceof org.codehaus.groovy.ast.expr.NotExpression
                ? "; to negate criteria write not { … }" : "";
        error(es, "'" + expr.getText() + "' is not a criterion: write field('X') > 1, field('X').contains 'y', "
                + "changed 'X' …" + hint);
    }

    /** field('x'), or a word that is no DSL word at all (a misspelling, reported as such). */
    private static boolean isWord(Expression expression) {
        return ComparisonRewriter.isField(expression) || expression instanceof MethodCallExpression call
                && call.isImplicitThis() && call.getMethodAsString() != null
                && !Vocabulary.isWord(call.getMethodAsString());
    }

    @Override
    public void visitMethodCallExpression(MethodCallExpression call) {
        String name = call.getMethodAsString();
        if (name == null) {
            error(call, "method names must be written out, not computed");
            super.visitMethodCallExpression(call);
            return;
        }
        ASTNode at = call.getMethod().getLineNumber() > 0 ? call.getMethod() : call;
        sites.add(new CallSites.Site(name, position(at), stringArguments(call.getArguments()),
                namedArguments(call.getArguments())));
        if (call.isImplicitThis()) {
            visitImplicitCall(call, name, at);
            return;
        }
        if (DENIED_NAMES.contains(name)) {
            error(at, "'" + name + "' cannot be used in a definition");
        } else if (!VALUE_METHODS.contains(name) && !Vocabulary.CHAIN_WORDS.contains(name)) {
            String nearest = Vocabulary.nearest(name, ALLOWED_CALLS);
            error(at, "'" + name + "(…)' cannot be called in a definition; "
                    + (nearest == null ? "" : "did you mean '" + nearest + "'? ")
                    + "allowed on values: contains, startsWith, size, find, collect, any, every, toInteger …");
        }
        super.visitMethodCallExpression(call);
    }

    private void visitImplicitCall(MethodCallExpression call, String name, ASTNode at) {
        Vocabulary block = blocks.peek();
        if (!block.has(name)) {
            if (block.answersNothing(name)) {
                softErrors.add(DefinitionError.at(position(at), block.unknown(name)));
            } else {
                error(at, block.unknown(name));
            }
        }
        GStringExpression template = templateInDoubleQuotes(name, call.getArguments());
        // A word written in the wrong block still has its block's contents checked as that block.
        Vocabulary opened = Vocabulary.opened(name).orElse(null);
        for (Expression argument : arguments(call.getArguments())) {
            if (argument == template) {
                visitTemplateInDoubleQuotes(template);
            } else if (opened != null && argument instanceof ClosureExpression closure) {
                checkParameters(closure);
                blocks.push(opened);
                closure.getCode().visit(this);
                blocks.pop();
            } else {
                argument.visit(this);
            }
        }
    }

    /** The argument of a URL, header or body word that is a template written in double quotes, if any. */
    private static GStringExpression templateInDoubleQuotes(String name, Expression arguments) {
        List<Expression> args = arguments(arguments);
        int templateIndex = name.equals("header") ? 1 : TEMPLATE_WORDS.contains(name) ? 0 : -1;
        if (templateIndex >= 0 && args.size() > templateIndex && args.get(templateIndex) instanceof GStringExpression g) {
            return g;
        }
        return null;
    }

    /**
     * A template in double quotes: one error that says to use single quotes. Names inside it that are the
     * template's own ({@code entity}, {@code secrets}…) are not reported as unknown, but then the file cannot
     * run (Groovy would look them up), so the error stops it; otherwise the file still runs to find more.
     */
    private void visitTemplateInDoubleQuotes(GStringExpression template) {
        boolean outer = inTemplateGString;
        inTemplateGString = true;
        templateGStringHasUnknownNames = false;
        template.visit(this);
        inTemplateGString = outer;
        DefinitionError error = DefinitionError.at(position(template), "use single quotes for templates: in "
                + "double quotes Groovy fills in \"${…}\" when the file loads, before any event exists; write '"
                + template.getText().replace("\"", "") + "' instead");
        (templateGStringHasUnknownNames ? errors : softErrors).add(error);
    }

    private static List<Expression> arguments(Expression arguments) {
        if (arguments instanceof TupleExpression tuple) {
            return tuple.getExpressions();
        }
        return List.of(arguments);
    }

    private List<SourcePosition> stringArguments(Expression arguments) {
        List<SourcePosition> positions = new ArrayList<>();
        for (Expression argument : arguments(arguments)) {
            if (argument instanceof ConstantExpression c && c.getValue() instanceof String && c.getLineNumber() > 0) {
                positions.add(textStart(c));
            } else {
                positions.add(position(argument));
            }
        }
        return positions;
    }

    /** Where each named argument ({@code attempts: 3}) and its value start. */
    private Map<String, CallSites.Named> namedArguments(Expression arguments) {
        Map<String, CallSites.Named> positions = new HashMap<>();
        for (Expression argument : arguments(arguments)) {
            if (argument instanceof MapExpression map) {
                for (MapEntryExpression entry : map.getMapEntryExpressions()) {
                    if (entry.getKeyExpression() instanceof ConstantExpression key && key.getValue() instanceof String k) {
                        Expression value = entry.getValueExpression();
                        positions.putIfAbsent(k, new CallSites.Named(position(key), value instanceof ConstantExpression c
                                && c.getValue() instanceof String && c.getLineNumber() > 0 ? textStart(c) : position(value)));
                    }
                }
            }
        }
        return positions;
    }

    /** Where a string literal's text begins, after its opening quote(s). */
    private SourcePosition textStart(ConstantExpression literal) {
        int line = literal.getLineNumber();
        int column = literal.getColumnNumber();
        String text = line - 1 < lines.length ? lines[line - 1] : "";
        int quote = 1;
        if (text.startsWith("'''", column - 1) || text.startsWith("\"\"\"", column - 1)) {
            quote = 3;
        }
        return new SourcePosition(file, line, column + quote);
    }

    @Override
    public void visitClosureExpression(ClosureExpression closure) {
        // A closure passed to a value method (each, any…) runs in the block it is written in.
        checkParameters(closure);
        closure.getCode().visit(this);
    }

    /** Closure parameters: value types only, and no default values (code this visitor would otherwise skip). */
    private void checkParameters(ClosureExpression closure) {
        if (closure.getParameters() == null) {
            return;
        }
        for (Parameter parameter : closure.getParameters()) {
            checkDeclaredType(parameter, parameter);
            if (parameter.hasInitialExpression()) {
                error(parameter, "closure parameters cannot have default values in a definition; "
                        + "write { " + parameter.getName() + " -> … } and test for null inside");
            }
        }
    }

    private void checkDeclaredType(Variable variable, ASTNode at) {
        if (variable.isDynamicTyped()) {
            return;
        }
        ClassNode type = variable.getOriginType();
        if (!DECLARABLE_TYPES.contains(type.getName())) {
            error(at, "'" + variable.getName() + "' cannot be declared as " + type.getNameWithoutPackage()
                    + " in a definition: use def, or String, Number, Integer, Long, BigDecimal, Boolean, List, Map");
        }
    }

    @Override
    public void visitDeclarationExpression(DeclarationExpression declaration) {
        if (declaration.isMultipleAssignmentDeclaration()) {
            declaration.getTupleExpression().getExpressions().forEach(e -> {
                if (e instanceof VariableExpression v) {
                    checkDeclaredType(v, v);
                }
            });
        } else {
            VariableExpression variable = declaration.getVariableExpression();
            checkDeclaredType(variable, variable);
        }
        declaration.getRightExpression().visit(this);
    }

    @Override
    public void visitForLoop(ForStatement loop) {
        Parameter variable = loop.getVariable();
        if (variable != null && variable != ForStatement.FOR_LOOP_DUMMY) {
            checkDeclaredType(variable, variable);
        }
        super.visitForLoop(loop);
    }

    @Override
    public void visitPostfixExpression(PostfixExpression expression) {
        checkChangesOnlyVariables(expression.getExpression(), expression);
        super.visitPostfixExpression(expression);
    }

    @Override
    public void visitPrefixExpression(PrefixExpression expression) {
        checkChangesOnlyVariables(expression.getExpression(), expression);
        super.visitPrefixExpression(expression);
    }

    /** A definition reads the event; it may change only its own local variables. */
    private void checkChangesOnlyVariables(Expression target, ASTNode at) {
        if (target instanceof VariableExpression) {
            return;
        }
        if (target instanceof TupleExpression tuple
                && tuple.getExpressions().stream().allMatch(e -> e instanceof VariableExpression)) {
            return;
        }
        error(at, "a definition cannot change '" + target.getText() + "': values such as the event are "
                + "read-only; assign to a local variable instead (def x = …)");
    }

    @Override
    public void visitStaticMethodCallExpression(StaticMethodCallExpression call) {
        error(call, "'" + call.getMethod() + "(…)' cannot be called in a definition");
        super.visitStaticMethodCallExpression(call);
    }

    @Override
    public void visitConstructorCallExpression(ConstructorCallExpression call) {
        error(call, "a definition cannot create objects ('new " + call.getType().getNameWithoutPackage() + "')");
        super.visitConstructorCallExpression(call);
    }

    @Override
    public void visitMethodPointerExpression(MethodPointerExpression pointer) {
        error(pointer, "method pointers (.&) are not allowed in a definition");
    }

    @Override
    public void visitMethodReferenceExpression(MethodReferenceExpression reference) {
        error(reference, "method references (::) are not allowed in a definition");
    }

    @Override
    public void visitAttributeExpression(AttributeExpression attribute) {
        error(attribute, "direct field access (.@) is not allowed in a definition");
    }

    @Override
    public void visitArrayExpression(ArrayExpression array) {
        error(array, "arrays cannot be created in a definition; use a list [a, b]");
    }

    @Override
    public void visitPropertyExpression(PropertyExpression property) {
        String name = property.getPropertyAsString();
        if (name == null) {
            error(property, "property names must be written out, not computed; use map['name'] to read a field by name");
        } else if (DENIED_NAMES.contains(name) || name.startsWith("$") || name.startsWith("__")) {
            error(property, "'" + name + "' cannot be read in a definition");
        }
        property.getObjectExpression().visit(this);
    }

    @Override
    public void visitVariableExpression(VariableExpression variable) {
        String name = variable.getName();
        if (DENIED_NAMES.contains(name)) {
            error(variable, "'" + name + "' cannot be used in a definition");
        } else if (variable.getAccessedVariable() instanceof DynamicVariable) {
            if (inTemplateGString) {
                templateGStringHasUnknownNames = true;
            } else if (Vocabulary.isWord(name)) {
                error(variable, "'" + name + "' is a DSL word: write it with its value after it, e.g. " + name
                        + " 'x' (without =)");
            } else {
                error(variable, "unknown name '" + name + "': declare it with def, or quote it if it is text");
            }
        }
    }

    @Override
    public void visitClassExpression(ClassExpression expression) {
        checkType(expression, expression.getType());
    }

    @Override
    public void visitCastExpression(CastExpression cast) {
        checkType(cast, cast.getType());
        Expression value = cast.getExpression();
        String target = cast.getType().getName();
        if ((value instanceof MapExpression && !target.equals("java.util.Map") || value instanceof ClosureExpression)
                && VALUE_TYPES.contains(target)) {
            // Groovy would make an object of that type whose methods run the map's closures
            error(cast, "a " + (value instanceof MapExpression ? "map" : "closure") + " cannot be turned into "
                    + cast.getType().getNameWithoutPackage() + " in a definition");
        }
        super.visitCastExpression(cast);
    }

    private void checkType(ASTNode node, ClassNode type) {
        if (!VALUE_TYPES.contains(type.getName())) {
            error(node, "the class " + type.getName() + " cannot be used in a definition");
        }
    }

    @Override
    public void visitBinaryExpression(BinaryExpression expression) {
        int operation = expression.getOperation().getType();
        if (Types.ofType(operation, Types.ASSIGNMENT_OPERATOR)) {
            checkChangesOnlyVariables(expression.getLeftExpression(), expression);
        }
        if (operation == Types.LEFT_SHIFT || operation == Types.LEFT_SHIFT_EQUAL) {
            error(expression, "'<<' changes the value on its left, which may be the event; "
                    + "build a new value with + instead, e.g. list + [x]");
        }
        if (operation == Types.LEFT_SQUARE_BRACKET && expression.getRightExpression() instanceof ConstantExpression key
                && key.getValue() instanceof String name && DENIED_NAMES.contains(name)) {
            error(expression, "'" + name + "' cannot be read in a definition");
        }
        String comparison = ComparisonRewriter.operator(expression);
        if (comparison != null) {
            sites.add(new CallSites.Site(comparison, position(expression), List.of()));
        }
        if (expression.getOperation().getType() == Types.KEYWORD_INSTANCEOF
                && expression.getRightExpression() instanceof ClassExpression type) {
            expression.getLeftExpression().visit(this);
            checkType(type, type.getType());
            return;
        }
        super.visitBinaryExpression(expression);
    }

    @Override
    public void visitTryCatchFinally(TryCatchStatement statement) {
        error(statement, "try/catch is not allowed in a definition");
        super.visitTryCatchFinally(statement);
    }

    @Override
    public void visitSynchronizedStatement(SynchronizedStatement statement) {
        error(statement, "synchronized is not allowed in a definition");
        super.visitSynchronizedStatement(statement);
    }

    private SourcePosition position(ASTNode node) {
        return new SourcePosition(file, Math.max(node.getLineNumber(), 1), Math.max(node.getColumnNumber(), 1));
    }

    private void error(ASTNode node, String message) {
        errors.add(DefinitionError.at(position(node), message));
    }
}
