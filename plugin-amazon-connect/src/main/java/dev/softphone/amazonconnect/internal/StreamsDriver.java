package dev.softphone.amazonconnect.internal;

import dev.softphone.Capability;
import dev.softphone.Destination;
import dev.softphone.ManualInstruction;
import dev.softphone.SoftphoneUnavailableException;
import dev.softphone.amazonconnect.BadMessageListener;
import dev.softphone.amazonconnect.PageLink;
import dev.softphone.amazonconnect.PageSink;
import dev.softphone.amazonconnect.StreamsBridgeHub;
import dev.softphone.spi.DriverCommand;
import dev.softphone.spi.Observation;
import dev.softphone.spi.PluginContext;
import dev.softphone.spi.ReasonTable;
import dev.softphone.spi.Signal;
import dev.softphone.spi.SoftphoneDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The Amazon Connect driver of one phone: the {@link PageSink} its bridge page talks to. It reads the page's
 * messages (DESIGN §6) in arrival order — {@code hello}, {@code agent.update} (mapped to a whole
 * {@link Observation}), {@code streams.event} (mapped to {@link Signal}s), {@code result} (completing commands) —
 * and sends {@code command} messages for driver commands. Re-polled snapshots are recognized by comparing bytes
 * ({@link RepollMatcher}), everything else is read in one streaming pass ({@link MessageReader}); bad messages are
 * reported and skipped, keeping what was known.
 *
 * <p>Thread-safety: page callbacks and commands may come from any thread; state is guarded by this object's lock,
 * and command futures are completed and page links used outside it.
 */
public final class StreamsDriver implements SoftphoneDriver, PageSink {
    /** How long a command waits for its result by default. */
    public static final Duration DEFAULT_COMMAND_EXPIRY = Duration.ofSeconds(60);
    /** The bridge protocol version this driver speaks. */
    public static final int PROTOCOL = 1;

    private static final Logger LOG = LoggerFactory.getLogger(StreamsDriver.class);
    private static final int MAX_LOGGED_MESSAGE = 300;

    private final PluginContext context;
    private final StreamsBridgeHub hub;
    private final BadMessageListener badMessages;
    private final String phoneId;
    private final UnknownValues unknown;
    private final PresenceMapper presence;
    private final CallMapper calls;
    private final PendingCommands pending;
    private final QuickConnects quickConnects;
    private final CommandTranslator translator;
    private final SnapshotParser.ConfigurationMemo configurations = new SnapshotParser.ConfigurationMemo();

    // Guarded by this.
    private PageLink link;
    private boolean linkLost;
    private AutoCloseable registration;
    private boolean closed;
    private long lastSeq = -1;
    /** The bytes of the last agent.update used, for {@link RepollMatcher}; empty when the next one counts in full. */
    private final UpdateBytes lastUpdate = new UpdateBytes();
    /** The bytes of the last agent.update that was unusable, so its re-polls are not reported again. */
    private byte[] lastBadUpdate;
    private StreamsSnapshot snapshot;
    private StreamsConfiguration configuration = StreamsConfiguration.EMPTY;
    /**
     * True when the next snapshot must reach core even if it equals {@link #snapshot} (a new session). Otherwise a
     * snapshot equal to the last one (different only in fields the plugin does not read) maps to the same
     * observation and is not mapped again.
     */
    private boolean reportNext = true;
    private long parsedUpdates;
    private long mappedUpdates;
    /** True until the first snapshot of a session arrives (for closing the login popup then). */
    private boolean awaitingLogin = true;
    private final boolean closePopupOnLogin;

