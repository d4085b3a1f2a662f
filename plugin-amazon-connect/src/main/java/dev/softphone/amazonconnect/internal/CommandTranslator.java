package dev.softphone.amazonconnect.internal;

import dev.softphone.AgentState;
import dev.softphone.Destination;
import dev.softphone.InvalidPhoneStateException;
import dev.softphone.Party;
import dev.softphone.PauseReason;
import dev.softphone.spi.DriverCommand;
import dev.softphone.spi.ReasonTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Turns driver commands into bridge {@code command} messages (DESIGN §6) — the Streams calls of the reference's §8:
 * {@code setState} with the state object of {@code configuration.agentStates} (and {@code enqueueNextState} while a
 * contact is up), {@code connect}, {@code addConnection} with a quick connect from {@code getEndpoints} or a phone
 * endpoint, {@code conference}, {@code toggle}, {@code hold}/{@code resume}/{@code destroy}/{@code sendDigits} on the
 * right connection, {@code accept}, {@code reject}, {@code clear}, {@code mute}/{@code unmute}, {@code logout}.
 * Reads the last snapshot and configuration the driver accepted. Thread-safe (it keeps no state of its own).
 */
public final class CommandTranslator {
    private static final Logger LOG = LoggerFactory.getLogger(CommandTranslator.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Contact states of after-call work and of finished offers, which {@code contact.clear} removes. */
    private static final Set<String> CLEARABLE = Set.of("ended", "missed", "rejected", "error");

    /** What the translator needs from the driver. */
    public interface Bridge {
        /**
         * Sends a command to the page.
         *
         * @param op   the op
         * @param args its arguments
         * @return the result's data, or a failure
         */
        CompletableFuture<JsonNode> send(String op, ObjectNode args);

        /** @return the last accepted snapshot, or null before the first one */
        StreamsSnapshot snapshot();

        /** @return the last configuration the page sent */
        StreamsConfiguration configuration();
    }

    private final Bridge bridge;
    private final QuickConnects quickConnects;
    private final ReasonTable reasons;

    /**
     * @param bridge        where commands go
     * @param quickConnects the agent's quick connects
     * @param reasons       pause reasons to Amazon state names
     */
    public CommandTranslator(Bridge bridge, QuickConnects quickConnects, ReasonTable reasons) {
        this.bridge = bridge;
        this.quickConnects = quickConnects;
        this.reasons = reasons;
    }

    /**
     * @param command a driver command
     * @return completes when the page acknowledged every step
     */
    public CompletableFuture<?> execute(DriverCommand command) {
        if (command instanceof DriverCommand.SetState s) {
            return setState(s);
        } else if (command instanceof DriverCommand.Logout) {
            return logout();
        } else if (command instanceof DriverCommand.ClearCall c) {
            return bridge.send("clear", contactArgs(contact(c.callId()).contactId()));
        } else if (command instanceof DriverCommand.Dial d) {
            return dial(d.destination());
        } else if (command instanceof DriverCommand.Answer a) {
            return bridge.send("accept", contactArgs(contact(a.callId()).contactId()));
        } else if (command instanceof DriverCommand.Reject r) {
            return bridge.send("reject", contactArgs(contact(r.callId()).contactId()));
        } else if (command instanceof DriverCommand.Hangup h) {
            return destroy(h.callId(), agentConnection(contact(h.callId())));
        } else if (command instanceof DriverCommand.Hold h) {
            return bridge.send("hold", connectionArgs(h.callId(), connectionFor(h.callId(), h.party(), h.legId())));
        } else if (command instanceof DriverCommand.Resume r) {
            return bridge.send("resume", connectionArgs(r.callId(), connectionFor(r.callId(), r.party(), r.legId())));
        } else if (command instanceof DriverCommand.SetMute m) {
            return bridge.send(m.muted() ? "mute" : "unmute", NODES.objectNode());
        } else if (command instanceof DriverCommand.SendDigits d) {
            StreamsContact c = contact(d.callId());
            return bridge.send("sendDigits", connectionArgs(c.contactId(), agentConnection(c)).put("digits",
                    d.digits()));
        } else if (command instanceof DriverCommand.AddParty a) {
            String contactId = contact(a.callId()).contactId();
            return endpointFor(a.destination()).thenCompose(ep -> {
                ObjectNode args = contactArgs(contactId);
                args.set("endpoint", endpointJson(ep));
                return bridge.send("addConnection", args);
            });
        } else if (command instanceof DriverCommand.Conference c) {
            return bridge.send("conference", contactArgs(contact(c.callId()).contactId()));
        } else if (command instanceof DriverCommand.Swap s) {
            return bridge.send("toggle", contactArgs(contact(s.callId()).contactId()));
        } else if (command instanceof DriverCommand.DropParty d) {
            StreamsContact c = contact(d.callId());
            if (c.connection(d.legId()) == null) {
                throw new InvalidPhoneStateException("call " + d.callId() + " has no leg " + d.legId(), null);
            }
            return destroy(c.contactId(), d.legId());
        } else if (command instanceof DriverCommand.LeaveCall l) {
            return destroy(l.callId(), agentConnection(contact(l.callId())));
        } else if (command instanceof DriverCommand.Login) {
            throw new UnsupportedOperationException("Amazon Connect cannot log an agent in from code: the agent "
                    + "signs in through the login window the CCP opens (or SSO through loginUrl)");
        }
        throw new UnsupportedOperationException("the Amazon Connect plugin does not know " + command.describe());
    }

    // ----- agent state -----

    private CompletableFuture<?> setState(DriverCommand.SetState s) {
        if (!s.target().isLoggedIn()) {
            return logout();
        }
        StreamsConfiguration conf = bridge.configuration();
        AgentStateRef ref = s.target().isRoutable() ? conf.firstOfType("routable") : pauseState(s.target(), conf);
        if (ref == null) {
            throw new IllegalArgumentException("this agent has no routable state among " + conf.describeStates());
        }
        StreamsSnapshot snap = bridge.snapshot();
        List<StreamsContact> contacts = snap == null ? List.of() : snap.contacts();
        if (!s.whenCallsEnd()) {
            // No call is up: a state asked for now ends after-call work (and finished offers) first, with
            // contact.clear, so it applies at once instead of being queued behind them.
            List<String> clear = new ArrayList<>();
            List<StreamsContact> remaining = new ArrayList<>();
            for (StreamsContact c : contacts) {
                if (c.isVoice() && CLEARABLE.contains(c.state())) {
                    clear.add(c.contactId());
                } else {
                    remaining.add(c);
                }
            }
            CompletableFuture<?> chain = CompletableFuture.completedFuture(null);
            for (String id : clear) {
                chain = chain.thenCompose(x -> bridge.send("clear", contactArgs(id)));
            }
            boolean enqueue = !remaining.isEmpty();
            return chain.thenCompose(x -> bridge.send("setState", stateArgs(ref, enqueue)));
        }
        return bridge.send("setState", stateArgs(ref, s.whenCallsEnd() || !contacts.isEmpty()));
    }

    private AgentStateRef pauseState(AgentState target, StreamsConfiguration conf) {
        PauseReason reason = target.reason();
        AgentStateRef ref = reasons.toVendor(reason).map(conf::stateNamed).orElse(null);
        if (ref == null) {
            ref = conf.stateNamed(reason.code());
        }
        if (ref == null) {
            ref = conf.stateNamed(reason.label());
        }
        if (ref == null || "routable".equals(ref.type())) {
            throw new IllegalArgumentException("no not-routable Amazon Connect state for pause reason "
                    + reason.code() + " (the agent's states: " + conf.describeStates() + "); map one with "
                    + "amazon-connect.reason.<state name>=" + reason.code());
        }
        return ref;
    }

    private CompletableFuture<?> logout() {
        StreamsConfiguration conf = bridge.configuration();
        AgentStateRef offline = conf.firstOfType("offline");
        StreamsSnapshot snap = bridge.snapshot();
        boolean contacts = snap != null && !snap.contacts().isEmpty();
        CompletableFuture<?> first = offline == null ? CompletableFuture.completedFuture(null)
                : bridge.send("setState", stateArgs(offline, contacts));
        // Streams' logout does not change the agent's status (an agent logged out while Available stays
        // Available), hence the offline state first; the logout goes ahead even if that step fails.
        return first.handle((ok, err) -> {
            if (err != null) {
                LOG.warn("setting the offline state before logout failed; logging out anyway: {}", err.toString());
            }
            return null;
        }).thenCompose(x -> bridge.send("logout", NODES.objectNode().put("setOffline", false)));
    }

    // ----- calls -----

    private CompletableFuture<?> dial(Destination destination) {
        if (destination instanceof Destination.PhoneNumber p) {
            return connect(StreamsEndpoint.phoneNumber(p.number()));
        }
        if (destination instanceof Destination.QuickConnect q) {
            return quickConnects.find(q.name(), null).thenCompose(ep -> {
                if (!"phone_number".equals(ep.type())) {
                    throw new IllegalArgumentException("Amazon Connect dials only phone numbers; quick connect '"
                            + q.name() + "' is of type " + ep.type() + " (transfer to it instead)");
                }
                return connect(ep);
            });
        }
        throw new IllegalArgumentException("Amazon Connect dials only phone numbers, not " + destination.describe()
                + " (use a transfer to reach a queue or an agent)");
    }

    private CompletableFuture<JsonNode> connect(StreamsEndpoint endpoint) {
        ObjectNode args = NODES.objectNode();
        args.set("endpoint", endpointJson(endpoint));
        String queue = bridge.configuration().defaultOutboundQueueArn();
        if (queue != null) {
            args.put("queueARN", queue);
        }
        return bridge.send("connect", args);
    }

    private CompletableFuture<StreamsEndpoint> endpointFor(Destination destination) {
        if (destination instanceof Destination.PhoneNumber p) {
            return CompletableFuture.completedFuture(StreamsEndpoint.phoneNumber(p.number()));
        } else if (destination instanceof Destination.QuickConnect q) {
            return quickConnects.find(q.name(), null);
        } else if (destination instanceof Destination.Queue q) {
            return quickConnects.find(q.name(), "queue");
        } else if (destination instanceof Destination.Agent a) {
            return quickConnects.find(a.name(), "agent");
        }
        throw new IllegalArgumentException("cannot transfer to " + destination.describe());
    }

    private CompletableFuture<JsonNode> destroy(String contactId, String connectionId) {
        return bridge.send("destroy", connectionArgs(contactId, connectionId));
    }

    private StreamsContact contact(String callId) {
        StreamsSnapshot snap = bridge.snapshot();
        StreamsContact c = snap == null ? null : snap.contact(callId);
        if (c == null) {
            throw new InvalidPhoneStateException("Amazon Connect shows no contact " + callId + " (it may have "
                    + "ended in the meantime)", null);
        }
        return c;
    }

    private static String agentConnection(StreamsContact c) {
        StreamsConnection agent = c.agentConnection();
        if (agent == null) {
            throw new InvalidPhoneStateException("contact " + c.contactId() + " has no agent connection", null);
        }
        return agent.connectionId();
    }

    /** The connection to hold or resume: the given leg when it exists, else the party's connection. */
    private String connectionFor(String callId, Party party, String legId) {
        StreamsContact c = contact(callId);
        if (legId != null && c.connection(legId) != null) {
            return legId;
        }
        StreamsConnection conn = switch (party) {
            case CUSTOMER -> c.initialConnection();
            case AGENT -> c.agentConnection();
            case THIRD_PARTY -> c.activeThirdParties().isEmpty() ? null : c.activeThirdParties().get(0);
        };
        if (conn == null) {
            throw new InvalidPhoneStateException("contact " + callId + " has no " + party + " connection", null);
        }
        return conn.connectionId();
    }

    // ----- JSON -----

    private static ObjectNode contactArgs(String contactId) {
        return NODES.objectNode().put("contactId", contactId);
    }

    private static ObjectNode connectionArgs(String contactId, String connectionId) {
        return contactArgs(contactId).put("connectionId", connectionId);
    }

    private static ObjectNode stateArgs(AgentStateRef ref, boolean enqueue) {
        ObjectNode args = NODES.objectNode();
        ObjectNode state = args.putObject("state");
        state.put("agentStateARN", ref.arn());
        state.put("type", ref.type());
        state.put("name", ref.name());
        args.put("enqueueNextState", enqueue);
        return args;
    }

    /** The fields {@code new connect.Endpoint(...)} takes. */
    private static ObjectNode endpointJson(StreamsEndpoint ep) {
        ObjectNode e = NODES.objectNode();
        e.put("endpointARN", ep.arn());
        e.put("type", ep.type());
        e.put("name", ep.name());
        e.put("phoneNumber", ep.phoneNumber());
        e.put("agentLogin", ep.agentLogin());
        if (ep.queueArn() != null || ep.queueName() != null) {
            e.putObject("queue").put("queueARN", ep.queueArn()).put("name", ep.queueName());
        } else {
            e.putNull("queue");
        }
        return e;
    }
}
