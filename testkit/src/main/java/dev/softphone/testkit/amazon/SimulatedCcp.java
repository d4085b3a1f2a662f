package dev.softphone.testkit.amazon;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.function.Consumer;

/**
 * A Java model of one agent's Amazon Connect CCP as a bridge page relays it: it answers the bridge's
 * {@code command} messages the way Amazon Connect does (per {@code amazon-connect-streams.md}) and emits the
 * resulting {@code agent.update} messages — whole Streams {@code {snapshot, configuration}} payloads — plus
 * {@code streams.event} and {@code result} messages (DESIGN §6). It speaks JSON strings only, so it can sit behind an
 * in-process link or a real WebSocket.
 *
 * <p>Amazon behaviours it reproduces: the customer is put on hold when a party is added ({@code addConnection});
 * queue and agent quick-connect legs report {@code connected} as soon as they reach the transfer flow, before anyone
 * answers; when the agent leaves, the agent's contact goes to after-call work (contact state {@code ended}, agent
 * state {@code AfterCallWork}) while the other legs stay up; {@code setState} fails with
 * {@code InvalidStateException} while a contact is up unless {@code enqueueNextState} is set, which makes it the
 * {@code nextState} applied once the contacts are cleared; a call that rings out is {@code missed} and puts the agent
 * in {@code MissedCallAgent}; error states stay until the agent picks a state; during calls the agent state is a
 * system state ({@code PendingBusy}, {@code CallingCustomer}, {@code Busy}) and {@code agentAvailabilityState} keeps
 * the agent's own choice.
 *
 * <p>Tests act as the far end ({@code customer…}, {@code thirdParty…}, {@code supervisor…}) and as the agent
 * clicking in the CCP window ({@code agent…}). Every emitted message is kept as a bridge recording
 * ({@link #recording()}). Thread-safe; commands that arrive while a command is being processed are queued and run
 * after it, as the browser's event loop would.
 */
public final class SimulatedCcp {

    /** How timestamps appear in the snapshots. */
    public enum TimeFormat {
        /** ISO-8601 strings, what {@code JSON.stringify} makes of Streams' {@code Date}s. */
        ISO,
        /** Epoch seconds as numbers, the CTI wire form. */
        EPOCH_SECONDS
    }

    /**
     * A selectable agent state of {@code configuration.agentStates}.
     *
     * @param type {@code routable}, {@code not_routable} or {@code offline}
     * @param name the state's name
     */
    public record AgentStateDef(String type, String name) {
        /** Validates the components. */
        public AgentStateDef {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(name, "name");
        }

