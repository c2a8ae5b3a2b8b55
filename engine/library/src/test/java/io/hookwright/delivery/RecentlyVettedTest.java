package io.hookwright.delivery;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A URL that passed is taken as passed, with the addresses it was checked at, for a moment only. */
class RecentlyVettedTest {
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicReference<String> answer = new AtomicReference<>("93.184.216.34");
    private final TargetPolicy policy = new TargetPolicy(List.of(), false, host -> {
        lookups.incrementAndGet();
        return new InetAddress[]{TargetPolicy.literal(answer.get())};
    }, nanos::get);

    @Test
    void aUrlVettedAMomentAgoIsNotLookedUpAgainAndKeepsTheAddressesItWasCheckedAt() {
        TargetPolicy.Vetted first = policy.vet("https://erp.example.com/hooks");
        answer.set("10.0.0.7");
        nanos.addAndGet(TargetPolicy.KEPT_FOR.toNanos() - 1);

        TargetPolicy.Vetted again = policy.vet("https://erp.example.com/hooks");

        assertEquals(1, lookups.get());
        assertEquals(first.addresses(), again.addresses());
        assertEquals("93.184.216.34", again.addresses().getFirst().getHostAddress());
    }

    @Test
    void onceTheMomentHasPassedANameReboundToAPrivateAddressIsRefused() {
        policy.vet("https://erp.example.com/hooks");
        answer.set("10.0.0.7");
        nanos.addAndGet(TargetPolicy.KEPT_FOR.toNanos());

        var refused = assertThrows(TargetPolicy.RefusedTarget.class, () -> policy.vet("https://erp.example.com/hooks"));

        assertTrue(refused.getMessage().contains("10.0.0.7 (private)"), refused.getMessage());
        assertEquals(2, lookups.get());
    }

    @Test
    void aRefusalIsNotKept() {
        answer.set("10.0.0.7");
        assertThrows(TargetPolicy.RefusedTarget.class, () -> policy.vet("https://erp.example.com/hooks"));
        answer.set("93.184.216.34");

        assertEquals("93.184.216.34", policy.vet("https://erp.example.com/hooks").addresses().getFirst().getHostAddress());
        assertEquals(2, lookups.get());
    }

    @Test
    void anotherUrlOfTheSameHostIsCheckedOnItsOwn() {
        policy.vet("https://erp.example.com/a");
        policy.vet("https://erp.example.com/b");

        assertEquals(2, lookups.get());
    }
}
