package dev.softphone.cli;

import dev.softphone.CallView;
import dev.softphone.CommandResult;
import dev.softphone.Destination;
import dev.softphone.Leg;
import dev.softphone.PauseReason;
import dev.softphone.Phone;
import dev.softphone.PhoneEvent;
import dev.softphone.PhoneEventJson;
import dev.softphone.PhoneListener;
import dev.softphone.amazonconnect.AmazonConnectPlugin;
import dev.softphone.amazonconnect.StreamsBridgeHub;
import dev.softphone.amazonconnect.StreamsBridgeServer;
import dev.softphone.testkit.BridgePageClient;
import dev.softphone.testkit.amazon.SimulatedCcp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The live system behind {@code serve}: one {@link Phone} on the Amazon Connect plugin, the embedded
 * {@link StreamsBridgeServer} on a loopback port, and a {@link SimulatedCcp} playing the browser page: it pairs with a
 * token the hub issued and speaks bridge protocol v1 over a real WebSocket ({@link BridgePageClient} relays the CCP's
 * messages and hands it the phone's commands). The web page drives the phone (agent application panel) and the CCP
 * (softphone window and contact center) through {@link ServeHttp}.
 */
final class ServeSession implements AutoCloseable {
    /** The agent's phone id. */
    static final String PHONE_ID = "agent-1";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration COMMAND_WAIT = Duration.ofSeconds(15);

    private final Clock clock = Clock.systemUTC();
    private final StreamsBridgeHub hub = new StreamsBridgeHub();
    private final StreamsBridgeServer bridge;
    private final SimulatedCcp ccp;
    private final BridgePageClient page;
    private final Phone phone;
    private final List<ObjectNode> timeline = new ArrayList<>();
    private Instant ccpTime;

    private ServeSession() {
        bridge = StreamsBridgeServer.builder().hub(hub).port(0).build().start();
        try {
            phone = Phone.builder().id(PHONE_ID).plugin(new AmazonConnectPlugin(hub)).clock(clock)
                    .offlineMeansLogout(false)
                    .listener(new PhoneListener() {
                        @Override
                        public void onEvent(PhoneEvent event) {
                            record(event);
                        }
                    }).build();
            ccpTime = clock.instant();
            ccp = SimulatedCcp.builder().start(ccpTime).build();
            page = BridgePageClient.builder(bridge.bridgeUri())
                    .token(hub.issuePairingToken(PHONE_ID).value())
                    .commandHandler((command, p) -> ccp.receive(command.raw()))
                    .build();
            ccp.connectTo(page::relayFromStreams);
            page.connect();
            ccp.pageLoads();
        } catch (RuntimeException e) {
            bridge.close();
            throw e;
        }
    }

    /** @return a started session */
    static ServeSession start() {
        return new ServeSession();
    }

    /** @return where the bridge socket listens */
    String bridgeAddress() {
        return bridge.bridgeUri().toString();
    }

    // ----- the phone (agent application panel) -----

    /**
     * Runs one {@link Phone} verb and waits for its result.
     *
     * @param verb the verb's name, as in the page
     * @param args its arguments ({@code reason}, {@code kind}+{@code value}, {@code number}, {@code digits},
     *             {@code callId}, {@code stepId})
     * @return {@code {"ok":true,"result":"done"}}, a manual instruction, or {@code {"ok":false,"error":…}}
     * @throws IllegalArgumentException for an unknown verb or missing argument
     */
    ObjectNode phone(String verb, Map<String, String> args) {
        Function<Phone, CompletionStage<?>> command = phoneVerb(verb, args);
        ObjectNode answer = JSON.createObjectNode();
        try {
            Object result = command.apply(phone).toCompletableFuture()
                    .get(COMMAND_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            answer.put("ok", true);
            if (result instanceof CommandResult r) {
                answer.put("result", r.isManual() ? "manual" : "done");
                r.manualInstruction().ifPresent(i -> answer.put("instruction", i.text()));
                if (r.manualStepId() != null) {
                    answer.put("stepId", r.manualStepId());
                }
            } else if (result instanceof List<?> list) {
                ArrayNode items = answer.putArray("destinations");
                list.forEach(d -> items.add(describe((Destination) d)));
                answer.put("result", "done");
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            answer.put("ok", false).put("error", cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (TimeoutException e) {
            answer.put("ok", false).put("error", verb + " did not complete within " + COMMAND_WAIT.toSeconds()
                    + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.put("ok", false).put("error", "interrupted");
        } catch (RuntimeException e) {
            answer.put("ok", false).put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return answer;
    }

    private static Function<Phone, CompletionStage<?>> phoneVerb(String verb, Map<String, String> a) {
        String callId = blankToNull(a.get("callId"));
        return switch (verb) {
            case "login" -> Phone::login;
            case "logout" -> Phone::logout;
            case "ready" -> Phone::ready;
            case "pause" -> {
                PauseReason reason = PauseReason.custom(required(a, "reason"));
                yield p -> p.pause(reason);
            }
            case "dial" -> {
                Destination number = Destination.phoneNumber(required(a, "number"));
                yield p -> p.dial(number);
            }
            case "answer" -> p -> callId == null ? p.answer() : p.answer(callId);
            case "hangup" -> p -> callId == null ? p.hangup() : p.hangup(callId);
            case "hold" -> p -> callId == null ? p.hold() : p.hold(callId);
            case "resume" -> p -> callId == null ? p.resume() : p.resume(callId);
            case "mute" -> Phone::mute;
            case "unmute" -> Phone::unmute;
            case "sendDigits" -> {
                String digits = required(a, "digits");
                yield p -> callId == null ? p.sendDigits(digits) : p.sendDigits(callId, digits);
            }
            case "startTransfer" -> {
                Destination to = destination(a);
                yield p -> callId == null ? p.startTransfer(to) : p.startTransfer(callId, to);
            }
            case "blindTransfer" -> {
                Destination to = destination(a);
                yield p -> callId == null ? p.blindTransfer(to) : p.blindTransfer(callId, to);
            }
            case "conference" -> p -> callId == null ? p.conference() : p.conference(callId);
            case "swap" -> p -> callId == null ? p.swap() : p.swap(callId);
            case "cancelTransfer" -> p -> callId == null ? p.cancelTransfer() : p.cancelTransfer(callId);
            case "completeTransfer" -> p -> callId == null ? p.completeTransfer() : p.completeTransfer(callId);
            case "transferDestinations" -> Phone::transferDestinations;
            case "confirmManualStep" -> {
                String stepId = required(a, "stepId");
                yield p -> p.confirmManualStep(stepId);
            }
            default -> throw new IllegalArgumentException("unknown phone verb '" + verb + "'");
        };
    }

    private static Destination destination(Map<String, String> a) {
        String value = required(a, "value");
        return switch (a.getOrDefault("kind", "quickConnect")) {
            case "quickConnect" -> Destination.quickConnect(value);
            case "phoneNumber" -> Destination.phoneNumber(value);
            case "queue" -> Destination.queue(value);
            case "agent" -> Destination.agent(value);
            default -> throw new IllegalArgumentException("unknown destination kind '" + a.get("kind")
                    + "' (quickConnect, phoneNumber, queue or agent)");
        };
    }

    private static ObjectNode describe(Destination d) {
        ObjectNode o = JSON.createObjectNode();
        if (d instanceof Destination.QuickConnect q) {
            o.put("kind", "quickConnect").put("value", q.name());
        } else if (d instanceof Destination.PhoneNumber n) {
            o.put("kind", "phoneNumber").put("value", n.number());
        } else if (d instanceof Destination.Queue q) {
            o.put("kind", "queue").put("value", q.name());
        } else if (d instanceof Destination.Agent ag) {
            o.put("kind", "agent").put("value", ag.name());
        }
        return o.put("label", d.describe());
    }

    // ----- the CCP (softphone window and contact center) -----

    /**
     * Does something in the simulated CCP: the agent clicking in the vendor's window, or the contact center.
     *
     * @param action the action's name, as in the page
     * @param args   its arguments ({@code state}, {@code target}, {@code number}, {@code queue})
     * @throws IllegalArgumentException for an unknown action or missing argument
     * @throws IllegalStateException    when the CCP cannot do it now (for example no ringing call)
     */
    void ccp(String action, Map<String, String> args) {
        Consumer<SimulatedCcp> step = ccpAction(action, args);
        synchronized (this) {
            // The contact center's clock follows the wall clock, so its snapshots carry current times.
            Instant now = clock.instant();
            if (now.isAfter(ccpTime)) {
                ccp.advance(Duration.between(ccpTime, now));
                ccpTime = now;
            }
        }
        step.accept(ccp);
    }

    private static Consumer<SimulatedCcp> ccpAction(String action, Map<String, String> a) {
        return switch (action) {
            case "signIn" -> {
                String state = a.get("state") == null ? "Offline" : a.get("state");
                yield c -> c.agentLogsIn(state);
            }
            case "selectState" -> {
                String state = required(a, "state");
                yield c -> c.agentSelectsState(state);
            }
            case "accept" -> SimulatedCcp::agentAccepts;
            case "reject" -> SimulatedCcp::agentRejects;
            case "hangUp" -> SimulatedCcp::agentHangsUp;
            case "hold" -> SimulatedCcp::agentHoldsCustomer;
            case "resume" -> SimulatedCcp::agentResumesCustomer;
            case "mute" -> c -> c.agentMutes(true);
            case "unmute" -> c -> c.agentMutes(false);
            case "addParty" -> {
                String target = required(a, "target");
                yield c -> c.agentAddsParty(target);
            }
            case "join" -> SimulatedCcp::agentJoins;
            case "swap" -> SimulatedCcp::agentSwaps;
            case "dropThirdParty" -> SimulatedCcp::agentDropsThirdParty;
            case "closeContact" -> SimulatedCcp::agentClosesContact;
            case "dial" -> {
                String number = required(a, "number");
                yield c -> c.agentDials(number);
            }
            case "logOut" -> SimulatedCcp::agentLogsOutInCcp;
            case "customerCalls" -> {
                String number = required(a, "number");
                String queue = a.get("queue") == null ? "Support" : a.get("queue");
                yield c -> c.customerCalls(number, queue);
            }
            case "customerAnswers" -> SimulatedCcp::customerAnswers;
            case "customerHangsUp" -> c -> c.customerHangsUp();
            case "thirdPartyAnswers" -> SimulatedCcp::thirdPartyAnswers;
            case "thirdPartyHangsUp" -> SimulatedCcp::thirdPartyHangsUp;
            case "ringTimesOut" -> SimulatedCcp::ringTimesOut;
            default -> throw new IllegalArgumentException("unknown softphone action '" + action + "'");
        };
    }

    // ----- what the page shows -----

    /**
     * @param after the last event sequence number the page has
     * @return the phone's state, calls, the events after {@code after}, and the CCP's latest snapshot
     */
    ObjectNode state(long after) {
        ObjectNode s = JSON.createObjectNode();
        ObjectNode agent = s.putObject("agent");
        agent.put("state", Timeline.state(phone.agentState()));
        agent.put("pending", phone.pendingState().map(Timeline::state).orElse(null));
        agent.put("softphoneAvailable", phone.isSoftphoneAvailable());
        ArrayNode caps = agent.putArray("capabilities");
        phone.capabilities().stream().map(Enum::name).sorted().forEach(caps::add);
        ArrayNode calls = s.putArray("calls");
        for (CallView c : phone.calls()) {
            ObjectNode call = calls.addObject().put("callId", c.callId()).put("direction", c.direction().name())
                    .put("status", c.status().name()).put("remote", c.remote()).put("queue", c.queue());
            ArrayNode legs = call.putArray("legs");
            for (Leg leg : c.legs()) {
                legs.addObject().put("role", leg.role().name()).put("state", leg.state().name())
                        .put("endpoint", leg.endpoint() == null ? null
                                : leg.endpoint().name() != null ? leg.endpoint().name() : leg.endpoint().number());
            }
        }
        ArrayNode events = s.putArray("events");
        synchronized (timeline) {
            for (ObjectNode e : timeline) {
                if (e.path("seq").asLong() > after) {
                    events.add(e);
                }
            }
        }
        s.set("softphone", softphoneView());
        return s;
    }

    /** The CCP window's view: its latest snapshot's state, next state and contacts, and whether it is signed in. */
    private ObjectNode softphoneView() {
        List<String> recording = ccp.recording();
        ObjectNode view = JSON.createObjectNode();
        view.put("messages", recording.size()).put("commands", ccp.commandsSeen().size());
        JsonNode snapshot = null;
        boolean terminated = false;
        for (int i = recording.size() - 1; i >= 0 && snapshot == null && !terminated; i--) {
            JsonNode m = JSON.readTree(recording.get(i));
            if ("agent.update".equals(m.path("type").asString())) {
                snapshot = m.path("data").path("snapshot");
            } else if ("streams.event".equals(m.path("type").asString())
                    && "terminated".equals(m.path("name").asString())) {
                terminated = true;
            }
        }
        view.put("signedIn", snapshot != null);
        if (snapshot != null) {
            view.put("state", snapshot.path("state").path("name").asString());
            view.put("nextState", snapshot.path("nextState").path("name").asString(null));
            ArrayNode contacts = view.putArray("contacts");
            for (JsonNode c : snapshot.path("contacts")) {
                ObjectNode contact = contacts.addObject().put("contactId", c.path("contactId").asString())
                        .put("type", c.path("type").asString()).put("state", c.path("state").path("type").asString())
                        .put("queue", c.path("queue").path("name").asString(null));
                ArrayNode conns = contact.putArray("connections");
                for (JsonNode k : c.path("connections")) {
                    JsonNode ep = k.path("endpoint");
                    String who = ep.path("name").asString(null);
                    String number = ep.path("phoneNumber").asString(null);
                    conns.addObject().put("type", k.path("type").asString())
                            .put("state", k.path("state").path("type").asString())
                            .put("endpoint", who != null && !who.isEmpty() ? who : number);
                }
            }
        }
        return view;
    }

    private void record(PhoneEvent event) {
        ObjectNode e = (ObjectNode) JSON.readTree(PhoneEventJson.toJson(event));
        e.put("by", Timeline.by(event.origin()));
        e.put("text", Timeline.describe(event));
        synchronized (timeline) {
            timeline.add(e);
            timeline.notifyAll();
        }
    }

    /**
     * Waits until the phone reported an event of this type (for tests; the bridge is a real socket).
     *
     * @param type    an event type, e.g. {@code AgentLoggedIn}
     * @param timeout the longest wait
     * @return the first such event as the page sees it
     * @throws InterruptedException when interrupted
     * @throws IllegalStateException when none came in time
     */
    ObjectNode awaitEvent(String type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (timeline) {
            while (true) {
                for (ObjectNode e : timeline) {
                    if (type.equals(e.path("type").asString())) {
                        return e;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("no " + type + " event within " + timeout);
                }
                TimeUnit.NANOSECONDS.timedWait(timeline, left);
            }
        }
    }

    private static String required(Map<String, String> args, String name) {
        String v = blankToNull(args.get(name));
        if (v == null) {
            throw new IllegalArgumentException("missing '" + name + "'");
        }
        return v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @Override
    public void close() {
        try {
            phone.close();
        } finally {
            try {
                page.close();
            } finally {
                bridge.close();
            }
        }
    }
}
