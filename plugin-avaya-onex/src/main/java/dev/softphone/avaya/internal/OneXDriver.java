package dev.softphone.avaya.internal;

import dev.softphone.CallStatus;
import dev.softphone.Capability;
import dev.softphone.Destination;
import dev.softphone.InvalidPhoneStateException;
import dev.softphone.ManualInstruction;
import dev.softphone.SoftphoneUnavailableException;
import dev.softphone.Target;
import dev.softphone.VendorException;
import dev.softphone.avaya.OneXResponseException;
import dev.softphone.spi.DriverCommand;
import dev.softphone.spi.ObservedCall;
import dev.softphone.spi.PluginContext;
import dev.softphone.spi.Signal;
import dev.softphone.spi.SoftphoneDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The driver of one phone on one-X Agent: registers a client, polls {@code nextnotification} on the phone's scheduler,
 * sends the voice commands, keeps the {@link OneXModel} and reports the whole picture after every change.
 *
 * <p>Link handling: when one-X cannot be reached the driver signals {@link Signal.LinkLost} once, and tries again with
 * a doubling pause (up to {@code max-retry-interval}); commands fail fast with {@link SoftphoneUnavailableException}
 * meanwhile. When one-X answers again with the same client id, nothing was lost; when it no longer knows the id (it
 * restarted) the driver registers again, reports the calls it had as ended and the agent in the initial state. Either
 * way {@link Signal.LinkRestored} comes first, then the full picture.
 *
 * <p>Thread-safety: HTTP answers arrive on the HTTP client's threads; every change of the driver's state happens under
 * this object's lock, and the picture is reported under it too, so observations leave in the order they were made.
 */
