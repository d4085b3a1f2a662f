package dev.softphone.amazonconnect.internal;

import dev.softphone.Destination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The agent's quick connects ({@code agent.getEndpoints} over the routing profile's queues and the default outbound
 * queue), fetched once per page load and looked up by name. A failed fetch is not cached. Thread-safe.
 */
public final class QuickConnects {
    private static final Logger LOG = LoggerFactory.getLogger(QuickConnects.class);

    private final Supplier<CompletableFuture<JsonNode>> fetch;
    private CompletableFuture<List<StreamsEndpoint>> cached;

    /**
     * @param fetch sends {@code getEndpoints} to the page and returns its result data
     */
    public QuickConnects(Supplier<CompletableFuture<JsonNode>> fetch) {
        this.fetch = fetch;
    }

    /** Forgets the list (a new page load may see other quick connects). */
    public synchronized void reset() {
        cached = null;
    }

    /** @return the quick connects, from the cache or the page */
    public CompletableFuture<List<StreamsEndpoint>> all() {
        CompletableFuture<List<StreamsEndpoint>> f;
        synchronized (this) {
            if (cached != null && !cached.isCompletedExceptionally()) {
                return cached;
            }
            f = new CompletableFuture<>();
            cached = f;
        }
        fetch.get().whenComplete((data, err) -> {
            if (err != null) {
                f.completeExceptionally(err);
            } else {
                f.complete(parse(data));
            }
        });
        return f;
    }

    /**
     * Finds a quick connect by name: exact name first, then ignoring case.
     *
     * @param name the name
     * @param type the endpoint type it must have ({@code queue}, {@code agent}), or null for any
     * @return the endpoint
     */
    public CompletableFuture<StreamsEndpoint> find(String name, String type) {
        return all().thenApply(list -> {
            StreamsEndpoint loose = null;
            for (StreamsEndpoint e : list) {
                if (type != null && !type.equals(e.type())) {
                    continue;
                }
                if (name.equals(e.name())) {
                    return e;
                }
                if (loose == null && name.equalsIgnoreCase(e.name())) {
                    loose = e;
                }
            }
            if (loose != null) {
                return loose;
            }
            throw new IllegalArgumentException("no quick connect named '" + name + "'"
                    + (type == null ? "" : " of type " + type) + " among this agent's quick connects ("
                    + describe(list) + "); quick connects are set up per queue in the Amazon Connect admin site");
        });
    }

    /** @return the quick connects as transfer destinations */
    public CompletableFuture<List<Destination>> destinations() {
        return all().thenApply(list -> {
            Set<String> names = new LinkedHashSet<>();
            for (StreamsEndpoint e : list) {
                if (e.name() != null && !e.name().isBlank()) {
                    names.add(e.name());
                }
            }
            return names.stream().map(Destination::quickConnect).toList();
        });
    }

    private static List<StreamsEndpoint> parse(JsonNode data) {
        List<StreamsEndpoint> out = new ArrayList<>();
        JsonNode list = data == null ? null : data.get("endpoints");
        if (list == null || !list.isArray()) {
            list = data == null ? null : data.get("addresses");
        }
        if (list == null || !list.isArray()) {
            LOG.warn("getEndpoints answered without an 'endpoints' array: {}", data);
            return out;
        }
        int i = 0;
        for (JsonNode node : list) {
            try {
                StreamsEndpoint e = SnapshotParser.endpoint(node, "endpoints[" + i + "]");
                if (e != null) {
                    out.add(e);
                }
            } catch (BadMessageException ex) {
                LOG.warn("getEndpoints: skipped a quick connect: {}", ex.getMessage());
            }
            i++;
        }
        return List.copyOf(out);
    }

    private static String describe(List<StreamsEndpoint> list) {
        if (list.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        for (StreamsEndpoint e : list) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(e.name()).append(" (").append(e.type()).append(')');
        }
        return sb.toString();
    }
}
