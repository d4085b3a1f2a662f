package dev.softphone.activity;

import dev.softphone.Direction;
import dev.softphone.EndedBy;
import dev.softphone.Origin;
import dev.softphone.Target;
import dev.softphone.TransferMode;
import dev.softphone.internal.activity.RecordCodec;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One reportable fact about an agent's shift, derived from the phone's events and kept on disk until every sink has
 * it. Which fields a record fills depends on its {@link ActivityKind}; unused fields are null. Call records always
 * carry the call's facts known so far (direction, remote, queue, ring, talk and hold time), so a sink can map each
 * record without remembering earlier ones.
 *
 * @param id           stable id for deduplication downstream: the same for every delivery and across restarts
 * @param kind         what happened
 * @param phoneId      the phone (agent) it happened to
 * @param seq          the sequence number of the phone event it was derived from
 * @param at           when it happened
 * @param origin       whether the application or the softphone side caused it
 * @param sessionStart when the agent's current login session started, or null when unknown
 * @param callId       the call, for call records
 * @param direction    the call's direction
 * @param remote       the customer's number, or null
 * @param queue        the call's queue, or null
 * @param reason       the pause code (pause records; login record when the agent starts paused)
 * @param duration     the length of what just ended: pause, hold or login session
 * @param ringTime     from offer to answer (or to the end of ringing)
 * @param talkTime     from answer to now; null while or when never answered
 * @param holdTime     how long the customer was on hold in total so far
 * @param target       the transfer target
 * @param transferMode how a transfer completed
 * @param endedBy      who ended the call
 * @param attributes   further facts by name (for example {@code party}, {@code cause}, {@code stepId})
 * @param event        the phone event's normative JSON, for {@link ActivityKind#PHONE_EVENT}
 */
