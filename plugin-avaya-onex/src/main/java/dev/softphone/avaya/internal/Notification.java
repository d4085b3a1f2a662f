package dev.softphone.avaya.internal;

import java.util.Map;

/** One notification from one-X Agent's {@code nextnotification}, as the reference lists them. */
public sealed interface Notification {

    /**
     * Reads the child element of a {@code NextNotificationResponse}.
     *
     * @param answer the answer
     * @return the notification ({@link QueueEmpty} when the answer has no child)
     */
    static Notification of(OneXResponse answer) {
        Map<String, String> a = answer.childAttributes();
        String name = answer.child();
        if (name == null || name.equals("QueueEmpty")) {
            return new QueueEmpty();
        }
        String id = a.getOrDefault("ObjectId", "");
        return switch (name) {
            case "VoiceInteractionCreated" -> new VoiceCreated(id, "true".equalsIgnoreCase(a.get("Outbound")),
                    blankToNull(a.get("RemoteAddress")), blankToNull(a.get("RemoteUser")),
                    blankToNull(a.get("Topic")), blankToNull(a.get("UCID")));
            case "VoiceInteractionTerminated" -> new VoiceTerminated(id);
            case "VoiceInteractionMissed" -> new VoiceMissed(id);
            default -> new Other(name, a);
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Nothing queued. */
    record QueueEmpty() implements Notification {
    }

    /**
     * {@code VoiceInteractionCreated}: a call exists (inbound and alerting, or outbound).
     *
     * @param objectId      the interaction id
     * @param outbound      {@code Outbound="True"}
     * @param remoteAddress the far end's number, or null
     * @param remoteUser    the far end's name, or null
     * @param topic         the skill or VDN label, or null
     * @param ucid          the Universal Call ID, or null: the reference rates it LOW confidence, some one-X versions
     *                      leave it out
     */
    record VoiceCreated(String objectId, boolean outbound, String remoteAddress, String remoteUser, String topic,
                        String ucid) implements Notification {

        /**
         * A notification without a UCID.
         *
         * @param objectId      the interaction id
         * @param outbound      {@code Outbound="True"}
         * @param remoteAddress the far end's number, or null
         * @param remoteUser    the far end's name, or null
         * @param topic         the skill or VDN label, or null
         */
        VoiceCreated(String objectId, boolean outbound, String remoteAddress, String remoteUser, String topic) {
            this(objectId, outbound, remoteAddress, remoteUser, topic, null);
        }
    }

    /**
     * {@code VoiceInteractionTerminated}: the call ended.
     *
     * @param objectId the interaction id
     */
    record VoiceTerminated(String objectId) implements Notification {
    }

    /**
     * {@code VoiceInteractionMissed}: an inbound call went unanswered.
     *
     * @param objectId the interaction id
     */
    record VoiceMissed(String objectId) implements Notification {
    }

    /**
     * Any other notification (work items, IM): not about the voice picture.
     *
     * @param name       the element name
     * @param attributes its attributes
     */
    record Other(String name, Map<String, String> attributes) implements Notification {
        /** Copies the attributes. */
        public Other {
            attributes = Map.copyOf(attributes);
        }
    }
}
