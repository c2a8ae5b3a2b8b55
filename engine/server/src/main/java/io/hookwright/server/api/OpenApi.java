package io.hookwright.server.api;

import io.hookwright.server.Problem;
import io.hookwright.server.auth.RequiresScope;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The REST API as an OpenAPI 3.1 document, read off the resource classes themselves (paths, methods, parameters,
 * bodies, the scope each needs), so that it cannot drift from what the server serves.
 */
final class OpenApi {
    private OpenApi() {
    }

    static Map<String, Object> document(String version, List<Class<?>> resources) {
        Map<String, Map<String, Object>> paths = new TreeMap<>();
        for (Class<?> resource : resources) {
            String base = path(resource.getAnnotation(Path.class));
            Method[] methods = resource.getMethods();
            Arrays.sort(methods, Comparator.comparing(Method::getName));
            for (Method method : methods) {
                String verb = verb(method);
                if (verb == null) {
                    continue;
                }
                String path = normalise(base + path(method.getAnnotation(Path.class)));
                paths.computeIfAbsent(path, p -> new TreeMap<>()).put(verb.toLowerCase(Locale.ROOT),
                        operation(resource, method));
            }
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", "3.1.0");
        document.put("info", Map.of("title", "Hookwright", "version", version, "description",
                "Webhooks as code: publish events, run transactions over HTTP, read and change webhooks and their "
                        + "runs. Every endpoint but GET /health and GET /openapi.json needs a bearer token with the "
                        + "scope its security names; admin may do everything. Errors are RFC 9457 problem bodies."));
        document.put("paths", paths);
        document.put("components", Map.of(
                "securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer",
                        "description", "a token from the tokens file (hookwright token NAME SCOPE...)")),
                "schemas", Map.of("Problem", problemSchema())));
        return document;
    }

    private static Map<String, Object> operation(Class<?> resource, Method method) {
        Map<String, Object> operation = new LinkedHashMap<>();
        String tag = resource.getSimpleName().replace("Resource", "").toLowerCase(Locale.ROOT);
        operation.put("operationId", tag + "." + method.getName());
        operation.put("tags", List.of(tag));
        List<Map<String, Object>> parameters = new ArrayList<>();
        boolean body = false;
        for (Parameter parameter : method.getParameters()) {
            PathParam path = parameter.getAnnotation(PathParam.class);
            QueryParam query = parameter.getAnnotation(QueryParam.class);
            HeaderParam header = parameter.getAnnotation(HeaderParam.class);
            if (path != null) {
                parameters.add(parameter(path.value(), "path", true, parameter));
            } else if (query != null) {
                parameters.add(parameter(query.value(), "query", false, parameter));
            } else if (header != null) {
                parameters.add(parameter(header.value(), "header", false, parameter));
            } else if (parameter.getAnnotation(Context.class) == null && !annotatedByJaxRs(parameter)) {
                body = true;
            }
        }
        if (!parameters.isEmpty()) {
            operation.put("parameters", parameters);
        }
        if (body) {
            Map<String, Object> content = new LinkedHashMap<>();
            for (String type : mediaTypes(method.getAnnotation(Consumes.class), resource.getAnnotation(Consumes.class))) {
                content.put(type, Map.of());
            }
            operation.put("requestBody", Map.of("required", true, "content", content));
        }
        RequiresScope scope = method.getAnnotation(RequiresScope.class) != null
                ? method.getAnnotation(RequiresScope.class) : resource.getAnnotation(RequiresScope.class);
        operation.put("security", scope == null ? List.of() : List.of(Map.of("bearer", List.of(scope.value().word()))));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("description", "done");
        Produces produces = method.getAnnotation(Produces.class) != null ? method.getAnnotation(Produces.class)
                : resource.getAnnotation(Produces.class);
        if (method.getReturnType() != void.class && produces != null) {
            Map<String, Object> content = new LinkedHashMap<>();
            for (String type : produces.value()) {
                content.put(type, Map.of());
            }
            answer.put("content", content);
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("2XX", answer);
        responses.put("default", Map.of("description", "what is wrong, and where",
                "content", Map.of(Problem.MEDIA_TYPE, Map.of("schema", Map.of("$ref", "#/components/schemas/Problem")))));
        operation.put("responses", responses);
        return operation;
    }

    private static Map<String, Object> parameter(String name, String in, boolean required, Parameter parameter) {
        Map<String, Object> schema = new LinkedHashMap<>();
        Class<?> type = parameter.getType();
        if (Collection.class.isAssignableFrom(type)) {
            schema.put("type", "array");
            schema.put("items", Map.of("type", "string"));
        } else {
            schema.put("type", type == int.class || type == long.class || type == Integer.class || type == Long.class
                    ? "integer" : type == boolean.class || type == Boolean.class ? "boolean" : "string");
        }
        DefaultValue fallback = parameter.getAnnotation(DefaultValue.class);
        if (fallback != null) {
            schema.put("default", fallback.value());
        }
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("name", name);
        described.put("in", in);
        described.put("required", required);
        described.put("schema", schema);
        return described;
    }

    private static boolean annotatedByJaxRs(Parameter parameter) {
        for (Annotation annotation : parameter.getAnnotations()) {
            if (annotation.annotationType().getPackageName().startsWith("jakarta.ws.rs")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> mediaTypes(Consumes own, Consumes resource) {
        Consumes consumes = own != null ? own : resource;
        return consumes == null ? List.of(MediaType.APPLICATION_JSON) : List.of(consumes.value());
    }

    private static String verb(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static String path(Path path) {
        if (path == null) {
            return "";
        }
        String value = path.value();
        return value.startsWith("/") ? value : "/" + value;
    }

    /** {@code /runs/{id: .+}/} as OpenAPI writes it: {@code /runs/{id}}. */
    private static String normalise(String path) {
        String plain = path.replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}").replaceAll("//+", "/");
        return plain.length() > 1 && plain.endsWith("/") ? plain.substring(0, plain.length() - 1) : plain;
    }

    private static Map<String, Object> problemSchema() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("type", Map.of("type", "string"));
        properties.put("title", Map.of("type", "string"));
        properties.put("status", Map.of("type", "integer"));
        properties.put("detail", Map.of("type", "string"));
        properties.put("field", Map.of("type", "string", "description", "the field of the request that is wrong"));
        return Map.of("type", "object", "properties", properties);
    }
}
