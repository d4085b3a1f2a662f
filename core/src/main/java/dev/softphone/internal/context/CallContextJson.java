package dev.softphone.internal.context;

import dev.softphone.CallContext;
import dev.softphone.InvalidCallContextException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON form of a call context, as stores keep it: {@code {"scriptPosition":…,"values":{…}}}. Decimals are read as
 * {@code BigDecimal} so nothing is rounded on the way. Thread-safe.
 */
public final class CallContextJson {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private CallContextJson() {
    }

    /**
     * @param context a context
     * @return its JSON text
     */
    public static String write(CallContext context) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("scriptPosition", context.scriptPosition());
        root.put("values", context.values());
        return MAPPER.writeValueAsString(root);
    }

    /**
     * @param json JSON text written by {@link #write(CallContext)}
     * @return the context
     * @throws IllegalArgumentException when the text is not such a JSON object
     */
    public static CallContext read(String json) {
        Map<?, ?> root;
        try {
            root = MAPPER.readValue(json, Map.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage(), e);
        }
        Object position = root.get("scriptPosition");
        Object values = root.get("values");
        if ((position != null && !(position instanceof String)) || (values != null && !(values instanceof Map))) {
            throw new IllegalArgumentException("expected {\"scriptPosition\": string, \"values\": object}");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) values;
        return new CallContext(map, (String) position);
    }

    /**
     * @param context a context
     * @return the size of its JSON form in UTF-8 bytes
     */
    public static int size(CallContext context) {
        return write(context).getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Refuses a context larger than a limit, naming the call it was attached to.
     *
     * @param context  the context
     * @param limit    the store's limit in bytes
     * @param callId   the call it is for, or null
     * @throws InvalidCallContextException when it is larger
     */
    public static void checkSize(CallContext context, int limit, String callId) {
        int size = size(context);
        if (size > limit) {
            throw new InvalidCallContextException("the call context" + (callId == null ? "" : " for call " + callId)
                    + " is " + size + " bytes as JSON; the context store takes at most " + limit
                    + " bytes: keep references (ids, URLs) in the context, not documents");
        }
    }
}
