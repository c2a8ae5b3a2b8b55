package io.hookwright.delivery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetPolicyTest {
    /** Names resolve through this table: the tests need no DNS. */
    private static final Map<String, String> DNS = Map.of(
            "erp.example.com", "93.184.216.34", "metadata.internal", "169.254.169.254",
            "sneaky.example.com", "10.0.0.7", "localhost", "127.0.0.1");

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String address = DNS.getOrDefault(host, host);
        try {
            return new InetAddress[]{TargetPolicy.literal(address)};
        } catch (IllegalArgumentException e) {
            throw new UnknownHostException(host);
        }
    }

    private static TargetPolicy policy(boolean https, String... allowed) {
        return new TargetPolicy(java.util.Arrays.stream(allowed).map(TargetPolicy.Allowed::parse).toList(), https,
                TargetPolicyTest::resolve);
    }

    @ParameterizedTest
    @CsvSource({
            "http://127.0.0.1:8080/x, loopback",
            "http://localhost/x, loopback",
            "http://[::1]/x, loopback",
            "http://10.0.0.7/x, private",
            "http://sneaky.example.com/x, private",
            "http://172.16.5.4/x, private",
            "http://192.168.1.1/x, private",
            "http://169.254.169.254/latest/meta-data, link-local",
            "http://metadata.internal/, link-local",
            "http://0.0.0.0/, unspecified",
            "http://224.0.0.1/, multicast",
            "http://100.64.0.1/, private (carrier-grade NAT)",
            "http://[fd00::1]/, private (unique local)",
            "http://[::ffff:127.0.0.1]/, loopback",
            "http://[::]/, unspecified",
            "http://0.1.2.3/, unspecified",
            "http://255.255.255.255/, broadcast",
            "http://240.0.0.1/, reserved",
            "http://192.0.0.8/, reserved (IETF protocol assignments)",
            "http://198.18.0.1/, reserved (benchmarking)",
            "http://198.19.255.254/, reserved (benchmarking)",
            "http://[100::1]/, reserved (discard-only)",
            "http://[fec0::1]/, private",
            "http://[ff02::1]/, multicast",
            "http://[fe80::1]/, link-local",
            "http://[64:ff9b::127.0.0.1]/, loopback",
            "http://[64:ff9b::a9fe:a9fe]/, link-local",
            "http://[64:ff9b::10.1.2.3]/, private",
            "http://[64:ff9b:1::1]/, private (local-use NAT64)",
            "http://[64:ff9b:1:2:3::8.8.8.8]/, private (local-use NAT64)",
            "http://[2002:7f00:1::]/, loopback",
            "http://[2002:a9fe:a9fe::1]/, link-local",
            "http://[2002:c0a8:0101::1]/, private",
            "http://[2001:0:7f00:1::]/, loopback",
            "http://[2001:0:5db8:7a5b::80ff:fffe]/, loopback",
            "http://[::127.0.0.1]/, loopback",
            "http://[::10.0.0.1]/, private",
            "http://[::ffff:0:127.0.0.1]/, loopback",
            "http://[::ffff:0:a9fe:a9fe]/, link-local",
            "http://[::ffff:169.254.169.254]/, link-local",
    })
    void internalTargetsAreRefusedSayingWhy(String url, String kind) {
        var refused = assertThrows(TargetPolicy.RefusedTarget.class, () -> policy(false).check(url));
        assertTrue(refused.getMessage().contains("(" + kind + ")") || refused.getMessage().contains("(" + kind + ", as "),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("--allow-target"), refused.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
            "http://[64:ff9b::8.8.8.8]/",
            "http://[2002:808:808::1]/",
            "http://[2001:4860:4860::8888]/",
            "http://[::ffff:8.8.8.8]/",
            "http://8.8.8.8/",
            "http://1.1.1.1/",
    })
    void publicAddressesAlsoInTranslationPrefixesPass(String url) {
        assertDoesNotThrow(() -> policy(false).check(url));
    }

    /** What the JDK makes of numbers written other than a.b.c.d: whatever it is, such a host is refused. */
    @ParameterizedTest
    @CsvSource({
            "2130706433, 127.0.0.1",
            "0177.0.0.1, 177.0.0.1",
            "127.0.0.01, 127.0.0.1",
            "017700000001, ",
            "0x7f000001, ",
            "0x7f.1, ",
            "127.1, 127.0.0.1",
            "3232235777, 192.168.1.1",
    })
    void numericHostsOtherThanDottedQuadsAreRefused(String host, String jdkReading) {
        String jdk;
        try {
            jdk = InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            jdk = null;
        }
        assertEquals(jdkReading, jdk, "how the JDK reads " + host);
        TargetPolicy lenient = new TargetPolicy(java.util.List.of(), false, InetAddress::getAllByName);
        var refused = assertThrows(TargetPolicy.RefusedTarget.class, () -> lenient.check("http://" + host + ":8080/x"));
        assertTrue(refused.getMessage().contains(host) || refused.getMessage().contains("has no host"),
                refused.getMessage());
    }

    @Test
    void messagesShowTheUrlWithSecretsMasked() {
        String ref = io.hookwright.render.SecretRefs.ref("TOKEN");
        for (String url : java.util.List.of("http://erp.example.com/" + ref + "/a b", "http://erp.example.com/" + ref,
                "ftp://erp.example.com/" + ref, "http:///" + ref, "http://" + ref + ".example.com/",
                "http://erp.example.com:" + ref + "/", "http://127.0.0.1/" + ref)) {
            var refused = assertThrows(TargetPolicy.RefusedTarget.class, () -> policy(true).check(url));
            assertFalse(refused.getMessage().contains("hwsecret"), refused.getMessage());
        }
        var bad = assertThrows(TargetPolicy.RefusedTarget.class,
                () -> policy(false).check("http://erp.example.com/" + ref + "/a b"));
        assertTrue(bad.getMessage().startsWith("'http://erp.example.com/••••/a b' is not a URL"), bad.getMessage());
        assertDoesNotThrow(() -> policy(false).check("https://user:" + ref + "@erp.example.com/" + ref + "?k=" + ref));
    }

    @Test
    void publicTargetsPass() {
        assertEquals("erp.example.com", policy(true).check("https://erp.example.com/hooks").getHost());
        assertDoesNotThrow(() -> policy(false).check("http://93.184.216.34:8080/"));
    }

    @Test
    void allowListedHostsPortsAndBlocksPass() {
        assertDoesNotThrow(() -> policy(false, "127.0.0.1:8089").check("http://127.0.0.1:8089/hook"));
        assertThrows(TargetPolicy.RefusedTarget.class, () -> policy(false, "127.0.0.1:8089").check("http://127.0.0.1:8090/"));
        assertDoesNotThrow(() -> policy(false, "localhost").check("http://localhost:9000/"));
        assertDoesNotThrow(() -> policy(false, "10.0.0.0/8").check("http://sneaky.example.com/"));
        assertThrows(TargetPolicy.RefusedTarget.class, () -> policy(false, "10.0.0.0/16").check("http://10.1.0.1/"));
    }

    @Test
    void httpsCanBeRequired() {
        var refused = assertThrows(TargetPolicy.RefusedTarget.class, () -> policy(true).check("http://erp.example.com/"));
        assertTrue(refused.getMessage().contains("--require-https"), refused.getMessage());
    }

    @Test
    void badUrlsAndBadAllowancesAreRefusedClearly() {
        assertThrows(TargetPolicy.RefusedTarget.class, () -> policy(false).check("ftp://erp.example.com/"));
        assertThrows(TargetPolicy.RefusedTarget.class, () -> policy(false).check("https://nowhere.invalid/"));
        assertThrows(TargetPolicy.RefusedTarget.class, () -> policy(false).check("not a url"));
        assertThrows(IllegalArgumentException.class, () -> TargetPolicy.Allowed.parse("10.0.0.0/40"));
        assertThrows(IllegalArgumentException.class, () -> TargetPolicy.Allowed.parse("10.0.0/8"));
    }
}
