package dev.softphone.internal.activity;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Google Analytics 4 Measurement Protocol limits and reserved names, checked before anything is sent. Each check
 * returns null when fine, or a message that names the limit that was broken.
 */
public final class Ga4Limits {
    /** Events in one request. */
    public static final int MAX_EVENTS_PER_REQUEST = 25;
    /** Parameters in one event. */
    public static final int MAX_PARAMS_PER_EVENT = 25;
    /** Length of event and parameter names. */
    public static final int MAX_NAME_LENGTH = 40;
    /** Length of a parameter value (standard properties; GA360 allows 500). */
    public static final int MAX_PARAM_VALUE_LENGTH = 100;
    /** Length of a user property name. */
    public static final int MAX_USER_PROPERTY_NAME_LENGTH = 24;
    /** Length of a user property value. */
    public static final int MAX_USER_PROPERTY_VALUE_LENGTH = 36;
    /** User properties in one request. */
    public static final int MAX_USER_PROPERTIES = 25;
    /** The request body must stay below this many bytes (130 kB). */
    public static final int MAX_BODY_BYTES = 130_000;
    /** How far back a timestamp may lie. */
    public static final Duration MAX_BACKDATING = Duration.ofHours(72);
    /** Length of a user_id value. */
    public static final int MAX_USER_ID_LENGTH = 256;

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Set<String> RESERVED_EVENTS = Set.of("ad_activeview", "ad_click", "ad_exposure",
            "ad_query", "ad_reward", "adunit_exposure", "app_clear_data", "app_exception", "app_install",
            "app_remove", "app_store_refund", "app_update", "app_upgrade", "dynamic_link_app_open",
            "dynamic_link_app_update", "dynamic_link_first_open", "error", "firebase_campaign",
            "firebase_in_app_message_action", "firebase_in_app_message_dismiss", "firebase_in_app_message_impression",
            "first_open", "first_visit", "notification_dismiss", "notification_foreground", "notification_open",
            "notification_receive", "notification_send", "os_update", "session_start", "user_engagement",
            // allowed for app streams only; this sink sends to web streams
            "ad_impression", "in_app_purchase", "screen_view");
    private static final List<String> RESERVED_PARAM_PREFIXES = List.of("_", "firebase_", "ga_", "google_", "gtag.");
    private static final Set<String> RESERVED_USER_PROPERTIES = Set.of("first_open_time", "first_visit_time",
            "last_deep_link_referrer", "user_id", "first_open_after_install");
    private static final List<String> RESERVED_USER_PROPERTY_PREFIXES = List.of("_", "firebase_", "ga_", "google_");

    private Ga4Limits() {
    }

    /**
     * @param name an event name
     * @return null, or what is wrong
     */
    public static String checkEventName(String name) {
        String shape = checkName("event name", name, MAX_NAME_LENGTH);
        if (shape != null) {
            return shape;
        }
        return RESERVED_EVENTS.contains(name) ? "event name '" + name + "' is reserved by GA4 and cannot be sent"
                : null;
    }

    /**
     * @param name a parameter name
     * @return null, or what is wrong
     */
    public static String checkParamName(String name) {
        String shape = checkName("parameter name", name, MAX_NAME_LENGTH);
        if (shape != null) {
            return shape;
        }
        if (name.equals("firebase_conversion")) {
            return "parameter name 'firebase_conversion' is reserved by GA4";
        }
        for (String p : RESERVED_PARAM_PREFIXES) {
            if (name.startsWith(p)) {
                return "parameter name '" + name + "' uses the reserved prefix '" + p + "'";
            }
        }
        return null;
    }

    /**
     * @param name  the parameter's name
     * @param value a parameter value
     * @return null, or what is wrong (GA counts characters of the URL-encoded form)
     */
    public static String checkParamValue(String name, String value) {
        int n = encodedLength(value);
        return n > MAX_PARAM_VALUE_LENGTH ? "parameter '" + name + "' value has " + n + " characters (URL-encoded); "
                + "GA4 allows at most " + MAX_PARAM_VALUE_LENGTH + " (parameter value length limit)" : null;
    }

    /**
     * @param name  a user property name
     * @param value its value
     * @return null, or what is wrong
     */
    public static String checkUserProperty(String name, String value) {
        String shape = checkName("user property name", name, MAX_USER_PROPERTY_NAME_LENGTH);
        if (shape != null) {
            return shape;
        }
        if (RESERVED_USER_PROPERTIES.contains(name)) {
            return "user property name '" + name + "' is reserved by GA4";
        }
        for (String p : RESERVED_USER_PROPERTY_PREFIXES) {
            if (name.startsWith(p)) {
                return "user property name '" + name + "' uses the reserved prefix '" + p + "'";
            }
        }
        int n = value == null ? 0 : encodedLength(value);
        return n > MAX_USER_PROPERTY_VALUE_LENGTH ? "user property '" + name + "' value has " + n
                + " characters; GA4 allows at most " + MAX_USER_PROPERTY_VALUE_LENGTH
                + " (user property value length limit)" : null;
    }

    private static String checkName(String what, String name, int max) {
        if (name == null || name.isEmpty()) {
            return what + " must not be empty";
        }
        if (name.length() > max) {
            return what + " '" + name + "' has " + name.length() + " characters; GA4 allows at most " + max
                    + " (" + what + " length limit)";
        }
        if (!NAME.matcher(name).matches()) {
            return what + " '" + name + "' must start with a letter and hold only letters, digits and underscores "
                    + "(GA4 naming rule)";
        }
        return null;
    }

    private static int encodedLength(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).length();
    }
}
