package io.hookwright.delivery;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.hookwright.render.RenderedRequest;
import io.hookwright.render.Secrets;
import io.hookwright.testjvm.ChildJvm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connection goes to the address the target check saw: a name is looked up once, and while it is being sent to
 * the JVM's resolver answers it with that address only, whatever its DNS says by then.
 */
class PinnedAddressesTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @BeforeEach
    void answer() {
        receiver.resetAll();
        receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));
    }

    /** A name no DNS knows and nothing in this JVM looked up before (so none is cached). */
    private static String freshName() {
        return "pinned-" + UUID.randomUUID() + ".invalid";
    }

    @Test
    void aPinnedNameIsAnsweredWithItsAddressesOnlyWhileThePinIsHeld() throws Exception {
        String name = freshName();
        InetAddress vetted = InetAddress.getByAddress(new byte[]{93, (byte) 184, (byte) 216, 34});
        try (PinnedAddresses.Held pin = PinnedAddresses.pin(name, List.of(vetted))) {
            assertArrayEquals(new InetAddress[]{vetted}, InetAddress.getAllByName(name));
        }
        assertTrue(PinningResolverProvider.active(), "the JDK uses the pinning resolver (META-INF/services)");
        assertThrows(UnknownHostException.class, () -> InetAddress.getAllByName(freshName()),
                "a name without a pin goes to the built-in resolver as ever");
        assertTrue(InetAddress.getByName("localhost").isLoopbackAddress(), "the built-in answers stay as they were");
    }

    @Test
    void theConnectionGoesToTheVettedAddressKeepingTheHostHeader() {
        String name = freshName();
        String authority = name + ":" + receiver.getPort();
        // Only the check's resolver knows the name; the connection can reach it only through the pin.
        TargetPolicy policy = new TargetPolicy(List.of(TargetPolicy.Allowed.parse(authority)), false,
                host -> new InetAddress[]{InetAddress.getLoopbackAddress()});
        Attempt attempt = new Sender(policy, Secrets.none(), Clock.systemUTC(), 1000).send("msg_1",
                new RenderedRequest("POST", "http://" + authority + "/hook", List.of(), "{}"), List.of(),
                Duration.ofSeconds(5));
        assertTrue(attempt.succeeded(), attempt::describe);
        List<LoggedRequest> got = receiver.findAll(anyRequestedFor(anyUrl()));
        assertEquals(1, got.size());
        assertEquals(authority, got.get(0).getHeader("Host"));
    }

    /**
     * In a JVM of its own, where nothing looked {@code localhost} up before (so no answer is cached): the check's
     * resolver answers a public address first and loopback after, as a rebinding name does, and the JVM's own
     * resolver says loopback. The request must not reach the loopback receiver. The control run (the check
     * answers loopback, allow-listed) shows that the name does lead there when that is what was vetted.
     */
    @Test
    void aNameReboundToLoopbackAfterTheCheckDoesNotReachLoopback() throws Exception {
        String url = "http://localhost:" + receiver.getPort() + "/hook";

        ChildJvm rebinding = ChildJvm.start("rebinding", RebindingSend.class, url, "93.184.216.34", "-");
        assertEquals(0, rebinding.awaitExit(Duration.ofSeconds(60)), rebinding.output());
        assertTrue(rebinding.output().contains("resolver active: true"), rebinding.output());
        assertTrue(rebinding.output().contains("attempt: "), rebinding.output());
        assertEquals(0, receiver.findAll(anyRequestedFor(anyUrl())).size(), "the rebound name reached loopback: "
                + rebinding.output());

        ChildJvm control = ChildJvm.start("control", RebindingSend.class, url, "127.0.0.1",
                "localhost:" + receiver.getPort());
        assertEquals(0, control.awaitExit(Duration.ofSeconds(60)), control.output());
        assertTrue(control.output().contains("attempt: HTTP 204"), control.output());
        assertEquals(1, receiver.findAll(anyRequestedFor(anyUrl())).size());
    }
}
