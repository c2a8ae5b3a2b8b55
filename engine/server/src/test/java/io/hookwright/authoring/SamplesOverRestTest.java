package io.hookwright.authoring;

import io.hookwright.event.EventJson;
import io.hookwright.server.ServerFixture;
import io.hookwright.server.auth.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sample webhooks served from a git work tree: each reads as a document, and one sent back as it was read
 * changes nothing; one changed changes only its own block of the sample file.
 */
class SamplesOverRestTest {
    @TempDir
    Path dir;
    private ServerFixture server;
    private Repo repo;

    @AfterEach
    void stop() {
        repo.close();
        server.close();
    }

    private HttpResponse<String> send(String method, String path, Scope scope, String json, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .header("Authorization", "Bearer " + ServerFixture.token(scope)).header("Content-Type", "application/json");
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        try {
            return java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everySampleReadsAsADocumentAndSentBackUnchangedChangesNothing() throws Exception {
        server = new ServerFixture(dir, 9, "");
        Path folder = dir.resolve("webhooks");
        Files.delete(folder.resolve("hooks.groovy"));
        copy(Authors.repositoryRoot().resolve("samples/webhooks"), folder);
        repo = Repo.init(folder);
        assertEquals(200, server.post("/admin/reload", Scope.ADMIN, null).statusCode());
        String ppmBefore = Files.readString(folder.resolve("ppm_express.groovy"));

        List<Map<String, Object>> webhooks = EventJson.MAPPER.readValue(server.get("/webhooks", Scope.WEBHOOKS_READ)
                .body(), List.class);
        assertTrue(webhooks.size() >= 15, "the samples are served: " + webhooks.size());
        List<String> notEditable = new ArrayList<>();
        for (Map<String, Object> webhook : webhooks) {
            String code = (String) webhook.get("code");
            HttpResponse<String> read = send("GET", "/webhooks/" + code + "/definition", Scope.WEBHOOKS_READ, null, null);
            assertEquals(200, read.statusCode(), read.body());
            if (ServerFixture.json(read).get("editable").equals(false)) {
                notEditable.add(code);
                continue;
            }
            String etag = read.headers().firstValue("ETag").orElseThrow();
            HttpResponse<String> put = send("PUT", "/webhooks/" + code, Scope.WEBHOOKS_WRITE, read.body(), etag);
            assertEquals(200, put.statusCode(), code + ": " + put.body());
            assertEquals(etag, put.headers().firstValue("ETag").orElse(null), code);
        }
        assertEquals(List.of("budget_increase"), notEditable.stream().sorted().toList());
        assertEquals(1, repo.log().size(), "nothing was committed");
        assertTrue(repo.clean(), "nothing was written");

        HttpResponse<String> read = send("GET", "/webhooks/ppm_task_deleted/definition", Scope.WEBHOOKS_READ, null, null);
        String changed = read.body().replace("\"owner\":\"integrations@acme.example.com\"", "\"owner\":\"pmo@acme.example.com\"");
        HttpResponse<String> put = send("PUT", "/webhooks/ppm_task_deleted", Scope.WEBHOOKS_WRITE, changed,
                read.headers().firstValue("ETag").orElseThrow());
        assertEquals(200, put.statusCode(), put.body());
        assertEquals("Update webhook ppm_task_deleted: owner", repo.head().getFullMessage());
        String ppmAfter = Files.readString(folder.resolve("ppm_express.groovy"));
        int start = ppmBefore.indexOf("webhook('ppm_task_deleted')");
        assertEquals(ppmBefore.substring(0, start), ppmAfter.substring(0, start), "the other blocks and the comments");
        assertTrue(ppmAfter.substring(start).contains("owner 'pmo@acme.example.com'"), ppmAfter);
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }
}
