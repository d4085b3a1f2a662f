package dev.softphone.spi;

import dev.softphone.PauseReason;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A plugin's mapping between vendor state names (Amazon agent state names, Avaya aux codes) and
 * {@link PauseReason}s, both ways. Unknown vendor names become custom reasons that keep the vendor's name, never an
 * exception. Immutable; build with {@link #builder()}, override per phone with
 * {@link #withOverrides(PluginConfig)} (configuration keys {@code reason.<vendor name>=<reason code>}).
 */
public final class ReasonTable {
    private static final String PREFIX = "reason.";

    private final Map<String, PauseReason> toReason;
    private final Map<String, String> toVendor;

    private ReasonTable(Map<String, PauseReason> toReason) {
        this.toReason = Map.copyOf(toReason);
        Map<String, String> reverse = new LinkedHashMap<>();
        toReason.forEach((vendor, reason) -> reverse.putIfAbsent(reason.code(), vendor));
        this.toVendor = Map.copyOf(reverse);
    }

    /** @return a builder for a table */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param vendorName the vendor's state name or aux code
     * @return the mapped reason; for an unmapped name, a custom reason with that name (a well-known reason when the
     *         name is one of the well-known codes)
     */
    public PauseReason toReason(String vendorName) {
        PauseReason mapped = toReason.get(vendorName);
        if (mapped != null) {
            return mapped;
        }
        return PauseReason.custom(vendorName);
    }

    /**
     * @param reason a reason the application asks for
     * @return the vendor name mapped to it; for an unmapped custom reason, its code (the vendor's own name)
     */
    public Optional<String> toVendor(PauseReason reason) {
        String vendor = toVendor.get(reason.code());
        if (vendor != null) {
            return Optional.of(vendor);
        }
        return reason.isCustom() ? Optional.of(reason.code()) : Optional.empty();
    }

    /** @return the vendor name to reason entries, in insertion order */
    public Map<String, PauseReason> entries() {
        return toReason;
    }

    /**
     * Applies configuration overrides: each key {@code reason.<vendor name>} maps that vendor name to the reason
     * code given as value (a well-known code or a custom one).
     *
     * @param config the plugin's configuration
     * @return a table with the overrides applied (this table when there are none)
     */
    public ReasonTable withOverrides(PluginConfig config) {
        Map<String, PauseReason> merged = new LinkedHashMap<>(toReason);
        boolean changed = false;
        for (Map.Entry<String, String> e : config.asMap().entrySet()) {
            if (e.getKey().startsWith(PREFIX) && e.getKey().length() > PREFIX.length()) {
                String vendor = e.getKey().substring(PREFIX.length());
                // Reverse lookups prefer the configured entry, so drop older names mapped to the same reason.
                PauseReason reason = PauseReason.custom(e.getValue().trim());
                merged.remove(vendor);
                Map<String, PauseReason> reordered = new LinkedHashMap<>();
                reordered.put(vendor, reason);
                reordered.putAll(merged);
                merged = reordered;
                changed = true;
            }
        }
        return changed ? new ReasonTable(merged) : this;
    }

    @Override
    public String toString() {
        return "ReasonTable" + toReason;
    }

    /** Builds a {@link ReasonTable}. */
    public static final class Builder {
        private final Map<String, PauseReason> entries = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Maps a vendor name to a reason. The first vendor name mapped to a reason is the one used when the
         * application asks for that reason.
         *
         * @param vendorName the vendor's state name or aux code
         * @param reason     the reason
         * @return this builder
         */
        public Builder map(String vendorName, PauseReason reason) {
            if (vendorName == null || vendorName.isBlank()) {
                throw new IllegalArgumentException("a vendor state name must not be blank");
            }
            entries.put(vendorName, reason);
            return this;
        }

        /** @return the table */
        public ReasonTable build() {
            return new ReasonTable(entries);
        }
    }
}
