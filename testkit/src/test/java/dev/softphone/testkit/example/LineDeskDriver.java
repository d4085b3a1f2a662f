package dev.softphone.testkit.example;

import dev.softphone.AgentState;
import dev.softphone.CallStatus;
import dev.softphone.Capability;
import dev.softphone.Destination;
import dev.softphone.Direction;
import dev.softphone.Leg;
import dev.softphone.LegRole;
import dev.softphone.LegState;
import dev.softphone.ManualInstruction;
import dev.softphone.PauseReason;
import dev.softphone.SoftphoneException;
import dev.softphone.SoftphoneUnavailableException;
import dev.softphone.Target;
import dev.softphone.VendorException;
import dev.softphone.spi.DriverCommand;
import dev.softphone.spi.Observation;
import dev.softphone.spi.ObservedAgent;
import dev.softphone.spi.ObservedCall;
import dev.softphone.spi.PluginContext;
import dev.softphone.spi.ReasonTable;
import dev.softphone.spi.Signal;
import dev.softphone.spi.SoftphoneDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One phone's link to LineDesk. LineDesk sends events, one per line ({@code RING c1 +15550100 Support},
 * {@code TALK c1}, {@code AGENT AWAY:coffee}, …) and answers commands ({@code 7 HOLD c1}) with {@code OK 7} or
 * {@code ERR 7 <code> <message>}. On every connection it first replays its current state between {@code HELLO}
 * and {@code SYNCED}.
 *
 * <p>The driver keeps a model of what LineDesk shows and reports the whole model after every event (rule P4).
 * Everything it reports comes from its one reader thread, in LineDesk's order (P6); commands are written and
 * answered later by the reader (P12); a lost connection is reported and retried on the context's scheduler (P10).
 */
