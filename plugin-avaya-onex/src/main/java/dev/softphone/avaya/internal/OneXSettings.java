package dev.softphone.avaya.internal;

import dev.softphone.AgentState;
import dev.softphone.PauseReason;
import dev.softphone.spi.PluginConfig;
import dev.softphone.spi.ReasonTable;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The plugin's configuration, read and checked once. Keys are documented in {@code docs/avaya-onex.md}.
 *
 * @param apiBase          {@code <base-url>/onexagent/api/}, ending in a slash
 * @param clientName       prefix of the name registered with one-X (a random suffix makes it unique)
 * @param pollInterval     pause between two {@code nextnotification} requests once the queue is empty
 * @param retryInterval    first pause before trying again while one-X is not reachable (doubles each failure)
 * @param maxRetryInterval longest pause between two attempts while one-X is not reachable
 * @param requestTimeout   how long one HTTP request may take before one-X counts as not answering
 * @param initialState     the agent's state assumed when the plugin registers (one-X cannot tell it)
 * @param manualIn         true when agents work in Manual-In: after an answered inbound call the switch puts the
 *                         agent into after-call work by itself
 * @param dialPrefix       digits put before every number dialled (for example a trunk access code)
 * @param reasons          aux reason codes to pause reasons
 * @param transferTopics   the {@code Topic}s (skill or VDN labels) through which other agents transfer calls to this
 *                         agent: an inbound call with one of them is reported as transferred (one-X has no other sign)
 */
