package io.hookwright.server;

import io.hookwright.execution.EngineFixture;
import io.hookwright.server.auth.Scope;
import io.hookwright.server.auth.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code serve --tls-cert --tls-key}: the server over real TLS on loopback, with a self-signed certificate made for
 * the test by the JDK's keytool and written out as PEM; the page's cookies are Secure over it.
 */
class TlsServingTest {
    private static final String TOKEN = "hwt_tls-admin";
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path dir;
    private EngineFixture engineFixture;
    private Serving serving;
    private HttpClient client;
    private Path cert;
    private Path key;

    @BeforeEach
    void start() throws Exception {
        KeyStore store = selfSigned();
        Certificate certificate = store.getCertificate("hw");
        cert = Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", certificate.getEncoded()));
        key = Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY",
                ((PrivateKey) store.getKey("hw", PASSWORD)).getEncoded()));
        engineFixture = new EngineFixture(dir, 1, EngineFixture.webhook("erp", "/erp", "synchronous true"));
        serving = Serving.start(engineFixture.builder(), engineFixture.database, ServerSettings.builder().port(0)
                .definitionsFolder(dir.resolve("webhooks")).workspace(dir.resolve("workspace"))
                .clock(engineFixture.clock).tls(TlsFiles.load(cert, key)).build(),
                Tokens.of("ops", TOKEN, EnumSet.of(Scope.ADMIN)));
        engineFixture.adopt(serving.engine());
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("hw", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        client = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterEach
    void stop() {
        if (serving != null) {
            serving.close();
        }
        engineFixture.close();
    }

    /** A self-signed EC certificate for 127.0.0.1 and localhost, from the JDK's own keytool. */
    private KeyStore selfSigned() throws Exception {
        Path file = dir.resolve("tls.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "hw", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-validity", "2", "-keystore", file.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool failed: " + said);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private URI uri(String path) {
        return URI.create("https://127.0.0.1:" + serving.server().port() + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theApiAnswersOverTls() throws Exception {
        HttpResponse<String> health = send(HttpRequest.newBuilder(uri("/health")));
        assertEquals(200, health.statusCode(), health.body());
        HttpResponse<String> runs = send(HttpRequest.newBuilder(uri("/runs")).header("Authorization", "Bearer " + TOKEN));
        assertEquals(200, runs.statusCode(), runs.body());
    }

    @Test
    void thePagesCookiesAreSecureOverTls() throws Exception {
        HttpResponse<String> form = send(HttpRequest.newBuilder(uri("/login")));
        String nonce = form.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(nonce.contains("; Secure") || nonce.contains(";Secure"), nonce);
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]*)\"").matcher(form.body());
        assertTrue(csrf.find(), form.body());

        String body = "csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8) + "&token=" + TOKEN;
        HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://127.0.0.1:" + serving.server().port())
                .header("Cookie", nonce.substring(0, nonce.indexOf(';')))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(303, login.statusCode(), login.body());
        List<String> cookies = login.headers().allValues("Set-Cookie");
        String session = cookies.stream().filter(c -> c.startsWith("hookwright_session=")).findFirst().orElseThrow();
        assertTrue(session.contains("Secure"), session);
        assertTrue(session.contains("HttpOnly"), session);
    }

    @Test
    void aKeyInTheOlderRsaFormIsRefusedSayingHowToConvertIt() throws Exception {
        Path pkcs1 = Files.writeString(dir.resolve("old.pem"), "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n"
                + "-----END RSA PRIVATE KEY-----\n");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> TlsFiles.load(cert, pkcs1));
        assertEquals(pkcs1 + " holds no unencrypted PKCS #8 private key (-----BEGIN PRIVATE KEY-----) (it is in the "
                + "older PKCS #1 or SEC 1 form: convert it with openssl pkcs8 -topk8 -nocrypt)", refused.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> TlsFiles.load(dir.resolve("none.pem"), key));
        assertEquals("no certificate file " + dir.resolve("none.pem"), missing.getMessage());
    }
}