    /**
     * @param context     what core gives the driver
     * @param hub         where to register for the bridge page
     * @param reasons     Amazon state names to pause reasons, with the phone's overrides
     * @param badMessages told about unusable messages
     */
    public StreamsDriver(PluginContext context, StreamsBridgeHub hub, ReasonTable reasons,
                         BadMessageListener badMessages) {
        this.context = context;
        this.hub = hub;
        this.badMessages = badMessages;
        this.phoneId = context.phoneId();
        this.unknown = new UnknownValues(phoneId);
        this.presence = new PresenceMapper(reasons, unknown);
        this.calls = new CallMapper(unknown);
        this.pending = new PendingCommands(phoneId, context.scheduler(),
                context.config().getDuration("command-expiry", DEFAULT_COMMAND_EXPIRY));
        this.quickConnects = new QuickConnects(() -> send("getEndpoints", endpointQuery()));
        this.closePopupOnLogin = context.config().getBoolean("close-login-popup", false);
        this.translator = new CommandTranslator(new CommandTranslator.Bridge() {
            @Override
            public CompletableFuture<JsonNode> send(String op, ObjectNode args) {
                return StreamsDriver.this.send(op, args);
            }

            @Override
            public StreamsSnapshot snapshot() {
                synchronized (StreamsDriver.this) {
                    return snapshot;
                }
            }

            @Override
            public StreamsConfiguration configuration() {
                synchronized (StreamsDriver.this) {
                    return configuration;
                }
            }
        }, quickConnects, reasons);
    }

    // ----- SoftphoneDriver -----

    @Override
    public void start() {
        synchronized (this) {
            if (registration != null || closed) {
                return;
            }
            registration = hub.register(phoneId, this);
        }
        LOG.info("phone {}: waiting for its Amazon Connect bridge page", phoneId);
    }

    @Override
    public Set<Capability> capabilities() {
        Set<Capability> caps = EnumSet.allOf(Capability.class);
        caps.remove(Capability.LOGIN);
        return caps;
    }

    @Override
    public String whyNot(Capability capability) {
        if (capability == Capability.LOGIN) {
            return "Amazon Connect has no credential login: the agent signs in through the CCP's login window "
                    + "(or SSO through loginUrl)";
        }
        return SoftphoneDriver.super.whyNot(capability);
    }