public record OneXSettings(URI apiBase, String clientName, Duration pollInterval, Duration retryInterval,
                           Duration maxRetryInterval, Duration requestTimeout, AgentState initialState,
                           boolean manualIn, String dialPrefix, ReasonTable reasons,
                           Set<String> transferTopics) {

    /** Copies the topics. */
    public OneXSettings {
        transferTopics = Set.copyOf(transferTopics);
    }

    /** Config key of the base URL. */
    public static final String BASE_URL = "base-url";
    /** Default base URL: one-X Agent's usual API port on the agent's own PC. */
    public static final String DEFAULT_BASE_URL = "http://127.0.0.1:60000";
    /** The API path one-X Agent serves, appended to the base URL. */
    public static final String API_PATH = "/onexagent/api/";

    /** The aux reason code the switch uses when none is given (CM "system AUX"). */
    public static final String SYSTEM_AUX_CODE = "0";

    /** The reason the default table gives aux code 0. */
    public static final PauseReason SYSTEM_AUX = new PauseReason("AUX", "Aux (default reason code 0)");

    private static final Set<String> KEYS = Set.of(BASE_URL, "client-name", "poll-interval", "retry-interval",
            "max-retry-interval", "request-timeout", "initial-state", "work-mode", "dial-prefix", "transfer-topics");
    private static final Pattern AUX_CODE = Pattern.compile("[0-9]{1,2}");
    private static final Pattern CLIENT_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,40}");
    private static final Pattern DIAL_PREFIX = Pattern.compile("[0-9*#]{0,8}");

    /**
     * Reads the configuration, collecting every problem instead of stopping at the first.
     *
     * @param config   the plugin's namespace of the phone's configuration
     * @param problems where problems go, one sentence each naming the key
     * @return the settings; meaningless when problems were added
     */
    public static OneXSettings read(PluginConfig config, List<String> problems) {
        URI api = apiBase(config.get(BASE_URL, DEFAULT_BASE_URL), problems);
        String name = config.get("client-name", "softphone-sdk").trim();
        if (!CLIENT_NAME.matcher(name).matches()) {
            problems.add("avaya-onex.client-name must be 1 to 40 letters, digits, '.', '_' or '-', got '" + name
                    + "'");
        }
        Duration poll = positive(config, "poll-interval", Duration.ofSeconds(1), problems);
        Duration retry = positive(config, "retry-interval", Duration.ofSeconds(1), problems);
        Duration maxRetry = positive(config, "max-retry-interval", Duration.ofSeconds(30), problems);
        if (retry != null && maxRetry != null && maxRetry.compareTo(retry) < 0) {
            problems.add("avaya-onex.max-retry-interval (" + maxRetry + ") must not be shorter than "
                    + "avaya-onex.retry-interval (" + retry + ")");
        }
        Duration timeout = positive(config, "request-timeout", Duration.ofSeconds(5), problems);
        ReasonTable reasons = reasons(config, problems);
        AgentState initial = initialState(config.get("initial-state", "aux"), reasons, problems);
        String mode = config.get("work-mode", "auto-in").trim().toLowerCase(Locale.ROOT);
        if (!mode.equals("auto-in") && !mode.equals("manual-in")) {
            problems.add("avaya-onex.work-mode must be auto-in or manual-in, got '" + mode + "'");
        }
        String prefix = config.get("dial-prefix", "").trim();
        if (!DIAL_PREFIX.matcher(prefix).matches()) {
            problems.add("avaya-onex.dial-prefix must be up to 8 digits, '*' or '#', got '" + prefix + "'");
        }
        for (String key : config.asMap().keySet()) {
            if (!KEYS.contains(key) && !key.startsWith("reason.")) {
                problems.add("avaya-onex." + key + " is not a setting of the one-X Agent plugin; known settings: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ", reason.<aux code>");
            }
        }
        return new OneXSettings(api, name, poll, retry, maxRetry, timeout, initial, mode.equals("manual-in"),
                prefix, reasons, transferTopics(config.get("transfer-topics", "")));
    }

    /**
     * Reads the configuration of a phone whose configuration was validated already.
     *
     * @param config the configuration
     * @return the settings
     * @throws IllegalArgumentException listing the problems when the configuration is not usable
     */
    public static OneXSettings read(PluginConfig config) {
        List<String> problems = new ArrayList<>();
        OneXSettings settings = read(config, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return settings;
    }

    /** Comma-separated topics, blanks ignored. */
    private static Set<String> transferTopics(String list) {
        Set<String> topics = new java.util.LinkedHashSet<>();
        for (String t : list.split(",")) {
            if (!t.isBlank()) {
                topics.add(t.trim());
            }
        }
        return topics;
    }

    private static URI apiBase(String baseUrl, List<String> problems) {
        String trimmed = baseUrl.trim();
        Supplier<String> bad = () -> "avaya-onex.base-url must be an http URL like " + DEFAULT_BASE_URL
                + " (the plugin appends " + API_PATH.substring(0, API_PATH.length() - 1) + "), got '" + baseUrl + "'";
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                problems.add(bad.get());
                return URI.create(DEFAULT_BASE_URL + API_PATH);
            }
            if (uri.getPath() != null && uri.getPath().contains("/onexagent")) {
                problems.add("avaya-onex.base-url must not contain the API path: give " + uri.getScheme() + "://"
                        + uri.getRawAuthority() + " and the plugin appends " + API_PATH + ", got '" + baseUrl + "'");
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            return new URI(uri.getScheme() + "://" + uri.getRawAuthority() + path + API_PATH);
        } catch (URISyntaxException e) {
            problems.add(bad.get());
            return URI.create(DEFAULT_BASE_URL + API_PATH);
        }
    }

    private static Duration positive(PluginConfig config, String key, Duration fallback, List<String> problems) {
        try {
            Duration d = config.getDuration(key, fallback);
            if (d.isZero() || d.isNegative()) {
                problems.add("avaya-onex." + key + " must be a positive duration, got '" + config.get(key, "")
                        + "'");
                return fallback;
            }
            return d;
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return fallback;
        }
    }

    private static ReasonTable reasons(PluginConfig config, List<String> problems) {
        for (var e : config.asMap().entrySet()) {
            if (e.getKey().startsWith("reason.")) {
                String code = e.getKey().substring("reason.".length());
                if (!AUX_CODE.matcher(code).matches()) {
                    problems.add("avaya-onex." + e.getKey() + ": an aux reason code is a number from 0 to 99, got '"
                            + code + "'");
                }
                if (e.getValue().isBlank()) {
                    problems.add("avaya-onex." + e.getKey() + " must name a pause reason (for example BREAK)");
                }
            }
        }
        return ReasonTable.builder().map(SYSTEM_AUX_CODE, SYSTEM_AUX).build().withOverrides(config);
    }

    private static AgentState initialState(String value, ReasonTable reasons, List<String> problems) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("ready")) {
            return AgentState.READY;
        }
        if (v.equals("after-call-work")) {
            return AgentState.notReady(PauseReason.AFTER_CALL_WORK);
        }
        if (v.equals("aux")) {
            return AgentState.notReady(reasons.toReason(SYSTEM_AUX_CODE));
        }
        if (v.startsWith("aux:") && AUX_CODE.matcher(v.substring(4)).matches()) {
            return AgentState.notReady(reasons.toReason(v.substring(4)));
        }
        problems.add("avaya-onex.initial-state must be ready, aux, aux:<code 0-99> or after-call-work, got '"
                + value + "'");
        return AgentState.notReady(SYSTEM_AUX);
    }
}
