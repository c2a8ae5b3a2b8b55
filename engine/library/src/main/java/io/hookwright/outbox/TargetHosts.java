package io.hookwright.outbox;

import io.hookwright.render.RenderedRequest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The target hosts of recently queued URLs. Every message queued on a host's thread is given its host, and parsing
 * its URL for it showed in that thread's profile, while a webhook's URL is mostly the same for every event. Bounded:
 * URLs may come from event data; when full, it starts again empty.
 */
final class TargetHosts {
    private static final int MOST = 1_024;
    private static final Map<String, String> HOSTS = new ConcurrentHashMap<>();

    private TargetHosts() {
    }

    /** {@link RenderedRequest#host()}, parsed once per URL. */
    static String of(RenderedRequest request) {
        String url = request.url();
        if (url == null) {
            return request.host();
        }
        String host = HOSTS.get(url);
        if (host == null) {
            if (HOSTS.size() >= MOST) {
                HOSTS.clear();
            }
            host = request.host();
            HOSTS.put(url, host);
        }
        return host;
    }
}
