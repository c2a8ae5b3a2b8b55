package io.hookwright.bench;

import io.hookwright.event.Entity;
import io.hookwright.event.EntityRef;
import io.hookwright.event.Event;
import io.hookwright.event.Events;
import io.hookwright.event.Initiator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The benchmarks' data, the same on every run (fixed seeds): a definitions folder of {@code n} webhooks and a
 * stream of {@link #EVENTS} events.
 *
 * <p>There are {@link #TYPES} event types: {@link #ENTITIES} entity types ({@code Entity0} … {@code Entity99})
 * times {@code Created}, {@code Updated} and {@code Deleted}. The event stream cycles through the first {@link #HOT}
 * types. Webhooks {@code 0 … HOT-1} listen to those, one each; every further webhook listens to one of the other
 * types, which no event of the stream has. So each event has exactly one listener whether there are 10 webhooks or
 * 1000: what the extra 990 cost is what the index fails to avoid, and the ratio of the two throughputs shows it.
 *
 * <p>Each webhook has 2 or 3 criteria (comparisons, {@code contains}, {@code changed}) and posts a small JSON body
 * built with {@code json(…)}; thresholds vary per webhook so that some listeners fire and some do not.
 */
public final class Workload {
    public static final int ENTITIES = 100;
    public static final String[] ACTIONS = {"Created", "Updated", "Deleted"};
    public static final int TYPES = ENTITIES * ACTIONS.length;
    public static final int EVENTS = 1000;
    /** The event types the stream uses; the first {@code HOT} webhooks listen to them. */
    public static final int HOT = 10;

    private static final String[] PORTFOLIOS = {"Digital Transformation", "Digital Marketing", "Digital Workplace",
            "Operations", "Finance"};
    private static final String[] STATUSES = {"On track", "At risk", "Off track", "Done"};
    private static final String[] PRIORITIES = {"Low", "Medium", "High"};
    private static final String[] OWNERS = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi",
            "ivan", "system"};

    private Workload() {
    }

    /** The type of event type index {@code t}: {@code Entity<t / 3>:<Created|Updated|Deleted>}. */
    public static String type(int t) {
        return "Entity" + (t / ACTIONS.length) + ":" + ACTIONS[t % ACTIONS.length];
    }

    /** Writes {@code n} webhooks, one file each ({@code hook_0000.groovy} …), into {@code folder}. */
    public static void writeDefinitions(Path folder, int n) throws IOException {
        Files.createDirectories(folder);
        Random random = new Random(42);
        for (int i = 0; i < n; i++) {
            int t = i < HOT ? i : HOT + (i - HOT) % (TYPES - HOT);
            String code = String.format("hook_%04d", i);
            Files.writeString(folder.resolve(code + ".groovy"), definition(code, t, random));
        }
    }

    static String definition(String code, int t, Random random) {
        String action = ACTIONS[t % ACTIONS.length];
        String portfolio = random.nextBoolean() ? "Digital" : "Operations";
        String filter = switch (action) {
            case "Updated" -> "        field('Budget') > " + random.nextInt(2500) + "\n"
                    + "        field('Portfolio').contains '" + portfolio + "'\n"
                    + "        changed 'Status'\n";
            case "Created" -> "        field('Budget') >= " + random.nextInt(2500) + "\n"
                    + "        field('Priority') != 'Low'\n"
                    + (random.nextBoolean() ? "        field('Portfolio').contains '" + portfolio + "'\n" : "");
            default -> "        field('Owner') != 'system'\n"
                    + "        field('Budget') < " + (2500 + random.nextInt(2500)) + "\n";
        };
        return "webhook('" + code + "') {\n"
                + "    on '" + type(t) + "'\n"
                + "    filter {\n"
                + filter
                + "    }\n"
                + "    request {\n"
                + "        post 'https://erp.example.com/hooks/${entity.id}'\n"
                + "        header 'Content-Type', 'application/json'\n"
                + "        body '''{\"id\": ${json(entity.id)}, \"type\": ${json(event.type)}, "
                + "\"status\": ${json(entity.attributes.Status)}, \"budget\": ${json(entity.attributes.Budget)}, "
                + "\"message\": ${json(message.id)}}'''\n"
                + "    }\n"
                + "}\n";
    }

    /** The event stream: {@link #EVENTS} events, completed as on arrival (changes derived from before). */
    public static Event[] events() {
        Random random = new Random(7);
        Clock clock = Clock.fixed(Instant.parse("2026-01-15T09:30:00Z"), ZoneOffset.UTC);
        Event[] events = new Event[EVENTS];
        for (int k = 0; k < EVENTS; k++) {
            int t = k % HOT;
            String type = type(t);
            String entityType = type.substring(0, type.indexOf(':'));
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("Name", entityType + " item " + k);
            attributes.put("Budget", random.nextInt(5000));
            attributes.put("Portfolio", pick(random, PORTFOLIOS));
            attributes.put("Status", pick(random, STATUSES));
            attributes.put("Priority", pick(random, PRIORITIES));
            attributes.put("Owner", pick(random, OWNERS));
            Map<String, Object> before = null;
            if (ACTIONS[t % ACTIONS.length].equals("Updated")) {
                before = new LinkedHashMap<>();
                before.put("Status", random.nextInt(10) < 7 ? other(random, STATUSES, (String) attributes.get("Status"))
                        : attributes.get("Status"));
                before.put("Budget", random.nextInt(10) < 3 ? random.nextInt(5000) : attributes.get("Budget"));
            }
            Event event = Event.builder(type).id("evt_" + k).tenant("acme")
                    .initiator(new Initiator("u-" + (k % 17), "User " + (k % 17), "user" + (k % 17)))
                    .entity(new Entity(entityType, "e-" + k, "E-" + k, attributes)).before(before)
                    .parent(new EntityRef("Portfolio", "p-" + (k % 20), "P-" + (k % 20))).build();
            events[k] = Events.complete(event, clock);
        }
        return events;
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String other(Random random, String[] values, String not) {
        String value;
        do {
            value = pick(random, values);
        } while (value.equals(not));
        return value;
    }
}