    @Override
    public CompletionStage<Void> execute(DriverCommand command) {
        try {
            return translator.execute(command).thenApply(x -> null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public ManualInstruction manualInstruction(Capability capability, DriverCommand command) {
        String key = "amazon-connect." + capability.name().toLowerCase(Locale.ROOT);
        if (capability == Capability.LOGIN) {
            return new ManualInstruction(key, "Sign in to Amazon Connect in the login window of the agent page.",
                    Map.of());
        }
        return new ManualInstruction(key, "In the Amazon Connect CCP: " + command.describe() + ".",
                Map.of("command", command.describe()));
    }

    @Override
    public CompletionStage<List<Destination>> transferDestinations() {
        return quickConnects.destinations();
    }

    @Override
    public void close() {
        AutoCloseable reg;
        PageLink current;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            reg = registration;
            registration = null;
            current = link;
            link = null;
        }
        pending.failAllClosed(phoneId);
        if (reg != null) {
            try {
                reg.close();
            } catch (Exception e) {
                LOG.warn("phone {}: could not unregister from the bridge hub", phoneId, e);
            }
        }
        if (current != null) {
            closeQuietly(current, "the phone " + phoneId + " closed");
        }
    }

    /**
     * @return how many {@code agent.update} messages were read in full (the others were recognized as re-polls by
     *         {@link RepollMatcher}), for tests and monitoring
     */
    public synchronized long parsedUpdates() {
        return parsedUpdates;
    }

    /** @return how many agent.update messages were mapped to an observation (the rest repeated the last snapshot) */
    public synchronized long mappedUpdates() {
        return mappedUpdates;
    }

    // ----- PageSink -----

    @Override
    public void pageAttached(PageLink newLink) {
        PageLink old;
        boolean restored;
        synchronized (this) {
            if (closed) {
                closeQuietly(newLink, "the phone " + phoneId + " is closed");
                return;
            }
            old = link;
            link = newLink;
            // A new socket starts its own sequence; its first snapshot is taken in full.
            lastSeq = -1;
            lastUpdate.clear();
            restored = linkLost;
            linkLost = false;
            if (restored) {
                context.signal(new Signal.LinkRestored("the Amazon Connect bridge page connected"));
            }
        }
        if (old != null && old != newLink) {
            pending.failAll("another bridge page took over phone " + phoneId);
            closeQuietly(old, "another bridge page took over phone " + phoneId);
        }
        LOG.info("phone {}: bridge page attached", phoneId);
    }

    @Override
    public void pageDetached(PageLink detached, String reason) {
        synchronized (this) {
            if (detached != link) {
                return;
            }
            link = null;
            if (!closed && !linkLost) {
                linkLost = true;
                context.signal(new Signal.LinkLost("the Amazon Connect bridge page disconnected: " + reason));
            }
        }
        pending.failAll("the bridge page disconnected (" + reason + ")");
        LOG.info("phone {}: bridge page detached: {}", phoneId, reason);
    }

    @Override
    public void pageMessage(String json) {
        if (json == null) {
            bad("the message is empty (null)", null);
            return;
        }
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        pageMessage(utf8, 0, utf8.length);
    }

    @Override
    public void pageMessage(byte[] utf8, int offset, int length) {
        List<Runnable> after = new ArrayList<>(1);
        synchronized (this) {
            if (closed) {
                return;
            }
            handle(new Raw(utf8, offset, length), after);
        }
        after.forEach(Runnable::run);
    }

    // ----- messages -----

    /**
     * The last snapshot's bytes, copied into one array reused for the phone's life: a phone lives long (its arrays
     * reach the old generation), and a fresh 7 KB copy per change would make old-generation garbage on every change
     * of every agent (docs/performance.md, many phones).
     */
    private static final class UpdateBytes {
        byte[] bytes = new byte[0];
        int length;

        void set(Raw raw) {
            if (bytes.length < raw.length()) {
                bytes = new byte[raw.length() + raw.length() / 8];
            }
            System.arraycopy(raw.buffer(), raw.offset(), bytes, 0, raw.length());
            length = raw.length();
        }

        void clear() {
            length = 0;
        }
    }

    /** A message's bytes, only valid during the call; decoded to text only for a report. */
    private record Raw(byte[] buffer, int offset, int length) {
        byte[] copy() {
            return Arrays.copyOfRange(buffer, offset, offset + length);
        }

        @Override
        public String toString() {
            return new String(buffer, offset, length, StandardCharsets.UTF_8);
        }
    }

    private void handle(Raw raw, List<Runnable> after) {
        if (lastUpdate.length > 0 && isRepollOf(lastUpdate.bytes, lastUpdate.length, raw)) {
            return; // the same picture again, in order: recognized without a parse
        }
        if (lastBadUpdate != null && isRepollOf(lastBadUpdate, lastBadUpdate.length, raw)) {
            LOG.debug("phone {}: the same malformed agent.update again; skipped", phoneId);
            return;
        }
        // gaps, duplicates and changes take the full path
        MessageReader.Message msg;
        try {
            msg = MessageReader.read(raw.buffer(), raw.offset(), raw.length(), configurations, unknown);
        } catch (BadMessageException e) {
            bad(e.getMessage(), raw);
            return;
        } catch (RuntimeException e) {
            // a defect of ours must not reach the transport nor stop the page's next messages
            LOG.error("phone {}: reading a bridge message failed", phoneId, e);
            bad("could not read the message: " + e, raw);
            return;
        }
        String type = msg.type();
        if (type == null) {
            bad("the message has no string 'type' (expected hello, agent.update, streams.event or result)", raw);
            return;
        }
        boolean update = "agent.update".equals(type);
        if (update || "streams.event".equals(type)) {
            if (!acceptSeq(msg.seq(), type)) {
                return;
            }
        }
        switch (type) {
            case "hello" -> hello(msg.fields());
            case "agent.update" -> update(msg, raw, after);
            case "streams.event" -> event(msg.fields(), raw);
            case "result" -> result(msg.fields(), raw, after);
            default -> bad("unknown message type '" + type + "' (expected hello, agent.update, streams.event or "
                    + "result)", raw);
        }
    }

    /** True when {@code raw} re-polls {@code previous} with the next seq; then that seq is taken. */
    private boolean isRepollOf(byte[] previous, int previousLength, Raw raw) {
        long seq = RepollMatcher.repollSeq(previous, previousLength, raw.buffer(), raw.offset(), raw.length());
        if (seq >= 0 && seq == lastSeq + 1) {
            lastSeq = seq;
            return true;
        }
        return false;
    }

    /** Seq bookkeeping: duplicates are skipped; after a gap the next snapshot is processed in full. */
    private boolean acceptSeq(Long seq, String type) {
        if (seq == null) {
            return true;
        }
        if (lastSeq >= 0) {
            if (seq <= lastSeq) {
                LOG.warn("phone {}: {} with seq {} after seq {}: a duplicate or out of order; skipped", phoneId, type,
                        seq, lastSeq);
                return false;
            }
            if (seq > lastSeq + 1) {
                LOG.warn("phone {}: messages {}..{} never arrived; continuing from the next full snapshot", phoneId,
                        lastSeq + 1, seq - 1);
                lastUpdate.clear();
            }
        }
        lastSeq = seq;
        return true;
    }

    private void hello(JsonNode msg) {
        JsonNode protocol = msg.get("protocol");
        if (protocol == null || !protocol.isNumber() || protocol.asInt() != PROTOCOL) {
            LOG.error("phone {}: the bridge page speaks protocol {}, this driver speaks {}; update streams-bridge.js "
                    + "or the plugin so they match", phoneId, protocol, PROTOCOL);
        }
        LOG.info("phone {}: bridge page hello (Streams {}, page {})", phoneId, text(msg, "streamsVersion"),
                text(msg, "page"));
        // A new page load: its seq restarts, and its quick connects may differ.
        lastSeq = -1;
        lastUpdate.clear();
        quickConnects.reset();
    }

    private void update(MessageReader.Message msg, Raw raw, List<Runnable> after) {
        parsedUpdates++;
        if (msg.updateProblem() != null) {
            lastBadUpdate = raw.copy();
            bad(msg.updateProblem().getMessage(), raw);
            return;
        }
        SnapshotParser.Update parsed = msg.update();
        StreamsConfiguration conf = parsed.configuration() != null ? parsed.configuration() : configuration;
        StreamsSnapshot current = SnapshotReuse.against(snapshot, parsed.snapshot());
        // the mapping depends on the snapshot and the configuration only: the same instances give the same picture
        boolean same = current == snapshot && conf == configuration && !reportNext;
        Observation observation = null;
        if (!same) {
            try {
                observation = new Observation(presence.map(current, conf), calls.map(current));
            } catch (RuntimeException e) {
                lastBadUpdate = raw.copy();
                bad("cannot map the snapshot: " + e.getMessage(), raw);
                return;
            }
            mappedUpdates++;
        }
        // stores only what changed: a phone's state is long-lived, and each store into it costs the collector
        if (configuration != conf) {
            configuration = conf;
        }
        if (snapshot != current) {
            snapshot = current;
        }
        lastUpdate.set(raw);
        lastBadUpdate = null;
        if (awaitingLogin) {
            awaitingLogin = false;
            if (closePopupOnLogin) {
                after.add(() -> closeLoginPopup().whenComplete((closed, err) -> {
                    if (err != null) {
                        LOG.info("phone {}: could not close the login popup: {}", phoneId, err.toString());
                    }
                }));
            }
        }
        if (observation != null) {
            reportNext = false;
            context.observe(observation); // core drops it if it equals the last one (a field the mapping ignores)
        }
    }

    private void event(JsonNode msg, Raw json) {
        String name = text(msg, "name");
        if (name == null) {
            bad("streams.event has no 'name'", json);
            return;
        }
        JsonNode data = msg.path("data");
        switch (name) {
            case "terminated" -> sessionEnded(new Signal.SessionTerminated());
            case "auth_fail" -> sessionEnded(new Signal.AuthFailed(firstText(data, "message", "error")));
            case "agent::mute_toggle" -> {
                JsonNode muted = data.get("muted");
                if (muted == null || !muted.isBoolean()) {
                    bad("streams.event agent::mute_toggle needs 'data.muted' true or false", json);
                    return;
                }
                context.signal(new Signal.MuteToggled(muted.booleanValue()));
            }
            case "agent::softphone_error" -> {
                String errorType = firstText(data, "errorType", "type");
                context.signal(new Signal.SoftphoneError(errorType.isEmpty() ? "softphone_error" : errorType,
                        firstText(data, "errorMessage", "message")));
            }
            case "access_denied", "iframe_retries_exhausted", "authorize_retries_exhausted",
                    "cti_authorize_retries_exhausted" ->
                    LOG.warn("phone {}: Amazon Connect reported {} {}", phoneId, name, data.isMissingNode() ? ""
                            : data);
            case "init", "contact::accepted" -> LOG.debug("phone {}: Streams event {}", phoneId, name);
            default -> unknown.report("Streams event", name, "ignored");
        }
    }

    /** The session ended: the next snapshot (after a new login) must be reported even if it looks the same. */
    private void sessionEnded(Signal signal) {
        context.signal(signal);
        reportNext = true;
        lastUpdate.clear();
        awaitingLogin = true;
    }

    /**
     * Closes the login popup Streams opened ({@code connect.core.loginWindow}), through the bridge page.
     *
     * @return true when there was a popup to close; fails like any command when the page is away
     */
    public CompletableFuture<Boolean> closeLoginPopup() {
        return send("closeLoginPopup", JsonNodeFactory.instance.objectNode())
                .thenApply(data -> data.path("closed").asBoolean(false));
    }

    private void result(JsonNode msg, Raw json, List<Runnable> after) {
        String id = text(msg, "id");
        JsonNode ok = msg.get("ok");
        if (id == null || ok == null || !ok.isBoolean()) {
            bad("result needs a string 'id' and 'ok' true or false", json);
            return;
        }
        JsonNode error = msg.path("error");
        String errType = error.isObject() ? text(error, "type") : error.isString() ? error.stringValue() : null;
        String errText = error.isObject() ? text(error, "message") : null;
        after.add(() -> {
            if (!pending.complete(id, ok.booleanValue(), msg.get("data"), errType, errText)) {
                LOG.debug("phone {}: result for command {} that no longer waits (timed out, or not ours)", phoneId,
                        id);
            }
        });
    }

    // ----- commands -----

    private CompletableFuture<JsonNode> send(String op, ObjectNode args) {
        PageLink target;
        synchronized (this) {
            target = link;
        }
        if (target == null) {
            return CompletableFuture.failedFuture(new SoftphoneUnavailableException("no Amazon Connect bridge page "
                    + "is connected for phone " + phoneId + ", so " + op + " cannot be sent; open the agent page "
                    + "that runs the CCP"));
        }
        Map.Entry<String, CompletableFuture<JsonNode>> cmd = pending.open(op);
        try {
            target.send(CommandWriter.command(cmd.getKey(), op, args));
        } catch (RuntimeException e) {
            pending.fail(cmd.getKey(), new SoftphoneUnavailableException("could not send " + op
                    + " to the bridge page: " + e.getMessage()));
        }
        return cmd.getValue();
    }

    private ObjectNode endpointQuery() {
        StreamsConfiguration conf;
        synchronized (this) {
            conf = configuration;
        }
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        var arns = args.putArray("queueARNs");
        conf.endpointQueueArns().forEach(arns::add);
        return args;
    }

    // ----- helpers -----

    private void bad(String problem, Raw raw) {
        String json = raw == null ? null : raw.toString();
        // Masked and cut like every log line that may carry customer data (docs/security.md).
        String shown = json == null ? "null" : dev.softphone.spi.LogMasking.text(json, MAX_LOGGED_MESSAGE);
        LOG.warn("phone {}: skipped a bridge message: {}; message: {}", phoneId, problem, shown);
        try {
            badMessages.badMessage(phoneId, problem, json);
        } catch (RuntimeException e) {
            LOG.warn("phone {}: the bad-message listener threw", phoneId, e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isString() ? v.stringValue() : null;
    }

    private static String firstText(JsonNode node, String... fields) {
        if (node == null || !node.isObject()) {
            return node != null && node.isString() ? node.stringValue() : "";
        }
        for (String f : fields) {
            String v = text(node, f);
            if (v != null) {
                return v;
            }
        }
        return "";
    }

    private void closeQuietly(PageLink l, String reason) {
        try {
            l.close(reason);
        } catch (RuntimeException e) {
            LOG.debug("phone {}: closing a page link failed", phoneId, e);
        }
    }
}