final class LineDeskDriver implements SoftphoneDriver {
    private static final Logger LOG = LoggerFactory.getLogger(LineDeskDriver.class);
    private static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            Capability.READY, Capability.PAUSE, Capability.DIAL, Capability.ANSWER, Capability.HANGUP,
            Capability.HOLD));
    private static final long RETRY_MILLIS = 100;

    private final PluginContext context;
    private final InetSocketAddress address;
    private final ReasonTable reasons;
    private final Map<String, CompletableFuture<Void>> answers = new ConcurrentHashMap<>();
    private final AtomicLong commandIds = new AtomicLong();
    private final Set<String> unknownSeen = ConcurrentHashMap.newKeySet();

    // The model: changed and reported only by the reader thread, under this object's lock.
    private AgentState agent = AgentState.LOGGED_OUT;
    private final Map<String, LineCall> calls = new LinkedHashMap<>();
    private boolean syncing;
    private boolean linkLostReported;
    private boolean closed;

    private volatile Connection connection;
    private ScheduledFuture<?> retry;

    LineDeskDriver(PluginContext context) {
        this.context = context;
        this.address = new InetSocketAddress(context.config().get("host", "127.0.0.1"),
                context.config().getInt("port", 0));
        this.reasons = ReasonTable.builder()
                .map("coffee", PauseReason.BREAK)
                .map("lunch", PauseReason.MEAL)
                .map("training", PauseReason.TRAINING)
                .build()
                .withOverrides(context.config());
    }

    // ----- lifecycle -----

    @Override
    public void start() {
        // Connecting blocks, so it runs on the context's executor, never on the caller's thread (P12).
        context.executor().execute(this::connect);
    }

    @Override
    public void close() {
        Connection c;
        synchronized (this) {
            closed = true;
            if (retry != null) {
                retry.cancel(false);
            }
            c = connection;
            connection = null;
        }
        if (c != null) {
            c.close(); // ends the reader thread (P11)
        }
    }

    private void connect() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        Socket socket = new Socket();
        try {
            socket.connect(address, 1000);
            Connection c = new Connection(socket);
            synchronized (this) {
                if (closed) {
                    c.close();
                    return;
                }
                connection = c;
            }
            c.reader.start();
        } catch (IOException e) {
            closeQuietly(socket);
            lost("LineDesk is not running at " + address + " (" + e.getMessage() + ")");
        }
    }

    /** The link is down: say so once, fail what waits for an answer, and try again later. */
    private void lost(String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            connection = null;
            if (!linkLostReported) {
                linkLostReported = true;
                context.signal(new Signal.LinkLost(reason));
            }
            retry = context.scheduler().schedule(() -> context.executor().execute(this::connect), RETRY_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
        for (String id : List.copyOf(answers.keySet())) {
            CompletableFuture<Void> answer = answers.remove(id);
            if (answer != null) {
                answer.completeExceptionally(new SoftphoneUnavailableException(
                        "LineDesk went away before answering: " + reason));
            }
        }
    }

    // ----- commands -----

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public String whyNot(Capability capability) {
        return "LineDesk's integration port offers no " + capability + " command; the agent uses the LineDesk window";
    }

    @Override
    public CompletionStage<Void> execute(DriverCommand command) {
        String text;
        try {
            text = toLine(command);
        } catch (SoftphoneException e) {
            return CompletableFuture.failedFuture(e);
        }
        Connection c = connection;
        if (c == null) {
            return CompletableFuture.failedFuture(new SoftphoneUnavailableException(
                    "LineDesk is not connected; cannot " + command.describe()));
        }
        String id = Long.toString(commandIds.incrementAndGet());
        CompletableFuture<Void> answer = new CompletableFuture<>();
        answers.put(id, answer);
        try {
            // One short line: the socket's send buffer takes it without waiting for LineDesk.
            c.send(id + " " + text);
        } catch (IOException e) {
            answers.remove(id);
            return CompletableFuture.failedFuture(new SoftphoneUnavailableException(
                    "could not send " + command.describe() + " to LineDesk: " + e.getMessage()));
        }
        return answer;
    }

    private String toLine(DriverCommand command) {
        if (command instanceof DriverCommand.Answer a) {
            return "ANSWER " + a.callId();
        } else if (command instanceof DriverCommand.Hangup h) {
            return "HANGUP " + h.callId();
        } else if (command instanceof DriverCommand.Hold h) {
            return "HOLD " + h.callId();
        } else if (command instanceof DriverCommand.Resume r) {
            return "UNHOLD " + r.callId();
        } else if (command instanceof DriverCommand.SetState s && s.target().isRoutable()) {
            return "READY";
        } else if (command instanceof DriverCommand.SetState s) {
            PauseReason reason = s.target().reason();
            return "AWAY " + reasons.toVendor(reason).orElse(reason.code().toLowerCase(java.util.Locale.ROOT));
        } else if (command instanceof DriverCommand.Dial d && d.destination() instanceof Destination.PhoneNumber p) {
            return "DIAL " + p.number();
        } else if (command instanceof DriverCommand.Dial d) {
            throw new SoftphoneException("LineDesk dials phone numbers only, not " + d.destination().describe());
        }
        throw new SoftphoneException("LineDesk cannot " + command.describe() + " from code");
    }

    @Override
    public ManualInstruction manualInstruction(Capability capability, DriverCommand command) {
        return new ManualInstruction("linedesk." + capability.name().toLowerCase(java.util.Locale.ROOT),
                "In the LineDesk window: " + command.describe(), Map.of("command", command.describe()));
    }

    // ----- events -----

    /** Applies one line from LineDesk; runs on the reader thread only. */
    private void onLine(String line) {
        String[] w = line.trim().split(" ", 4);
        try {
            switch (w[0]) {
                case "OK" -> answered(w[1], null);
                case "ERR" -> answered(w[1], new VendorException(w[2], w.length > 3 ? w[3] : ""));
                default -> {
                    if (apply(w)) {
                        publish();
                    }
                }
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            // Bad input is reported and skipped; the model keeps what it knew (P9).
            LOG.warn("LineDesk sent a line with missing fields, skipped: '{}'", line);
        }
    }

    /** @return true when the model changed */
    private synchronized boolean apply(String[] w) {
        switch (w[0]) {
            case "HELLO" -> {
                // A (re)connection replays everything: rebuild the model, report it once at SYNCED.
                syncing = true;
                agent = AgentState.LOGGED_OUT;
                calls.clear();
                return false;
            }
            case "SYNCED" -> {
                syncing = false;
                if (linkLostReported) {
                    linkLostReported = false;
                    context.signal(new Signal.LinkRestored("LineDesk is back"));
                }
                return true;
            }
            case "AGENT" -> agent = agentState(w[1]);
            case "RING" -> calls.put(w[1], new LineCall(w[1], Direction.INBOUND, w[2], w[3], CallStatus.RINGING,
                    false));
            case "DIAL" -> calls.put(w[1], new LineCall(w[1], Direction.OUTBOUND, w[2], null, CallStatus.RINGING,
                    false));
            case "TALK" -> update(w[1], c -> c.with(CallStatus.CONNECTED, c.held()));
            case "HOLD" -> update(w[1], c -> c.with(c.status(), true));
            case "UNHOLD" -> update(w[1], c -> c.with(c.status(), false));
            case "MISSED" -> {
                // Show the call missed in one picture, then drop it, so core can tell missed from ended.
                update(w[1], c -> c.with(CallStatus.MISSED, false));
                publish();
                calls.remove(w[1]);
            }
            case "GONE" -> calls.remove(w[1]);
            default -> {
                if (unknownSeen.add(w[0])) {
                    LOG.info("LineDesk sent '{}', which this plugin does not know; ignoring it", w[0]);
                }
                return false;
            }
        }
        return !syncing;
    }

    private void update(String callId, java.util.function.UnaryOperator<LineCall> change) {
        LineCall call = calls.get(callId);
        if (call == null) {
            LOG.debug("LineDesk reported call {}, which it never offered; ignoring it", callId);
            return;
        }
        calls.put(callId, change.apply(call));
    }

    private AgentState agentState(String vendor) {
        if (vendor.equals("READY")) {
            return AgentState.READY;
        } else if (vendor.startsWith("AWAY:")) {
            return AgentState.notReady(reasons.toReason(vendor.substring(5)));
        }
        return AgentState.LOGGED_OUT;
    }

    private void answered(String id, VendorException error) {
        CompletableFuture<Void> answer = answers.remove(id);
        if (answer == null) {
            return; // answered after core's timeout, or after a reconnect: nothing waits for it any more
        }
        if (error == null) {
            answer.complete(null);
        } else {
            answer.completeExceptionally(error);
        }
    }

    /** Reports the whole model (P4). Under the lock, so nothing is reported after close (P11). */
    private synchronized void publish() {
        if (closed || syncing) {
            return;
        }
        List<ObservedCall> list = new ArrayList<>();
        for (LineCall c : calls.values()) {
            list.add(c.observed());
        }
        context.observe(new Observation(ObservedAgent.of(agent), list));
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** One call as LineDesk shows it. */
    private record LineCall(String id, Direction direction, String remote, String queue, CallStatus status,
                            boolean held) {
        LineCall with(CallStatus newStatus, boolean nowHeld) {
            return new LineCall(id, direction, remote, queue, newStatus, nowHeld);
        }

        ObservedCall observed() {
            boolean connected = status == CallStatus.CONNECTED;
            LegState customer = held ? LegState.HELD : connected || direction == Direction.INBOUND
                    ? LegState.CONNECTED : LegState.CONNECTING;
            LegState agentLeg = connected || direction == Direction.OUTBOUND ? LegState.CONNECTED
                    : LegState.CONNECTING;
            return new ObservedCall(id, id, direction, status, remote, queue, null, List.of(
                    new Leg(id + "-agent", LegRole.AGENT, agentLeg, null, false),
                    new Leg(id + "-customer", LegRole.CUSTOMER, customer, Target.phoneNumber(remote), false)));
        }
    }

    /** The socket to LineDesk and the thread that reads it. */
    private final class Connection {
        private final Socket socket;
        private final Writer out;
        private final Thread reader;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            this.reader = new Thread(() -> read(in), "linedesk-reader-" + context.phoneId());
            this.reader.setDaemon(true);
        }

        private void read(BufferedReader in) {
            String reason = "LineDesk closed the connection";
            try {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    onLine(line);
                }
            } catch (IOException e) {
                reason = "the connection to LineDesk broke: " + e.getMessage();
            }
            closeQuietly(socket);
            lost(reason);
        }

        synchronized void send(String line) throws IOException {
            out.write(line + "\n");
            out.flush();
        }

        void close() {
            closeQuietly(socket);
        }
    }
}
