package dev.softphone.internal.activity;

import dev.softphone.Direction;
import dev.softphone.EndedBy;
import dev.softphone.Target;
import dev.softphone.TransferMode;
import dev.softphone.activity.ActivityRecord;
import dev.softphone.activity.QueueLogPauseEncoding;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps activity records to QueueMetrics {@code queue_log} lines (mapping table in {@code docs/reporting.md}). Stateless:
 * every record carries the call facts it needs, so the mapping survives restarts and redeliveries unchanged.
 */
public final class QueueLogMapper {
    private static final String NONE = "NONE";

    /**
     * What the mapping needs to know about the QueueMetrics setup.
     *
     * @param agentFormat   the agent field, {@code {phoneId}} replaced (default {@code Agent/{phoneId}})
     * @param channelFormat the AGENTLOGIN channel, {@code {phoneId}} replaced
     * @param memberQueues  queues the agent is a member of (ADDMEMBER/REMOVEMEMBER and per-queue PAUSE lines)
     * @param inboundQueue  the queue of inbound calls that name none
     * @param outboundQueue the queue outbound calls are logged in
     * @param pauseEncoding how pauses are written
     * @param pauseCodes    SDK pause code to QueueMetrics pause code (others pass unchanged)
     */
    public record Settings(String agentFormat, String channelFormat, List<String> memberQueues, String inboundQueue,
                           String outboundQueue, QueueLogPauseEncoding pauseEncoding, Map<String, String> pauseCodes) {
        /** Freezes the collections. */
        public Settings {
            memberQueues = List.copyOf(memberQueues);
            pauseCodes = Map.copyOf(pauseCodes);
        }
    }

    private final Settings settings;

    /**
     * @param settings the setup
     */
    public QueueLogMapper(Settings settings) {
        this.settings = settings;
    }

    /**
     * @param r a record
     * @return its lines, possibly none
     */
    public List<QueueLogLine> map(ActivityRecord r) {
        List<QueueLogLine> out = new ArrayList<>(4);
        String agent = settings.agentFormat().replace("{phoneId}", r.phoneId());
        long t = r.at().getEpochSecond();
        switch (r.kind()) {
            case LOGGED_IN -> {
                out.add(line(t, NONE, NONE, agent, "AGENTLOGIN", channel(r)));
                for (String q : settings.memberQueues()) {
                    out.add(line(t, NONE, q, agent, "ADDMEMBER", r.reason() != null ? "PAUSED" : ""));
                }
            }
            case LOGGED_OUT -> {
                for (String q : settings.memberQueues()) {
                    out.add(line(t, NONE, q, agent, "REMOVEMEMBER", ""));
                }
                out.add(line(t, NONE, NONE, agent, "AGENTLOGOFF", channel(r), secs(r.duration())));
            }
            case PAUSE_STARTED -> pause(out, t, agent, pauseCode(r.reason()));
            case PAUSE_ENDED -> {
                out.add(line(t, NONE, NONE, agent, "UNPAUSEALL", ""));
                if (settings.pauseEncoding() != QueueLogPauseEncoding.VICIDIAL) {
                    for (String q : settings.memberQueues()) {
                        out.add(line(t, NONE, q, agent, "UNPAUSE", ""));
                    }
                }
            }
            case CALL_OFFERED -> {
                if (r.direction() == Direction.OUTBOUND) {
                    out.add(line(t, r.callId(), queue(r), agent, "CALLOUTBOUND", "", r.remote()));
                }
            }
            case CALL_ANSWERED -> {
                if (r.direction() == Direction.OUTBOUND) {
                    out.add(line(t, r.callId(), queue(r), agent, "CONNECT", secs(r.ringTime())));
                } else {
                    long entered = r.ringTime() == null ? t : r.at().minus(r.ringTime()).getEpochSecond();
                    out.add(line(entered, r.callId(), queue(r), NONE, "ENTERQUEUE", "", r.remote(), "1"));
                    out.add(line(t, r.callId(), queue(r), agent, "CONNECT", secs(r.ringTime()), r.callId(),
                            secs(r.ringTime())));
                }
            }
            case CALL_MISSED -> {
                if (r.direction() == Direction.OUTBOUND) {
                    out.add(line(t, r.callId(), queue(r), agent, "ABANDON", "1", "1", secs(r.ringTime())));
                } else {
                    out.add(line(t, r.callId(), queue(r), agent, "RINGNOANSWER", millis(r.ringTime())));
                }
            }
            case CALL_ENDED -> ended(out, t, agent, r);
            case HOLD_STARTED -> {
                if ("CUSTOMER".equals(r.attribute("party"))) {
                    out.add(line(t, r.callId(), queue(r), agent, "CALLERONHOLD", purpose(r)));
                }
            }
            case HOLD_ENDED -> {
                if ("CUSTOMER".equals(r.attribute("party"))) {
                    out.add(line(t, r.callId(), queue(r), agent, "CALLEROFFHOLD", secs(r.duration()), purpose(r)));
                }
            }
            case TRANSFER_COMPLETED -> transferred(out, t, agent, r);
            default -> {
                // transfer start/cancel, conference, received transfers and manual steps have no queue_log verb
            }
        }
        return out;
    }

