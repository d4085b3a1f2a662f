package dev.softphone.avaya.internal;

import java.util.Map;
import java.util.Objects;

/**
 * One answer of one-X Agent: the root element's name and attributes, and its first child element (the notification
 * of a {@code NextNotificationResponse}), if any.
 *
 * @param root              the root element's name, for example {@code RegisterClientResponse}
 * @param responseCode      the {@code ResponseCode} attribute (0 means success)
 * @param attributes        every attribute of the root
 * @param child             the first child element's name, or null
 * @param childAttributes   the child's attributes (empty without a child)
 */
public record OneXResponse(String root, int responseCode, Map<String, String> attributes, String child,
                           Map<String, String> childAttributes) {

    /** Validates and copies the components. */
    public OneXResponse {
        Objects.requireNonNull(root, "root");
        attributes = Map.copyOf(attributes);
        childAttributes = Map.copyOf(childAttributes);
    }

    /** @return true for {@code ResponseCode="0"} */
    public boolean ok() {
        return responseCode == 0;
    }

    /**
     * @param name an attribute of the root
     * @return its value, or null
     */
    public String attribute(String name) {
        return attributes.get(name);
    }
}