public record ActivityRecord(String id, ActivityKind kind, String phoneId, long seq, Instant at, Origin origin,
                             Instant sessionStart, String callId, Direction direction, String remote, String queue,
                             String reason, Duration duration, Duration ringTime, Duration talkTime,
                             Duration holdTime, Target target, TransferMode transferMode, EndedBy endedBy,
                             Map<String, String> attributes, String event) {

    /** Validates the components and freezes the attributes (sorted by name). */
    public ActivityRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(phoneId, "phoneId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(origin, "origin");
        if (id.isBlank()) {
            throw new IllegalArgumentException("an activity record id must not be blank");
        }
        attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    /**
     * @param name an attribute name
     * @return its value, or null
     */
    public String attribute(String name) {
        return attributes.get(name);
    }

    /** @return true for records about a call */
    public boolean isCallRecord() {
        return callId != null;
    }

    /** @return this record as one JSON object on one line (the form the spool and the JSON lines sink use) */
    public String toJson() {
        return RecordCodec.toJson(this);
    }

    /**
     * Reads the form written by {@link #toJson()}.
     *
     * @param json one JSON object
     * @return the record
     * @throws IllegalArgumentException when the text is not such a record, with what is wrong
     */
    public static ActivityRecord fromJson(String json) {
        return RecordCodec.fromJson(json);
    }

    /**
     * Starts a record.
     *
     * @param kind    what happened
     * @param phoneId the phone
     * @param at      when
     * @return a builder
     */
    public static Builder builder(ActivityKind kind, String phoneId, Instant at) {
        return new Builder(kind, phoneId, at);
    }

    /** @return a builder holding this record's values */
    public Builder toBuilder() {
        Builder b = new Builder(kind, phoneId, at);
        b.id = id;
        b.seq = seq;
        b.origin = origin;
        b.sessionStart = sessionStart;
        b.callId = callId;
        b.direction = direction;
        b.remote = remote;
        b.queue = queue;
        b.reason = reason;
        b.duration = duration;
        b.ringTime = ringTime;
        b.talkTime = talkTime;
        b.holdTime = holdTime;
        b.target = target;
        b.transferMode = transferMode;
        b.endedBy = endedBy;
        b.attributes.putAll(attributes);
        b.event = event;
        return b;
    }

    /** Builds an {@link ActivityRecord}; without an explicit id, {@link #build()} derives a stable one. */
    public static final class Builder {
        private final ActivityKind kind;
        private final String phoneId;
        private final Instant at;
        private String id;
        private long seq;
        private Origin origin = Origin.SOFTPHONE;
        private Instant sessionStart;
        private String callId;
        private Direction direction;
        private String remote;
        private String queue;
        private String reason;
        private Duration duration;
        private Duration ringTime;
        private Duration talkTime;
        private Duration holdTime;
        private Target target;
        private TransferMode transferMode;
        private EndedBy endedBy;
        private final Map<String, String> attributes = new TreeMap<>();
        private String event;

        private Builder(ActivityKind kind, String phoneId, Instant at) {
            this.kind = kind;
            this.phoneId = phoneId;
            this.at = at;
        }

        /**
         * @param v the id; default: derived from phone, time, sequence and kind
         * @return this builder
         */
        public Builder id(String v) {
            id = v;
            return this;
        }

        /**
         * @param v the source event's sequence number
         * @return this builder
         */
        public Builder seq(long v) {
            seq = v;
            return this;
        }

        /**
         * @param v the origin
         * @return this builder
         */
        public Builder origin(Origin v) {
            origin = v;
            return this;
        }

        /**
         * @param v the login session's start
         * @return this builder
         */
        public Builder sessionStart(Instant v) {
            sessionStart = v;
            return this;
        }

        /**
         * @param v the call id
         * @return this builder
         */
        public Builder callId(String v) {
            callId = v;
            return this;
        }

        /**
         * @param v the direction
         * @return this builder
         */
        public Builder direction(Direction v) {
            direction = v;
            return this;
        }

        /**
         * @param v the customer's number
         * @return this builder
         */
        public Builder remote(String v) {
            remote = v;
            return this;
        }

        /**
         * @param v the queue
         * @return this builder
         */
        public Builder queue(String v) {
            queue = v;
            return this;
        }

        /**
         * @param v the pause code
         * @return this builder
         */
        public Builder reason(String v) {
            reason = v;
            return this;
        }

        /**
         * @param v the length of what ended
         * @return this builder
         */
        public Builder duration(Duration v) {
            duration = v;
            return this;
        }

        /**
         * @param v the ring time
         * @return this builder
         */
        public Builder ringTime(Duration v) {
            ringTime = v;
            return this;
        }

        /**
         * @param v the talk time
         * @return this builder
         */
        public Builder talkTime(Duration v) {
            talkTime = v;
            return this;
        }

        /**
         * @param v the total hold time
         * @return this builder
         */
        public Builder holdTime(Duration v) {
            holdTime = v;
            return this;
        }

        /**
         * @param v the transfer target
         * @return this builder
         */
        public Builder target(Target v) {
            target = v;
            return this;
        }

        /**
         * @param v the transfer mode
         * @return this builder
         */
        public Builder transferMode(TransferMode v) {
            transferMode = v;
            return this;
        }

        /**
         * @param v who ended the call
         * @return this builder
         */
        public Builder endedBy(EndedBy v) {
            endedBy = v;
            return this;
        }

        /**
         * @param name an attribute name
         * @param value its value; null removes it
         * @return this builder
         */
        public Builder attribute(String name, String value) {
            if (value == null) {
                attributes.remove(name);
            } else {
                attributes.put(name, value);
            }
            return this;
        }

        /**
         * @param v the phone event's JSON
         * @return this builder
         */
        public Builder event(String v) {
            event = v;
            return this;
        }

        /** @return the record */
        public ActivityRecord build() {
            String theId = id != null ? id : RecordCodec.stableId(phoneId, at, seq, kind);
            return new ActivityRecord(theId, kind, phoneId, seq, at, origin, sessionStart, callId, direction, remote,
                    queue, reason, duration, ringTime, talkTime, holdTime, target, transferMode, endedBy, attributes,
                    event);
        }
    }
}