        /** @return the state's ARN in the simulated instance */
        public String arn() {
            return INSTANCE_ARN + "/agent-state/" + name.toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A quick connect the agent may use.
     *
     * @param name        its name
     * @param type        {@code queue}, {@code agent} or {@code phone_number}
     * @param phoneNumber the number of a {@code phone_number} quick connect, else null
     */
    public record QuickConnect(String name, String type, String phoneNumber) {
        /** Validates the components. */
        public QuickConnect {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }

        /** @return its transfer-destination ARN */
        public String arn() {
            return INSTANCE_ARN + "/transfer-destination/" + name.toLowerCase(java.util.Locale.ROOT)
                    .replace(' ', '-');
        }
    }

    /** The simulated instance's ARN. */
    public static final String INSTANCE_ARN = "arn:aws:connect:eu-west-2:111122223333:instance/aaaa-bbbb";
    /** The Streams version the simulated page reports. */
    public static final String STREAMS_VERSION = "2.28.2";

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final List<AgentStateDef> states;
    private final List<QuickConnect> quickConnects;
    private final TimeFormat timeFormat;
    private final List<String> recording = new ArrayList<>();
    private final Queue<String> inbox = new ArrayDeque<>();
    private final List<String> commandsSeen = new ArrayList<>();
    private final List<Contact> contacts = new ArrayList<>();

    private Consumer<String> out = m -> { };
    private boolean processing;
    private Instant now;
    private long seq;
    private boolean loggedIn;
    private AgentStateDef selected;
    private Instant selectedSince;
    private AgentStateDef nextState;
    private String errorState;
    private Instant errorSince;
    private String lastSystemName;
    private Instant systemSince;
    private String lastEmittedContent;
    private int contactCounter;
    private int connectionCounter;
    private String failOp;
    private String failType;
    private String failMessage;
    private boolean includeConfiguration = true;
    private boolean loginPopupOpen;

    private SimulatedCcp(Builder b) {
        this.states = List.copyOf(b.states);
        this.quickConnects = List.copyOf(b.quickConnects);
        this.timeFormat = b.timeFormat;
        this.now = b.start;
    }

    /** @return a builder with the default agent: states Available, Break, Lunch, Training, Offline */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a CCP with the default agent and quick connects, ISO timestamps */
    public static SimulatedCcp create() {
        return builder().build();
    }

    // ===== wiring =====

    /**
     * Sets where browser-to-Java messages go (the bridge transport or the driver).
     *
     * @param sink the receiver of each message
     */
    public synchronized void connectTo(Consumer<String> sink) {
        this.out = Objects.requireNonNull(sink, "sink");
    }

    /**
     * Receives one Java-to-browser message (a {@code command}). Commands arriving while one is processed are queued.
     *
     * @param json the message
     */
    public void receive(String json) {
        synchronized (this) {
            inbox.add(json);
            if (processing) {
                return;
            }
            processing = true;
        }
        RuntimeException failure = null;
        while (true) {
            String next;
            synchronized (this) {
                next = inbox.poll();
                if (next == null) {
                    processing = false;
                    break;
                }
            }
            try {
                handleCommand(next);
            } catch (RuntimeException e) {
                // One bad command must not wedge the model: keep serving the queue, then report the first failure.
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** @return every message emitted so far, in order: a bridge recording (JSON lines) */
    public synchronized List<String> recording() {
        return List.copyOf(recording);
    }

    /** @return true while the login popup the agent signed in with is still open */
    public synchronized boolean loginPopupOpen() {
        return loginPopupOpen;
    }

    /** @return the {@code op} of every command received so far, in order */
    public synchronized List<String> commandsSeen() {
        return List.copyOf(commandsSeen);
    }

    /**
     * Makes the next command with this op fail with a vendor error.
     *
     * @param op      the op ({@code hold}, {@code addConnection}…)
     * @param type    the vendor's error type ({@code InvalidStateException}…)
     * @param message the vendor's message
     */
    public synchronized void failNext(String op, String type, String message) {
        this.failOp = op;
        this.failType = type;
        this.failMessage = message;
    }

    /**
     * Whether snapshots carry the configuration (Streams always sends it; a test may leave it out to check that the
     * last one is kept).
     *
     * @param include true to include it
     */
    public synchronized void includeConfiguration(boolean include) {
        this.includeConfiguration = include;
    }

    // ===== the page =====

    /** The bridge page loads (or reloads): {@code hello}, with {@code seq} restarting, then the latest snapshot. */
    public synchronized void pageLoads() {
        seq = 0;
        ObjectNode hello = NODES.objectNode();
        hello.put("type", "hello").put("protocol", 1).put("streamsVersion", STREAMS_VERSION)
                .put("page", "https://agent.example.com/desk");
        emit(hello);
        lastEmittedContent = null;
        if (loggedIn) {
            emitUpdate(true);
        }
    }

    /**
     * The Streams worker re-polls without a change: the same snapshot with new {@code snapshotTimestamp},
     * {@code localTimestamp} and {@code skew}.
     *
     * @param times how many re-polls
     */
    public synchronized void repoll(int times) {
        for (int i = 0; i < times; i++) {
            now = now.plusMillis(100);
            emitUpdate(true);
        }
    }

    /**
     * Emits a raw message as the page would, for bad-input tests.
     *
     * @param raw any text
     */
    public synchronized void emitRaw(String raw) {
        recording.add(raw);
        out.accept(raw);
    }

    /**
     * Skips sequence numbers, as if messages were lost on the way.
     *
     * @param count how many
     */
    public synchronized void loseMessages(int count) {
        seq += count;
    }

    // ===== the agent in the CCP window =====

    /**
     * The agent signs in (through the login window) and lands in a state.
     *
     * @param stateName a state of the agent's configuration
     */
    public synchronized void agentLogsIn(String stateName) {
        loggedIn = true;
        loginPopupOpen = true;
        lastEmittedContent = null;
        select(state(stateName));
        emitUpdate(false);
    }

    /**
     * The agent picks a state in the CCP's status menu: applied at once without contacts, queued as the next state
     * with contacts (the CCP uses {@code enqueueNextState}).
     *
     * @param stateName a state of the agent's configuration
     */
    public synchronized void agentSelectsState(String stateName) {
        requireLoggedIn();
        applyState(state(stateName), true);
        emitUpdate(false);
    }

    /** The agent clicks Accept on the ringing call. */
    public synchronized void agentAccepts() {
        accept(ringing());
        emitUpdate(false);
    }

    /** The agent clicks Reject on the ringing call. */
    public synchronized void agentRejects() {
        reject(ringing());
        emitUpdate(false);
        clearFinishedOffers();
    }

    /** The agent clicks Hang up (or End call): the agent's connection of the active call is destroyed. */
    public synchronized void agentHangsUp() {
        agentLeaves(active());
    }

    /** The agent holds the customer of the active call. */
    public synchronized void agentHoldsCustomer() {
        Contact c = active();
        c.initial().setState("hold", now);
        emitUpdate(false);
    }

    /** The agent resumes the customer of the active call. */
    public synchronized void agentResumesCustomer() {
        Contact c = active();
        c.initial().setState("connected", now);
        emitUpdate(false);
    }

    /**
     * The agent clicks mute or unmute: the softphone relays {@code agent::mute_toggle}.
     *
     * @param muted true for mute
     */
    public synchronized void agentMutes(boolean muted) {
        ObjectNode data = NODES.objectNode().put("muted", muted);
        emitEvent("agent::mute_toggle", data);
    }

    /**
     * The agent picks a quick connect (or types a number) and clicks Call in the transfer panel.
     *
     * @param quickConnectOrNumber a quick connect name, or a phone number starting with {@code +}
     */
    public synchronized void agentAddsParty(String quickConnectOrNumber) {
        addConnection(active(), quickConnectOrNumber.startsWith("+") ? phoneEndpoint(quickConnectOrNumber)
                : endpointOf(quickConnect(quickConnectOrNumber)));
    }

    /** The agent clicks Join. */
    public synchronized void agentJoins() {
        conference(active());
        emitUpdate(false);
    }

    /** The agent clicks Swap. */
    public synchronized void agentSwaps() {
        toggle(active());
        emitUpdate(false);
    }

    /** The agent ends the third party's leg of the active call. */
    public synchronized void agentDropsThirdParty() {
        Contact c = active();
        c.connections.remove(thirdParty(c));
        emitUpdate(false);
    }

    /** The agent clicks Close contact in after-call work (or on a missed call). */
    public synchronized void agentClosesContact() {
        Contact c = contacts.stream().filter(x -> x.voice() && x.finished()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no contact to close"));
        clear(c);
        emitUpdate(false);
    }

    /**
     * The agent dials a number from the CCP's number pad.
     *
     * @param number the customer's number
     * @return the new contact's id
     */
    public synchronized String agentDials(String number) {
        requireLoggedIn();
        String id = dial(phoneEndpoint(number));
        emitUpdate(false);
        return id;
    }

    /** The agent clicks Log out in the CCP: every page gets {@code terminated}. */
    public synchronized void agentLogsOutInCcp() {
        loggedIn = false;
        contacts.clear();
        emitEvent("terminated", NODES.objectNode());
    }

    // ===== the far end and the contact center =====

    /**
     * A customer calls and the call is routed to this agent: the contact rings ({@code connecting}).
     *
     * @param number the customer's number
     * @param queue  the queue's name
     * @return the contact id
     */
    public synchronized String customerCalls(String number, String queue) {
        requireLoggedIn();
        Contact c = newContact("voice", "inbound", queue);
        c.connections.add(new Connection(nextConnectionId(), "agent", false, "connecting", now, null, null));
        c.connections.add(new Connection(nextConnectionId(), "inbound", true, "connected", now,
                phoneEndpoint(number), null));
        contacts.add(c);
        emitUpdate(false);
        return c.id;
    }

    /**
     * Another agent transfers a call to this agent: a new contact whose {@code initialContactId} is the original
     * contact, initiation method {@code transfer}; with {@code warm}, the transferring agent's leg shows as
     * {@code INTERNAL-TRANSFER}.
     *
     * @param originalContactId the contact the other agent had
     * @param number            the customer's number
     * @param queue             the queue's name
     * @param warm              true when the transferring agent is still on the line
     * @return the new contact's id
     */
    public synchronized String transferArrives(String originalContactId, String number, String queue, boolean warm) {
        requireLoggedIn();
        Contact c = newContact("voice", "transfer", queue);
        c.initialContactId = originalContactId;
        c.connections.add(new Connection(nextConnectionId(), "agent", false, "connecting", now, null, null));
        c.connections.add(new Connection(nextConnectionId(), "inbound", true, "connected", now,
                phoneEndpoint(number), null));
        if (warm) {
            c.connections.add(new Connection(nextConnectionId(), "outbound", false, "connected", now,
                    new Endpoint(null, "agent", "INTERNAL-TRANSFER", null, null), null));
        }
        contacts.add(c);
        emitUpdate(false);
        return c.id;
    }

    /**
     * A queued callback is offered to this agent (contact type {@code queue_callback}, state {@code incoming}).
     *
     * @param number the number to call back
     * @param queue  the queue's name
     * @return the contact id
     */
    public synchronized String callbackOffered(String number, String queue) {
        requireLoggedIn();
        Contact c = newContact("queue_callback", "callback", queue);
        c.state = "incoming";
        c.initialContactId = "callback-request-" + c.id;
        c.connections.add(new Connection(nextConnectionId(), "agent", false, "connecting", now, null, null));
        c.connections.add(new Connection(nextConnectionId(), "outbound", true, "connecting", now,
                phoneEndpoint(number), null));
        contacts.add(c);
        emitUpdate(false);
        return c.id;
    }

    /**
     * A chat is routed to the agent (not a call; the agent state stays as it is).
     *
     * @param customerName the customer's name
     * @return the contact id
     */
    public synchronized String chatArrives(String customerName) {
        requireLoggedIn();
        Contact c = newContact("chat", "inbound", "Support");
        c.state = "connected";
        c.connections.add(new Connection(nextConnectionId(), "agent", false, "connected", now, null, null));
        c.connections.add(new Connection(nextConnectionId(), "inbound", true, "connected", now,
                new Endpoint(null, "phone_number", customerName, null, null), null));
        contacts.add(c);
        emitUpdate(false);
        return c.id;
    }

    /** The chat ends and is closed (it disappears). */
    public synchronized void chatEnds() {
        contacts.removeIf(c -> "chat".equals(c.type));
        emitUpdate(false);
    }

    /** The customer answers the outbound call (or the callback the agent accepted). */
    public synchronized void customerAnswers() {
        Contact c = contacts.stream().filter(x -> x.voice() && "connecting".equals(x.state)
                && x.agent() != null && "connected".equals(x.agent().state)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no outbound call is dialing"));
        c.initial().setState("connected", now);
        c.setState("connected", now);
        emitUpdate(false);
    }

    /**
     * The outbound call fails.
     *
     * @param errorState the agent error state Amazon puts the agent in ({@code FailedConnectCustomer}), or null when
     *                   the agent snaps back to the routable state and the contact disappears
     */
    public synchronized void outboundFails(String errorState) {
        Contact c = contacts.stream().filter(x -> x.voice() && "connecting".equals(x.state)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no outbound call is dialing"));
        c.setState("error", now);
        c.connections.forEach(x -> x.setState("disconnected", now));
        if (errorState != null) {
            errorState(errorState);
            emitUpdate(false);
        } else {
            emitUpdate(false);
            contacts.remove(c);
            select(firstOfType("routable"));
            emitUpdate(false);
        }
    }

    /** The customer of the first live call hangs up (see {@link #customerHangsUp(String)}). */
    public synchronized void customerHangsUp() {
        customerHangsUp(contacts.stream().filter(x -> x.voice() && x.live()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no call is up")).id);
    }

    /**
     * The customer of a call hangs up. Ringing: the offer is missed and disappears. Connected: the customer's leg is
     * seen gone first, then the contact goes to after-call work; while the agent consults a third party, the agent
     * stays on with the third party.
     *
     * @param contactId the call
     */
    public synchronized void customerHangsUp(String contactId) {
        Contact c = contacts.stream().filter(x -> x.id.equals(contactId) && x.voice() && x.live()).findFirst()
                .orElseThrow(() -> new IllegalStateException("call " + contactId + " is not up"));
        Connection customer = c.initial();
        if (!"connected".equals(c.state)) {
            c.setState("missed", now);
            c.connections.forEach(x -> x.setState("disconnected", now));
            emitUpdate(false);
            contacts.remove(c);
            emitUpdate(false);
            return;
        }
        if (thirdPartyOrNull(c) != null) {
            // Consulting: the customer's leg goes, the agent stays with the third party.
            c.connections.remove(customer);
            emitUpdate(false);
            return;
        }
        customer.setState("disconnected", now);
        emitUpdate(false);
        now = now.plusMillis(100);
        endForAgent(c);
        emitUpdate(false);
    }

    /** The ringing call rings out: the contact is missed and the agent is put in {@code MissedCallAgent}. */
    public synchronized void ringTimesOut() {
        Contact c = ringing();
        c.setState("missed", now);
        c.connections.forEach(x -> x.setState("disconnected", now));
        errorState("MissedCallAgent");
        emitUpdate(false);
    }

    /** The third party (a phone number) answers. */
    public synchronized void thirdPartyAnswers() {
        Contact c = active();
        thirdParty(c).setState("connected", now);
        emitUpdate(false);
    }

    /** The third party hangs up: the leg disappears; the customer stays as they were. */
    public synchronized void thirdPartyHangsUp() {
        Contact c = active();
        c.connections.remove(thirdParty(c));
        emitUpdate(false);
    }

    /** A supervisor starts silently monitoring the active call (a monitoring leg appears). */
    public synchronized void supervisorStartsMonitoring() {
        Contact c = active();
        Connection m = new Connection(nextConnectionId(), "monitoring", false, "silent_monitor", now, null, null);
        m.monitorStatus = "SILENT_MONITOR";
        c.connections.add(m);
        emitUpdate(false);
    }

    /** The supervisor stops monitoring. */
    public synchronized void supervisorStopsMonitoring() {
        Contact c = active();
        c.connections.removeIf(x -> "monitoring".equals(x.type));
        emitUpdate(false);
    }

    /**
     * The session's credentials expire: the page relays {@code auth_fail}.
     */
    public synchronized void sessionExpires() {
        loggedIn = false;
        contacts.clear();
        emitEvent("auth_fail", NODES.objectNode().put("message", "session expired"));
    }

    /**
     * The softphone fails (microphone, signalling): the page relays {@code agent::softphone_error}.
     *
     * @param errorType the Streams error type ({@code microphone_not_shared}…)
     * @param message   the message
     */
    public synchronized void softphoneFails(String errorType, String message) {
        emitEvent("agent::softphone_error", NODES.objectNode().put("errorType", errorType)
                .put("errorMessage", message).putNull("endPointUrl"));
    }

    /**
     * Time passes in the contact center (timestamps of later snapshots move on).
     *
     * @param amount how much
     */
    public synchronized void advance(Duration amount) {
        now = now.plus(amount);
    }

    // ===== commands =====

    private void handleCommand(String json) {
        synchronized (this) {
            JsonNode msg;
            try {
                msg = JSON.readTree(json);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("the simulated CCP got a command that is not JSON: " + json, e);
            }
            String id = msg.path("id").asString("");
            String op = msg.path("op").asString("");
            JsonNode args = msg.path("args");
            commandsSeen.add(op);
            if (!"command".equals(msg.path("type").asString(""))) {
                throw new IllegalArgumentException("the simulated CCP expects type 'command', got: " + json);
            }
            if (op.equals(failOp)) {
                String type = failType;
                String text = failMessage;
                failOp = null;
                result(id, null, type, text);
                return;
            }
            JsonNode data;
            try {
                data = apply(op, args);
            } catch (VendorError e) {
                afterResult.clear();
                result(id, null, e.type, e.getMessage());
                return;
            }
            result(id, data, null, null);
            emitUpdate(false);
            clearFinishedOffers();
        }
    }

    /** Applies one command like the CTI service would; returns the result data. */
    private JsonNode apply(String op, JsonNode args) throws VendorError {
        now = now.plusMillis(200);
        switch (op) {
            case "setState" -> {
                requireSession();
                JsonNode s = args.path("state");
                AgentStateDef def = states.stream().filter(d -> d.name().equals(s.path("name").asString(""))
                        && d.type().equals(s.path("type").asString(""))).findFirst()
                        .orElseThrow(() -> new VendorError("InvalidStateException", "Unknown agent state "
                                + s));
                boolean enqueue = args.path("enqueueNextState").asBoolean(false);
                if (!enqueue && contacts.stream().anyMatch(c -> !c.finishedOffer())) {
                    throw new VendorError("InvalidStateException", "Agent has an active contact; use "
                            + "enqueueNextState");
                }
                applyState(def, enqueue);
                return null;
            }
            case "connect" -> {
                requireSession();
                JsonNode ep = args.path("endpoint");
                String number = ep.path("phoneNumber").asString("");
                if (!"phone_number".equals(ep.path("type").asString("")) || !number.startsWith("+")) {
                    throw new VendorError("BadEndpointException", "Invalid endpoint " + ep);
                }
                dial(phoneEndpoint(number));
                return null;
            }
            case "addConnection" -> {
                Contact c = contact(args);
                if (!"connected".equals(c.state)) {
                    throw new VendorError("InvalidStateException", "Invalid contact state.");
                }
                JsonNode ep = args.path("endpoint");
                Endpoint endpoint = new Endpoint(text(ep, "endpointARN"), text(ep, "type"), text(ep, "name"),
                        text(ep, "phoneNumber"), text(ep, "agentLogin"));
                if (endpoint.type == null || (endpoint.arn == null && endpoint.phoneNumber == null)) {
                    throw new VendorError("BadEndpointException", "Invalid endpoint " + ep);
                }
                // Emits its own updates (connecting, then connected for queue and agent legs).
                afterResult.add(() -> addConnection(c, endpoint));
                return null;
            }
            case "conference" -> {
                conference(contact(args));
                return null;
            }
            case "toggle" -> {
                toggle(contact(args));
                return null;
            }
            case "hold", "resume" -> {
                Connection conn = connection(contact(args), args);
                if ("disconnected".equals(conn.state)) {
                    throw new VendorError("InvalidStateException", "Cannot put call on hold: Invalid contact "
                            + "state.");
                }
                conn.setState("hold".equals(op) ? "hold" : "connected", now);
                return null;
            }
            case "destroy" -> {
                Contact c = contact(args);
                Connection conn = connection(c, args);
                if (conn == c.agent()) {
                    if ("connecting".equals(conn.state) && !"outbound".equals(c.initiationMethod)) {
                        reject(c);
                    } else {
                        afterResult.add(() -> agentLeaves(c));
                    }
                } else {
                    c.connections.remove(conn);
                }
                return null;
            }
            case "sendDigits" -> {
                Contact c = contact(args);
                connection(c, args);
                if (!args.path("digits").isString()) {
                    throw new VendorError("InvalidParameterException", "digits missing");
                }
                return null;
            }
            case "accept" -> {
                accept(ringingContact(args));
                return null;
            }
            case "reject" -> {
                reject(ringingContact(args));
                return null;
            }
            case "clear" -> {
                Contact c = contact(args);
                if (!c.finished()) {
                    throw new VendorError("InvalidStateException", "Contact is still active");
                }
                clear(c);
                return null;
            }
            case "mute", "unmute" -> {
                boolean muted = "mute".equals(op);
                afterResult.add(() -> emitEvent("agent::mute_toggle", NODES.objectNode().put("muted", muted)));
                return null;
            }
            case "getEndpoints" -> {
                ObjectNode data = NODES.objectNode();
                ArrayNode list = data.putArray("endpoints");
                for (QuickConnect q : quickConnects) {
                    list.add(endpointJson(endpointOf(q)));
                }
                data.set("addresses", list.deepCopy());
                return data;
            }
            case "logout" -> {
                afterResult.add(() -> {
                    loggedIn = false;
                    contacts.clear();
                    emitEvent("terminated", NODES.objectNode());
                });
                return null;
            }
            case "closeLoginPopup" -> {
                boolean open = loginPopupOpen;
                loginPopupOpen = false;
                return NODES.objectNode().put("closed", open);
            }
            default -> throw new VendorError("UnsupportedOperation", "the bridge has no op '" + op + "'");
        }
    }

    /** What happens after the result is sent: Streams' callbacks fire before the next snapshot shows a change. */
    private final List<Runnable> afterResult = new ArrayList<>();

    private void result(String id, JsonNode data, String errorType, String errorMessage) {
        ObjectNode r = NODES.objectNode();
        r.put("type", "result").put("id", id);
        if (errorType == null) {
            r.put("ok", true);
            r.set("data", data == null ? NODES.objectNode() : data);
        } else {
            r.put("ok", false);
            r.putObject("error").put("type", errorType).put("message", errorMessage);
        }
        emit(r);
        List<Runnable> then = new ArrayList<>(afterResult);
        afterResult.clear();
        then.forEach(Runnable::run);
    }

    // ===== the model's transitions =====

    private void applyState(AgentStateDef def, boolean enqueue) {
        contacts.removeIf(Contact::finishedOffer);
        if (contacts.isEmpty()) {
            select(def);
        } else if (enqueue) {
            nextState = def;
        }
    }

    private void select(AgentStateDef def) {
        selected = def;
        selectedSince = now;
        nextState = null;
        errorState = null;
    }

    private void errorState(String name) {
        errorState = name;
        errorSince = now;
    }

    private String dial(Endpoint customer) {
        Contact c = newContact("voice", "outbound", "Support");
        c.connections.add(new Connection(nextConnectionId(), "agent", false, "connected", now, null, null));
        c.connections.add(new Connection(nextConnectionId(), "outbound", true, "connecting", now, customer, null));
        contacts.add(c);
        return c.id;
    }

    private void accept(Contact c) {
        c.agent().setState("connected", now);
        if ("queue_callback".equals(c.type)) {
            // The callback now dials the customer.
            c.setState("connecting", now);
        } else {
            c.setState("connected", now);
        }
    }

    private void reject(Contact c) {
        c.setState("rejected", now);
        c.connections.forEach(x -> x.setState("disconnected", now));
    }

    /**
     * The agent's leg goes. With a customer and a third party on the call they stay connected to each other and the
     * agent's contact goes to after-call work at once; otherwise the agent's leg is seen gone first, then the
     * contact ends.
     */
    private void agentLeaves(Contact c) {
        Connection third = thirdPartyOrNull(c);
        if (third != null && c.initialOrNull() != null && !"disconnected".equals(c.initial().state)) {
            c.agent().setState("disconnected", now);
            c.setState("ended", now);
            // The customer and the third party now talk to each other, without this agent.
            c.initial().setState("connected", now);
            emitUpdate(false);
        } else {
            c.agent().setState("disconnected", now);
            emitUpdate(false);
            now = now.plusMillis(100);
            endForAgent(c);
            emitUpdate(false);
        }
    }

    private void endForAgent(Contact c) {
        c.setState("ended", now);
        c.connections.forEach(x -> x.setState("disconnected", now));
    }

    private void clear(Contact c) {
        contacts.remove(c);
        if (contacts.stream().noneMatch(Contact::voice) && nextState != null) {
            select(nextState);
        }
    }

    /** Missed and rejected offers disappear from the next snapshot unless the agent is in an error state. */
    private void clearFinishedOffers() {
        if (errorState == null && contacts.removeIf(c -> c.finishedOffer() && !"error".equals(c.state))) {
            emitUpdate(false);
        }
    }

    private void addConnection(Contact c, Endpoint endpoint) {
        if (c.initialOrNull() != null) {
            c.initial().setState("hold", now);
        }
        boolean viaQuickConnect = endpoint.arn != null && endpoint.arn.contains("/transfer-destination/");
        Connection third = new Connection(nextConnectionId(), "outbound", false, "connecting", now, endpoint,
                viaQuickConnect ? endpoint.name : null);
        c.connections.add(third);
        emitUpdate(false);
        if ("queue".equals(endpoint.type) || "agent".equals(endpoint.type)) {
            // Amazon: queue and agent legs are "connected" once they reach the transfer flow.
            now = now.plusMillis(300);
            third.setState("connected", now);
            emitUpdate(false);
        }
    }

    private void conference(Contact c) {
        if (thirdPartyOrNull(c) == null) {
            throw new IllegalStateException("no third party to join");
        }
        c.connections.stream().filter(x -> !x.isAgent() && !"monitoring".equals(x.type)
                && !"disconnected".equals(x.state)).forEach(x -> x.setState("connected", now));
    }

    private void toggle(Contact c) {
        Connection third = thirdParty(c);
        Connection customer = c.initial();
        if ("hold".equals(customer.state)) {
            customer.setState("connected", now);
            third.setState("hold", now);
        } else {
            customer.setState("hold", now);
            third.setState("connected", now);
        }
    }

    // ===== output =====

    private void emitUpdate(boolean evenIfUnchanged) {
        if (!loggedIn) {
            return;
        }
        ObjectNode data = NODES.objectNode();
        ObjectNode snapshot = data.putObject("snapshot");
        ObjectNode config = configurationJson();
        fillSnapshot(snapshot);
        String content = snapshot.toString();
        if (!evenIfUnchanged && content.equals(lastEmittedContent)) {
            return;
        }
        lastEmittedContent = content;
        snapshot.set("snapshotTimestamp", timeNode(now));
        snapshot.put("localTimestamp", now.toEpochMilli() + 20)
                .put("skew", 20 + (seq % 7)).put("contentLength", 3000 + contacts.size() * 900);
        if (includeConfiguration) {
            data.set("configuration", config);
        }
        ObjectNode msg = NODES.objectNode();
        msg.put("type", "agent.update").put("seq", ++seq).set("data", data);
        emit(msg);
    }

    private void emitEvent(String name, ObjectNode data) {
        ObjectNode msg = NODES.objectNode();
        msg.put("type", "streams.event").put("seq", ++seq).put("name", name).set("data", data);
        emit(msg);
    }

    private void emit(ObjectNode msg) {
        String text = msg.toString();
        recording.add(text);
        out.accept(text);
    }

    private void fillSnapshot(ObjectNode s) {
        String systemName = systemStateName();
        ObjectNode state = s.putObject("state");
        if (errorState != null) {
            state.putNull("agentStateARN").put("name", errorState).put("type", "error")
                    .set("startTimestamp", timeNode(errorSince));
        } else if (systemName != null) {
            if (!systemName.equals(lastSystemName)) {
                lastSystemName = systemName;
                systemSince = now;
            }
            state.putNull("agentStateARN").put("name", systemName).put("type", "system")
                    .set("startTimestamp", timeNode(systemSince));
        } else {
            state.put("agentStateARN", selected.arn()).put("name", selected.name()).put("type", selected.type())
                    .set("startTimestamp", timeNode(selectedSince));
        }
        if (systemName == null) {
            lastSystemName = null;
        }
        if (nextState != null) {
            s.putObject("nextState").put("agentStateARN", nextState.arn()).put("name", nextState.name())
                    .put("type", nextState.type()).putNull("startTimestamp");
        } else {
            s.putNull("nextState");
        }
        s.putObject("agentAvailabilityState").put("state", selected.name()).set("timeStamp",
                timeNode(selectedSince));
        ArrayNode list = s.putArray("contacts");
        for (Contact c : contacts) {
            list.add(contactJson(c));
        }
    }

    /** The system state the CCP shows while voice contacts are up, or null. */
    private String systemStateName() {
        List<Contact> voice = contacts.stream().filter(Contact::voice).toList();
        if (voice.isEmpty()) {
            return null;
        }
        if (voice.stream().anyMatch(c -> "connected".equals(c.state))) {
            return "Busy";
        }
        if (voice.stream().anyMatch(c -> ("connecting".equals(c.state) || "incoming".equals(c.state))
                && "connected".equals(c.agent().state))) {
            return "CallingCustomer";
        }
        if (voice.stream().anyMatch(Contact::ringingForAgent)) {
            return "PendingBusy";
        }
        if (voice.stream().anyMatch(c -> "ended".equals(c.state))) {
            return "AfterCallWork";
        }
        return null;
    }

    private ObjectNode contactJson(Contact c) {
        ObjectNode o = NODES.objectNode();
        o.put("contactId", c.id).put("initialContactId", c.initialContactId).putNull("relatedContactId")
                .putNull("contactAssociationId").put("type", c.type);
        ObjectNode st = o.putObject("state");
        st.put("type", c.state).set("timestamp", timeNode(c.since));
        o.set("status", st.deepCopy());
        o.putObject("queue").put("name", c.queue).put("queueARN", queueArn(c.queue))
                .put("queueId", queueArn(c.queue));
        o.set("queueTimestamp", timeNode(c.created));
        o.put("contactDuration", Long.toString(Duration.between(c.created, now).toSeconds()));
        o.put("initiationMethod", c.initiationMethod);
        o.putObject("contactFeatures").put("multiPartyConferenceEnabled", false);
        o.putObject("attributes");
        ArrayNode conns = o.putArray("connections");
        for (Connection x : c.connections) {
            ObjectNode j = conns.addObject();
            j.put("connectionId", x.id).put("type", x.type).put("initial", x.initial);
            j.putObject("state").put("type", x.state).set("timestamp", timeNode(x.since));
            if (x.endpoint == null) {
                j.putNull("endpoint");
            } else {
                j.set("endpoint", endpointJson(x.endpoint));
            }
            if (x.isAgent() && "voice".equals(c.type) || x.isAgent() && "queue_callback".equals(c.type)) {
                j.putObject("softphoneMediaInfo").put("callType", "audio_only").put("autoAccept", false);
            } else {
                j.putNull("softphoneMediaInfo");
            }
            j.put("mute", false).putNull("forcedMute").put("quickConnectName", x.quickConnectName)
                    .put("monitorStatus", x.monitorStatus);
        }
        return o;
    }

    private ObjectNode configurationJson() {
        ObjectNode c = NODES.objectNode();
        c.put("name", "Jane Doe").put("username", "jdoe").put("agentARN", INSTANCE_ARN + "/agent/jdoe")
                .put("softphoneEnabled", true).put("softphoneAutoAccept", false).put("extension", "");
        ObjectNode profile = c.putObject("routingProfile");
        profile.put("name", "Basic Routing Profile").put("routingProfileARN", INSTANCE_ARN + "/routing-profile/basic");
        profile.putObject("defaultOutboundQueue").put("name", "Support").put("queueARN", queueArn("Support"));
        ArrayNode queues = profile.putArray("queues");
        queues.addObject().put("name", "Support").put("queueARN", queueArn("Support"));
        queues.addObject().put("name", "Billing").put("queueARN", queueArn("Billing"));
        ArrayNode list = c.putArray("agentStates");
        for (AgentStateDef s : states) {
            list.addObject().put("agentStateARN", s.arn()).put("type", s.type()).put("name", s.name())
                    .putNull("startTimestamp");
        }
        c.putArray("permissions").add("outboundCall");
        c.putArray("dialableCountries").add("gb").add("us");
        return c;
    }

    private static ObjectNode endpointJson(Endpoint e) {
        ObjectNode o = NODES.objectNode();
        o.put("endpointARN", e.arn).put("type", e.type).put("name", e.name).put("phoneNumber", e.phoneNumber)
                .put("agentLogin", e.agentLogin).putNull("queue");
        return o;
    }

    private JsonNode timeNode(Instant t) {
        if (t == null) {
            return NODES.nullNode();
        }
        return timeFormat == TimeFormat.ISO ? NODES.stringNode(t.toString())
                : NODES.numberNode(java.math.BigDecimal.valueOf(t.toEpochMilli(), 3));
    }

    // ===== lookups =====

    private Contact newContact(String type, String method, String queue) {
        now = now.plusSeconds(1);
        Contact c = new Contact("contact-" + (++contactCounter), type, method, queue, now);
        c.initialContactId = c.id;
        return c;
    }

    private String nextConnectionId() {
        return "conn-" + (++connectionCounter);
    }

    private AgentStateDef state(String name) {
        return states.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the simulated agent has no state '" + name + "'"));
    }

    private AgentStateDef firstOfType(String type) {
        return states.stream().filter(s -> s.type().equals(type)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the simulated agent has no " + type + " state"));
    }

    private QuickConnect quickConnect(String name) {
        return quickConnects.stream().filter(q -> q.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no quick connect '" + name + "'"));
    }

    private static Endpoint endpointOf(QuickConnect q) {
        return new Endpoint(q.arn(), q.type(), q.name(), q.phoneNumber(), null);
    }

    private static Endpoint phoneEndpoint(String number) {
        return new Endpoint(null, "phone_number", null, number, null);
    }

    private static String queueArn(String queue) {
        return queue == null ? null : INSTANCE_ARN + "/queue/" + queue.toLowerCase(java.util.Locale.ROOT);
    }

    private Contact ringing() {
        return contacts.stream().filter(Contact::ringingForAgent).findFirst()
                .orElseThrow(() -> new IllegalStateException("no call is ringing"));
    }

    /** The voice contact the agent is on (connected for the agent), the newest one when there are several. */
    private Contact active() {
        Contact found = null;
        for (Contact c : contacts) {
            if (c.voice() && "connected".equals(c.state) && c.agent() != null
                    && "connected".equals(c.agent().state)) {
                found = c;
            }
        }
        if (found == null) {
            throw new IllegalStateException("no call is connected");
        }
        return found;
    }

    private Contact contact(JsonNode args) throws VendorError {
        String id = args.path("contactId").asString("");
        return contacts.stream().filter(c -> c.id.equals(id)).findFirst()
                .orElseThrow(() -> new VendorError("InvalidStateException", "Contact " + id + " not found"));
    }

    private Contact ringingContact(JsonNode args) throws VendorError {
        Contact c = contact(args);
        if (!c.ringingForAgent()) {
            throw new VendorError("InvalidStateException", "Contact is not ringing");
        }
        return c;
    }

    private static Connection connection(Contact c, JsonNode args) throws VendorError {
        String id = args.path("connectionId").asString("");
        return c.connections.stream().filter(x -> x.id.equals(id)).findFirst()
                .orElseThrow(() -> new VendorError("InvalidStateException", "Connection " + id + " not found"));
    }

    private static Connection thirdParty(Contact c) {
        Connection t = thirdPartyOrNull(c);
        if (t == null) {
            throw new IllegalStateException("no third party on " + c.id);
        }
        return t;
    }

    private static Connection thirdPartyOrNull(Contact c) {
        return c.connections.stream().filter(x -> !x.initial && !x.isAgent() && !"monitoring".equals(x.type)
                && !"disconnected".equals(x.state)).findFirst().orElse(null);
    }

    private void requireLoggedIn() {
        if (!loggedIn) {
            throw new IllegalStateException("the simulated agent is not logged in");
        }
    }

    private void requireSession() throws VendorError {
        if (!loggedIn) {
            throw new VendorError("UnauthorizedException", "No session");
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    // ===== model classes =====

    private static final class VendorError extends Exception {
        private static final long serialVersionUID = 1L;
        private final String type;

        VendorError(String type, String message) {
            super(message);
            this.type = type;
        }
    }

    private record Endpoint(String arn, String type, String name, String phoneNumber, String agentLogin) {
    }

    private static final class Contact {
        final String id;
        final String type;
        final String initiationMethod;
        final String queue;
        final Instant created;
        final List<Connection> connections = new ArrayList<>();
        String initialContactId;
        String state = "connecting";
        Instant since;

        Contact(String id, String type, String initiationMethod, String queue, Instant created) {
            this.id = id;
            this.type = type;
            this.initiationMethod = initiationMethod;
            this.queue = queue;
            this.created = created;
            this.since = created;
        }

        void setState(String s, Instant at) {
            if (!s.equals(state)) {
                state = s;
                since = at;
            }
        }

        boolean voice() {
            return "voice".equals(type) || "queue_callback".equals(type);
        }

        boolean live() {
            return "connecting".equals(state) || "connected".equals(state) || "incoming".equals(state)
                    || "pending".equals(state);
        }

        boolean finished() {
            return "ended".equals(state) || finishedOffer();
        }

        boolean finishedOffer() {
            return "missed".equals(state) || "rejected".equals(state) || "error".equals(state);
        }

        boolean ringingForAgent() {
            Connection a = agent();
            return voice() && ("connecting".equals(state) || "incoming".equals(state)) && a != null
                    && "connecting".equals(a.state);
        }

        Connection agent() {
            return connections.stream().filter(Connection::isAgent).findFirst().orElse(null);
        }

        Connection initialOrNull() {
            return connections.stream().filter(x -> x.initial).findFirst().orElse(null);
        }

        Connection initial() {
            Connection c = initialOrNull();
            if (c == null) {
                throw new IllegalStateException("contact " + id + " has no customer leg");
            }
            return c;
        }
    }

    private static final class Connection {
        final String id;
        final String type;
        final boolean initial;
        final Endpoint endpoint;
        final String quickConnectName;
        String state;
        Instant since;
        String monitorStatus;

        Connection(String id, String type, boolean initial, String state, Instant since, Endpoint endpoint,
                   String quickConnectName) {
            this.id = id;
            this.type = type;
            this.initial = initial;
            this.state = state;
            this.since = since;
            this.endpoint = endpoint;
            this.quickConnectName = quickConnectName;
        }

        boolean isAgent() {
            return "agent".equals(type);
        }

        void setState(String s, Instant at) {
            if (!s.equals(state)) {
                state = s;
                since = at;
            }
        }
    }

    /** Builds a {@link SimulatedCcp}. */
    public static final class Builder {
        private final List<AgentStateDef> states = new ArrayList<>(List.of(
                new AgentStateDef("routable", "Available"), new AgentStateDef("not_routable", "Break"),
                new AgentStateDef("not_routable", "Lunch"), new AgentStateDef("not_routable", "Training"),
                new AgentStateDef("offline", "Offline")));
        private final List<QuickConnect> quickConnects = new ArrayList<>(List.of(
                new QuickConnect("Billing QC", "queue", null), new QuickConnect("Bob", "agent", null),
                new QuickConnect("Helpdesk", "phone_number", "+15550100")));
        private TimeFormat timeFormat = TimeFormat.ISO;
        private Instant start = Instant.parse("2025-03-04T09:00:00Z");

        private Builder() {
        }

        /**
         * Replaces the agent's selectable states.
         *
         * @param defs the states
         * @return this builder
         */
        public Builder states(AgentStateDef... defs) {
            states.clear();
            states.addAll(List.of(defs));
            return this;
        }

        /**
         * Replaces the agent's quick connects.
         *
         * @param qcs the quick connects
         * @return this builder
         */
        public Builder quickConnects(QuickConnect... qcs) {
            quickConnects.clear();
            quickConnects.addAll(List.of(qcs));
            return this;
        }

        /**
         * @param format how timestamps appear
         * @return this builder
         */
        public Builder timeFormat(TimeFormat format) {
            this.timeFormat = Objects.requireNonNull(format, "format");
            return this;
        }

        /**
         * @param instant the contact center's time at the start
         * @return this builder
         */
        public Builder start(Instant instant) {
            this.start = Objects.requireNonNull(instant, "instant");
            return this;
        }

        /** @return the CCP */
        public SimulatedCcp build() {
            return new SimulatedCcp(this);
        }
    }
}
