package io.hookwright.delivery;

import io.hookwright.render.RenderedRequest;
import io.hookwright.render.Secrets;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One send in a JVM of its own: the target check's resolver answers {@code FIRST} the first time and the JVM's own
 * answer after that, as a name being rebound between the check and the connection would. Prints what the attempt
 * gave.
 * Arguments: {@code URL FIRST ALLOW}, ALLOW being an --allow-target or {@code -}.
 */
public final class RebindingSend {
    public static void main(String[] args) throws UnknownHostException {
        String url = args[0];
        InetAddress first = InetAddress.getByName(args[1]);
        List<TargetPolicy.Allowed> allowed = args[2].equals("-") ? List.of() : List.of(TargetPolicy.Allowed.parse(args[2]));
        AtomicInteger calls = new AtomicInteger();
        TargetPolicy policy = new TargetPolicy(allowed, false,
                host -> calls.getAndIncrement() == 0 ? new InetAddress[]{first} : InetAddress.getAllByName(host));
        Attempt attempt = new Sender(policy, Secrets.none(), Clock.systemUTC(), 1000)
                .send("msg_1", new RenderedRequest("POST", url, List.of(), "{}"), List.of(), Duration.ofSeconds(2));
        System.out.println("resolver active: " + PinningResolverProvider.active());
        System.out.println("attempt: " + attempt.describe());
    }
}
