package io.hookwright.delivery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
    })
    void internalTargetsAreRefusedSayingWhy(String url, String kind) {
        var refused = assertThrows(TargetPolicy.RefusedTarget.class, () -> policy(false).check(url));
        assertTrue(refused.getMessage().contains("(" + kind + ")"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--allow-target"), refused.getMessage());
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
