package io.hookwright.server;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TLS identity {@code serve --tls-cert FILE --tls-key FILE} serves with: a PEM certificate chain (the server's
 * certificate first, then any intermediates) and its PEM private key, unencrypted PKCS #8 ({@code BEGIN PRIVATE
 * KEY}), RSA or EC, as Let's Encrypt's clients and {@code openssl pkcs8 -topk8 -nocrypt} write it.
 */
public final class TlsFiles {
    private static final Pattern KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final char[] NO_PASSWORD = new char[0];

    private TlsFiles() {
    }

    /** @throws IllegalArgumentException naming the file and what is wrong with it */
    public static SSLContext load(Path certificate, Path key) {
        Collection<? extends Certificate> chain = chain(certificate);
        PrivateKey privateKey = privateKey(key);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("hookwright", privateKey, NO_PASSWORD, chain.toArray(Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, NO_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("the key in " + key + " does not go with the certificate in "
                    + certificate + ": " + e.getMessage());
        }
    }

    private static Collection<? extends Certificate> chain(Path file) {
        byte[] bytes = read(file, "certificate");
        try {
            Collection<? extends Certificate> chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes));
            if (chain.isEmpty()) {
                throw new CertificateException("no certificate in it");
            }
            return List.copyOf(chain);
        } catch (CertificateException e) {
            throw new IllegalArgumentException(file + " is not a PEM certificate chain (-----BEGIN CERTIFICATE-----): "
                    + e.getMessage());
        }
    }

    private static PrivateKey privateKey(Path file) {
        String text = new String(read(file, "private key"), StandardCharsets.US_ASCII);
        Matcher m = KEY.matcher(text);
        if (!m.find()) {
            String hint = text.contains("BEGIN RSA PRIVATE KEY") || text.contains("BEGIN EC PRIVATE KEY")
                    ? " (it is in the older PKCS #1 or SEC 1 form: convert it with openssl pkcs8 -topk8 -nocrypt)"
                    : text.contains("ENCRYPTED") ? " (it is encrypted: give it unencrypted, readable by serve's user only)"
                    : "";
            throw new IllegalArgumentException(file + " holds no unencrypted PKCS #8 private key (-----BEGIN PRIVATE "
                    + "KEY-----)" + hint);
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
                // the next algorithm
            }
        }
        throw new IllegalArgumentException(file + " holds a private key that is neither RSA, EC nor Ed25519");
    }

    private static byte[] read(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no " + what + " file " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the " + what + " file " + file + ": " + e.getMessage());
        }
    }
}
