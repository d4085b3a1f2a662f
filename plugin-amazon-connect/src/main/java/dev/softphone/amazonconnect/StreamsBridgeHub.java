package dev.softphone.amazonconnect;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where bridge pages find their phone: every Amazon Connect driver registers here under its phone id, and the
 * transports (the Jakarta endpoint, the embedded server, in-process test links) look the phone up when a page
 * connects. One hub per JVM by default ({@link #shared()}); pass another to the plugin to isolate tests.
 * Thread-safe.
 */
public final class StreamsBridgeHub {
    private static final StreamsBridgeHub SHARED = new StreamsBridgeHub();

    private final Map<String, PageSink> phones = new ConcurrentHashMap<>();

    /** @return the JVM-wide hub */
    public static StreamsBridgeHub shared() {
        return SHARED;
    }

    /**
     * Registers a phone's driver.
     *
     * @param phoneId the phone's id
     * @param sink    its driver
     * @return a registration; close it when the phone closes
     * @throws IllegalStateException when a phone with that id is already registered
     */
    public AutoCloseable register(String phoneId, PageSink sink) {
        if (phones.putIfAbsent(phoneId, sink) != null) {
            throw new IllegalStateException("a phone with id '" + phoneId + "' is already registered with this "
                    + "bridge hub; give each phone a unique id");
        }
        return () -> phones.remove(phoneId, sink);
    }

    /**
     * @param phoneId a phone id
     * @return its driver, if registered
     */
    public Optional<PageSink> find(String phoneId) {
        return Optional.ofNullable(phones.get(phoneId));
    }
}