    private void pause(List<QueueLogLine> out, long t, String agent, String code) {
        QueueLogPauseEncoding enc = settings.pauseEncoding();
        boolean codeOnPause = enc == QueueLogPauseEncoding.ASTERISK || enc == QueueLogPauseEncoding.ALL;
        out.add(line(t, NONE, NONE, agent, "PAUSEALL", codeOnPause ? code : ""));
        if (enc != QueueLogPauseEncoding.VICIDIAL) {
            for (String q : settings.memberQueues()) {
                out.add(line(t, NONE, q, agent, "PAUSE", codeOnPause ? code : ""));
            }
        }
        if (enc != QueueLogPauseEncoding.ASTERISK) {
            out.add(line(t, NONE, NONE, agent, "PAUSEREASON", code));
        }
    }

    private void ended(List<QueueLogLine> out, long t, String agent, ActivityRecord r) {
        boolean outbound = r.direction() == Direction.OUTBOUND;
        if (r.talkTime() == null) {
            // never answered: the caller gave up while it rang, or nobody answered our outbound call
            out.add(outbound ? line(t, r.callId(), queue(r), agent, "ABANDON", "1", "1", secs(r.ringTime()))
                    : line(t, r.callId(), queue(r), agent, "RINGCANCELED", millis(r.ringTime())));
            return;
        }
        if (r.endedBy() == EndedBy.TRANSFER || "true".equals(r.attribute("transferred"))) {
            return; // the transfer line closed this call already; Asterisk writes no COMPLETE* after a transfer
        }
        String verb = r.endedBy() == EndedBy.REMOTE ? "COMPLETECALLER" : "COMPLETEAGENT";
        out.add(outbound ? line(t, r.callId(), queue(r), agent, verb, secs(r.ringTime()), secs(r.talkTime()))
                : line(t, r.callId(), queue(r), agent, verb, secs(r.ringTime()), secs(r.talkTime()), "1"));
    }

    private void transferred(List<QueueLogLine> out, long t, String agent, ActivityRecord r) {
        Target target = r.target();
        String who = target == null ? "" : target.name() != null ? target.name()
                : target.number() != null ? target.number() : target.kind().name();
        if (r.transferMode() == TransferMode.BLIND) {
            String context = target == null ? "" : target.kind().name().toLowerCase(java.util.Locale.ROOT);
            out.add(line(t, r.callId(), queue(r), agent, "BLINDTRANSFER", who, context, secs(r.ringTime()),
                    secs(r.talkTime()), "1"));
        } else {
            out.add(line(t, r.callId(), queue(r), agent, "ATTENDEDTRANSFER", "BRIDGE", who, secs(r.ringTime()),
                    secs(r.talkTime()), "1"));
        }
    }

    private String queue(ActivityRecord r) {
        if (r.direction() == Direction.OUTBOUND) {
            return settings.outboundQueue();
        }
        return r.queue() != null && !r.queue().isBlank() ? r.queue() : settings.inboundQueue();
    }

    private String channel(ActivityRecord r) {
        return settings.channelFormat().replace("{phoneId}", r.phoneId());
    }

    private String pauseCode(String sdkCode) {
        if (sdkCode == null) {
            return "";
        }
        return settings.pauseCodes().getOrDefault(sdkCode, sdkCode);
    }

    private static String purpose(ActivityRecord r) {
        String p = r.attribute("purpose");
        return p != null ? p : "HOLD";
    }

    private static String secs(Duration d) {
        return d == null ? "0" : Long.toString(d.toSeconds());
    }

    private static String millis(Duration d) {
        return d == null ? "0" : Long.toString(d.toMillis());
    }

    private static QueueLogLine line(long t, String callId, String queue, String agent, String verb, String... data) {
        return new QueueLogLine(t, callId, queue, agent, verb,
                java.util.Arrays.stream(data).map(d -> d == null ? "" : d).toList());
    }
}
