package dev.softphone.internal;

import dev.softphone.spi.PluginLoader;
import dev.softphone.spi.SoftphonePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Chooses the plugin for a phone (rules in {@code docs/architecture.md}, "Discovery"): an explicitly named id wins;
 * exactly one plugin found and none named: that one; several and none named, none found, the named one missing, or
 * two plugins with one id: problems that say how to fix it. A broken provider is logged and the others still load.
 */
public final class PluginSelector {
    private static final Logger LOG = LoggerFactory.getLogger(PluginSelector.class);

    /** Ids our own plugins use; a plugin outside our packages cannot claim them. */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("amazon-connect", "avaya-onex", "fake");
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private PluginSelector() {
    }

    /**
     * Checks a plugin's id: lower-case words joined by dashes, and not a reserved first-party id unless the plugin
     * is ours.
     *
     * @param plugin the plugin
     * @return the problem, or null when the id is fine
     */
    public static String checkId(SoftphonePlugin plugin) {
        String id = plugin.id();
        String type = plugin.getClass().getName();
        if (id == null || id.isBlank()) {
            return "plugin " + type + " has a blank id";
        }
        if (!ID.matcher(id).matches()) {
            return "plugin " + type + " has the id '" + id + "'; ids are lower-case words joined by dashes";
        }
        if (RESERVED.contains(id) && !type.startsWith("dev.softphone.")) {
            return "plugin " + type + " claims the reserved id '" + id + "' of a softphone-sdk plugin";
        }
        return null;
    }

    /**
     * @param loader   where to look
     * @param wantedId the id the application named, or null
     * @param problems where problems are added
     * @return the plugin, or null when problems were added
     */
    public static SoftphonePlugin select(PluginLoader loader, String wantedId, List<String> problems) {
        PluginLoader.Result found;
        try {
            found = loader.load();
        } catch (RuntimeException e) {
            problems.add("the plugin loader failed: " + e);
            return null;
        }
        for (String broken : found.broken()) {
            LOG.warn("a softphone plugin could not be loaded and is skipped: {}", broken);
        }
        Map<String, List<SoftphonePlugin>> byId = new LinkedHashMap<>();
        for (SoftphonePlugin plugin : found.plugins()) {
            String bad = checkId(plugin);
            if (bad != null) {
                LOG.warn("a softphone plugin is skipped: {}", bad);
                continue;
            }
            LOG.debug("found softphone plugin '{}' version {} ({}, from {})", plugin.id(), plugin.version(),
                    plugin.getClass().getName(), location(plugin.getClass()));
            byId.computeIfAbsent(plugin.id(), k -> new ArrayList<>()).add(plugin);
        }
        int before = problems.size();
        byId.forEach((id, plugins) -> {
            if (plugins.size() > 1 && (wantedId == null || wantedId.equals(id))) {
                problems.add("two plugins have the id '" + id + "': " + plugins.stream()
                        .map(p -> p.getClass().getName()).collect(Collectors.joining(" and "))
                        + "; remove one of the jars from the class path");
            }
        });
        if (problems.size() > before) {
            return null;
        }
        String brokenNote = found.broken().isEmpty() ? ""
                : " (" + found.broken().size() + " provider(s) failed to load: " + String.join("; ", found.broken())
                + ")";
        if (wantedId != null) {
            List<SoftphonePlugin> named = byId.get(wantedId);
            if (named == null) {
                problems.add("no softphone plugin has the id '" + wantedId + "'; found "
                        + (byId.isEmpty() ? "none" : String.join(", ", byId.keySet())) + " in " + found.searched()
                        + brokenNote + "; add the plugin's jar (for example softphone-plugin-" + wantedId
                        + ") as a dependency");
                return null;
            }
            return named.get(0);
        }
        if (byId.isEmpty()) {
            problems.add("no softphone plugin found in " + found.searched() + brokenNote
                    + "; add a plugin jar (softphone-plugin-amazon-connect, softphone-plugin-avaya-onex) as a"
                    + " dependency, or pass one with PhoneBuilder.plugin(...)");
            return null;
        }
        if (byId.size() > 1) {
            problems.add("several softphone plugins found (" + String.join(", ", byId.keySet())
                    + "); choose one with PhoneBuilder.plugin(\"<id>\")");
            return null;
        }
        return byId.values().iterator().next().get(0);
    }

    private static String location(Class<?> type) {
        var source = type.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? "unknown location" : source.getLocation().toString();
    }
}