public final class OneXDriver implements SoftphoneDriver {
    private static final Logger LOG = LoggerFactory.getLogger(OneXDriver.class);
    private static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(Capability.DIAL,
            Capability.ANSWER, Capability.HANGUP, Capability.HOLD, Capability.MUTE));
    private static final int ALREADY_REGISTERED = 1;
    private static final int MAX_NAME_ATTEMPTS = 3;
    private static final int MAX_BLIND_REMEMBERED = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PluginContext context;
    private final OneXSettings settings;
    private final OneXHttp http;
    private final OneXModel model;
    private final OneXInstructions instructions;
    /** Manual blind transfers asked for, by identity: core confirms the same command object it was given. */
    private final Deque<DriverCommand> blindTransfers = new ArrayDeque<>();
    /**
     * UCIDs by interaction id, for the calls whose {@code VoiceInteractionCreated} carried one. Read by core on the
     * phone's lane ({@link #correlationId}), written by the notification loop.
     */
    private final Map<String, String> ucids = new java.util.concurrent.ConcurrentHashMap<>();

    private String clientId;
    private String clientName;
    private boolean everRegistered;
    private boolean linkLost;
    private int failures;
    private int nameAttempts;
    private ScheduledFuture<?> timer;
    private boolean started;
    private boolean closed;

    /**
     * @param context  what core gives the driver
     * @param settings the validated settings
     */
    public OneXDriver(PluginContext context, OneXSettings settings) {
        this.context = context;
        this.settings = settings;
        this.http = new OneXHttp(settings.apiBase(), settings.requestTimeout());
        this.model = new OneXModel(settings.initialState(), settings.manualIn());
        this.instructions = new OneXInstructions(settings.reasons());
    }

    // ----- lifecycle -----

    @Override
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        register();
    }

    @Override
    public void close() {
        String id;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            cancelTimer();
            id = clientId;
            clientId = null;
        }
        if (id != null) {
            // Free one-X's queue for this client; wait briefly so a phone closed and rebuilt does not leave
            // orphans, but never longer than the request timeout.
            try {
                http.get("unregisterclient", Map.of("clientid", id))
                        .get(Math.min(settings.requestTimeout().toMillis(), 2000), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.debug("one-X Agent: unregistering client {} failed: {}", id, e.toString());
            } 
        }
    }

    // ----- registration and polling -----

    /** Registers a new client under a fresh unique name. Runs under the lock. */
    private void register() {
        String name = settings.clientName() + "-" + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
        clientName = name;
        http.get("registerclient", Map.of("name", name)).whenComplete((answer, err) -> onRegistered(name, answer,
                err));
    }

    private synchronized void onRegistered(String name, OneXResponse answer, Throwable err) {
        if (closed) {
            if (answer != null && answer.ok() && answer.attribute("ClientId") != null) {
                http.get("unregisterclient", Map.of("clientid", answer.attribute("ClientId")));
            }
            return;
        }
        if (err != null) {
            failed(cause(err), this::register);
            return;
        }
        if (answer.responseCode() == ALREADY_REGISTERED && ++nameAttempts < MAX_NAME_ATTEMPTS) {
            LOG.info("one-X Agent: client name {} is taken, registering under another name", name);
            register();
            return;
        }
        String id = answer.attribute("ClientId");
        if (!answer.ok() || id == null || id.isBlank()) {
            failed(answer.ok() ? new VendorException("MALFORMED_ANSWER", "registerclient answered no ClientId")
                    : new OneXResponseException(answer.responseCode(), "registerclient", "registering " + name),
                    this::register);
            return;
        }
        nameAttempts = 0;
        failures = 0;
        clientId = id;
        if (everRegistered) {
            model.restarted();
        } else {
            model.registered();
        }
        everRegistered = true;
        LOG.info("one-X Agent at {}: registered as {} (client id {})", http.apiBase(), name, id);
        restoreLink("one-X Agent is reachable; registered as " + name);
        publish();
        schedule(this::poll, settings.pollInterval());
    }

    /** Asks for the next notification. Runs under the lock. */
    private void poll() {
        if (closed || clientId == null) {
            return;
        }
        String id = clientId;
        http.get("nextnotification", Map.of("clientid", id)).whenComplete((answer, err) -> onPolled(id, answer,
                err));
    }

    private synchronized void onPolled(String id, OneXResponse answer, Throwable err) {
        if (closed || !id.equals(clientId)) {
            return;
        }
        if (err != null) {
            Throwable cause = cause(err);
            if (cause instanceof SoftphoneUnavailableException) {
                failed(cause, this::poll);
            } else {
                // one-X answered, but not with a notification we can read: say so and go on polling.
                LOG.warn("one-X Agent: skipping an unreadable nextnotification answer: {}", cause.getMessage());
                schedule(this::poll, settings.pollInterval());
            }
            return;
        }
        if (!answer.ok()) {
            // The id is no longer known: one-X restarted (or dropped us). Register again; calls are gone.
            linkDown("one-X Agent no longer knows client " + clientName + " (ResponseCode " + answer.responseCode()
                    + "): it restarted; registering again");
            clientId = null;
            register();
            return;
        }
        failures = 0;
        if (linkLost) {
            restoreLink("one-X Agent answers again; client " + clientName + " is still registered");
            publish();
        }
        Notification n = Notification.of(answer);
        if (n instanceof Notification.QueueEmpty) {
            schedule(this::poll, settings.pollInterval());
            return;
        }
        if (apply(n)) {
            publish();
        }
        // More may be queued: drain without waiting.
        poll();
    }

    private boolean apply(Notification n) {
        if (n instanceof Notification.VoiceCreated c) {
            if (c.ucid() != null) {
                ucids.put(c.objectId(), c.ucid());
            }
            return model.created(c, c.topic() != null && settings.transferTopics().contains(c.topic()));
        } else if (n instanceof Notification.VoiceTerminated t) {
            if (model.isRinging(t.objectId())) {
                // An unanswered call ends with VoiceInteractionMissed; one that terminates while we still show it
                // ringing was answered in the one-X window, which the API does not report. Show it connected (late,
                // at its end) before it ends, rather than as missed.
                model.answered(t.objectId());
                publish();
            }
            ucids.remove(t.objectId());
            return model.terminated(t.objectId());
        } else if (n instanceof Notification.VoiceMissed m) {
            ucids.remove(m.objectId());
            return model.missed(m.objectId());
        } else if (n instanceof Notification.Other o) {
            LOG.debug("one-X Agent: ignoring notification {} {}", o.name(), o.attributes());
        }
        return false;
    }

    /** A request failed: report the link lost (once) and try again after a doubling pause. */
    private void failed(Throwable cause, Runnable retry) {
        linkDown(cause.getMessage());
        long base = settings.retryInterval().toMillis();
        long delay = Math.min(settings.maxRetryInterval().toMillis(), base << Math.min(failures, 20));
        failures++;
        schedule(retry, Duration.ofMillis(delay));
    }

    private void linkDown(String reason) {
        if (!linkLost) {
            linkLost = true;
            LOG.warn("one-X Agent link lost: {}", reason);
            context.signal(new Signal.LinkLost(reason));
        }
    }

    private void restoreLink(String reason) {
        if (linkLost) {
            linkLost = false;
            LOG.info("one-X Agent link restored: {}", reason);
            context.signal(new Signal.LinkRestored(reason));
        }
    }

    private void schedule(Runnable task, Duration delay) {
        cancelTimer();
        if (closed) {
            return;
        }
        timer = context.scheduler().schedule(() -> {
            synchronized (OneXDriver.this) {
                task.run();
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** Reports the picture; a call that just ended shows once with its final status, then leaves the picture. */
    private void publish() {
        var observation = model.snapshot();
        context.observe(observation);
        if (observation.calls().stream().anyMatch(c -> c.status() == CallStatus.ENDED
                || c.status() == CallStatus.MISSED)) {
            context.observe(model.snapshot());
        }
    }

    /**
     * The UCID of the call, when one-X's {@code VoiceInteractionCreated} carried one: the switch keeps it across a
     * transfer, so the receiving agent's one-X reports the same id. Without it the call has no id both agents see,
     * and the call context stays on this phone (the receiving phone reports the hand-off as unavailable).
     *
     * @param call a call of the current observation
     * @return its UCID, or empty
     */
    @Override
    public Optional<String> correlationId(ObservedCall call) {
        return Optional.ofNullable(ucids.get(call.callId()));
    }

    // ----- commands -----

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public String whyNot(Capability capability) {
        return "the one-X Agent API has no request for " + capability + " (it offers make call, answer, release, "
                + "hold, unhold, mute and unmute only); the agent does it in the one-X Agent window";
    }

    @Override
    public CompletionStage<Void> execute(DriverCommand command) {
        String id;
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new SoftphoneUnavailableException("the one-X driver is closed"));
            }
            if (linkLost || clientId == null) {
                return CompletableFuture.failedFuture(new SoftphoneUnavailableException("one-X Agent is not "
                        + "reachable at " + http.apiBase() + " (" + (everRegistered ? "link lost" : "not registered yet")
                        + "); cannot " + command.describe()));
            }
            id = clientId;
        }
        if (command instanceof DriverCommand.Dial d) {
            String number;
            try {
                number = dialString(d.destination());
            } catch (VendorException e) {
                return CompletableFuture.failedFuture(e);
            }
            return send("voice/makecall", params(id, "number", number), () -> { });
        } else if (command instanceof DriverCommand.Answer a) {
            return send("voice/accept", params(id, "interactionid", a.callId()), () -> model.answered(a.callId()));
        } else if (command instanceof DriverCommand.Hangup h) {
            return send("voice/release", params(id, "interactionid", h.callId()), () -> model.released(h.callId()));
        } else if (command instanceof DriverCommand.Hold h) {
            return send("voice/hold", params(id, "interactionid", h.callId()),
                    () -> model.customerHeld(h.callId(), true));
        } else if (command instanceof DriverCommand.Resume r) {
            return send("voice/unhold", params(id, "interactionid", r.callId()),
                    () -> model.customerHeld(r.callId(), false));
        } else if (command instanceof DriverCommand.SetMute m) {
            return send(m.muted() ? "voice/mute" : "voice/unmute", params(id, null, null), () -> {
                if (model.mute(m.muted())) {
                    context.signal(new Signal.MuteToggled(m.muted()));
                }
            });
        }
        return CompletableFuture.failedFuture(new VendorException("UNSUPPORTED",
                "the one-X Agent API cannot " + command.describe()));
    }

    /** Sends a command; once one-X acknowledges it, records what it changed and reports the picture. */
    private CompletionStage<Void> send(String route, Map<String, String> params, Runnable onAck) {
        return http.get(route, params).thenAccept(answer -> {
            if (!answer.ok()) {
                throw new CompletionException(new OneXResponseException(answer.responseCode(), route, null));
            }
            synchronized (this) {
                if (closed) {
                    return;
                }
                try {
                    onAck.run();
                } catch (IllegalArgumentException gone) {
                    // The call ended while the command was on its way: one-X did it, nothing left to record.
                    LOG.debug("one-X Agent: {} acknowledged for a call that is gone: {}", route, gone.getMessage());
                }
                publish();
            }
        });
    }

    private static Map<String, String> params(String clientId, String key, String value) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("clientid", clientId);
        if (key != null) {
            p.put(key, value);
        }
        return p;
    }

    private String dialString(Destination destination) {
        if (!(destination instanceof Destination.PhoneNumber p)) {
            throw new VendorException("NOT_DIALABLE", "one-X Agent dials numbers only; " + destination.describe()
                    + " has no number the plugin knows");
        }
        String digits = p.number().replaceAll("[\\s().\\-/]", "");
        if (!digits.matches("\\+?[0-9*#]{1,32}")) {
            throw new VendorException("NOT_DIALABLE", "'" + p.number() + "' is not a dialable number (digits, "
                    + "'*', '#', optionally a leading '+')");
        }
        return settings.dialPrefix() + digits;
    }

    // ----- manual steps -----

    @Override
    public ManualInstruction manualInstruction(Capability capability, DriverCommand command) {
        if (capability == Capability.BLIND_TRANSFER) {
            synchronized (this) {
                blindTransfers.addLast(command);
                while (blindTransfers.size() > MAX_BLIND_REMEMBERED) {
                    blindTransfers.removeFirst();
                }
            }
        }
        return instructions.instruction(capability, command);
    }

    @Override
    public synchronized CompletionStage<Void> confirmManual(DriverCommand command) {
        try {
            applyConfirmed(command);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new InvalidPhoneStateException("cannot record the confirmed step '"
                    + command.describe() + "': " + e.getMessage(), model.state()));
        }
        publish();
        return CompletableFuture.completedFuture(null);
    }

    private void applyConfirmed(DriverCommand command) {
        if (command instanceof DriverCommand.SetState s) {
            model.setState(s.target(), s.whenCallsEnd());
        } else if (command instanceof DriverCommand.ClearCall) {
            model.setState(dev.softphone.AgentState.READY, false);
        } else if (command instanceof DriverCommand.Login) {
            model.loggedIn();
        } else if (command instanceof DriverCommand.Logout) {
            model.loggedOut();
            context.signal(new Signal.SessionTerminated());
        } else if (command instanceof DriverCommand.AddParty a) {
            if (blindTransfers.removeIf(c -> c == command)) {
                // Two pictures, as the agent's clicks happened: the target dialled while the agent is on, then the
                // agent gone before it answered, so core can tell a blind transfer.
                model.thirdPartyDialled(a.callId(), Target.of(a.destination()));
                publish();
                model.transferCompleted(a.callId());
            } else {
                model.consultStarted(a.callId(), Target.of(a.destination()));
            }
        } else if (command instanceof DriverCommand.LeaveCall l) {
            model.transferCompleted(l.callId());
        } else if (command instanceof DriverCommand.DropParty d) {
            model.thirdPartyDropped(d.callId());
        } else if (command instanceof DriverCommand.Conference c) {
            model.conferenced(c.callId());
        } else if (command instanceof DriverCommand.Swap s) {
            model.swapped(s.callId());
        } else if (command instanceof DriverCommand.Reject r) {
            model.rejected(r.callId());
        }
        // SendDigits changes nothing one can see; the advertised verbs are never manual.
    }

    private static Throwable cause(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
