package dev.softphone.testkit.onex;

import java.util.LinkedHashMap;
import java.util.Map;

/** One voice interaction as the fake one-X Agent holds it. Guarded by the fake's lock. */
final class FakeInteraction {
    /** Where the interaction is. */
    enum State {
        /** Ringing at the agent. */
        ALERTING,
        /** Talking (or dialing: one-X tells no difference). */
        ACTIVE,
        /** On hold. */
        HELD
    }

    final String objectId;
    final String workItemId;
    final boolean outbound;
    final String number;
    final String name;
    final String topic;
    /** The Universal Call ID one-X reports, or null to leave the attribute out (some one-X versions do). */
    final String ucid;
    State state;

    FakeInteraction(String objectId, String workItemId, boolean outbound, String number, String name, String topic,
                    String ucid, State state) {
        this.ucid = ucid;
        this.objectId = objectId;
        this.workItemId = workItemId;
        this.outbound = outbound;
        this.number = number;
        this.name = name;
        this.topic = topic;
        this.state = state;
    }

    /**
     * @param full true for Created/Terminated (with RemoteAddress, Outbound), false for Missed
     * @return the notification attributes, in the order one-X's clients read them
     */
    Map<String, String> attributes(boolean full) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("ObjectId", objectId);
        a.put("WorkItemId", workItemId);
        a.put("RemoteUser", name == null ? "" : name);
        a.put("Topic", topic == null ? "" : topic);
        if (full) {
            a.put("RemoteAddress", number == null ? "" : number);
            a.put("PromptedDigits", "");
            a.put("UUI", "");
            a.put("Outbound", outbound ? "True" : "False");
            if (ucid != null) {
                a.put("UCID", ucid);
            }
        }
        return a;
    }
}
