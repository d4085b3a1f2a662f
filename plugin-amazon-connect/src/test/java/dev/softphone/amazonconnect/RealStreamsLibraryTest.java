package dev.softphone.amazonconnect;

import dev.softphone.Destination;
import dev.softphone.PauseReason;
import dev.softphone.Phone;
import dev.softphone.PhoneEvent;
import dev.softphone.VendorException;
import dev.softphone.testkit.EventNotation;
import dev.softphone.testkit.RecordingPhoneListener;
import dev.softphone.testkit.amazon.CcpStandInServer;
import dev.softphone.testkit.amazon.CcpStandInServer.ConduitMessage;
import dev.softphone.testkit.amazon.CcpStandInServer.Direction;
import dev.softphone.testkit.amazon.SimulatedCcp;
import dev.softphone.testkit.amazon.StreamsScenarioRunner;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bridge against the real amazon-connect-streams (the version pinned in {@code .ci/package.json}) in headless
 * Chromium: the page loads the library's release build and {@code streams-bridge.js}; the library's
 * {@code connect.core.initCCP} puts the testkit's stand-in CCP page into its iframe from a second loopback origin; the
 * stand-in answers the library's conduit messages from the same {@link SimulatedCcp} model the in-process tests use;
 * the bridge relays to a {@link Phone} over the real WebSocket. Every step goes through the library's own code:
 * handshake, {@code agent::update} handling, the client methods' {@code api_request}s and their callbacks, the
 * {@code getEndpoints} pagination loop, {@code terminated}. See docs/amazon-connect.md, "Verified against the real
 * Streams library".
 */
@DisplayName("The bridge with the real amazon-connect-streams library in Chromium")
class RealStreamsLibraryTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CUSTOMER = "+447700900123";

    /** What a test does with the running page, the stand-in CCP's model and the phone. */
    @FunctionalInterface
    private interface Body {
        void run(SimulatedCcp ccp, CcpStandInServer standIn, Phone phone, RecordingPhoneListener events)
                throws Exception;
    }

    /**
     * Serves the bridge page with the real library, starts the stand-in CCP on a second origin and a phone on the
     * plugin, opens the page in Chromium, runs the body, then checks what the browser saw of the library.
     */
    private static void withRealStreams(Path site, Path logs, Body body) throws Exception {
        RealBrowser browser = RealBrowser.require();
        Path streams = browser.npmPackage("amazon-connect-streams").resolve("release/connect-streams.js");
        Files.copy(streams, site.resolve("connect-streams.js"));
        Files.copy(RealBrowser.JS.resolve("real-streams-ccp.html"), site.resolve("real-streams-ccp.html"));

        SimulatedCcp ccp = SimulatedCcp.create();
        StreamsBridgeHub hub = new StreamsBridgeHub();
        RecordingPhoneListener events = new RecordingPhoneListener();
        try (browser;
             CcpStandInServer standIn = CcpStandInServer.start(ccp, 2);
             Phone phone = Phone.builder().plugin(new AmazonConnectPlugin(hub)).id("agent-real-streams")
                     .listener(events).build();
             StreamsBridgeServer server = StreamsBridgeServer.builder().hub(hub).staticFiles(site).build().start()) {
            String page = server.baseUri() + "/real-streams-ccp.html?token="
                    + hub.issuePairingToken(phone.id()).value() + "&ccp="
                    + URLEncoder.encode(standIn.ccpUrl().toString(), StandardCharsets.UTF_8);
            browser.start(logs, "keep-page-open.cjs", page);
            try {
                // The bridge relays the latest snapshot once its socket is up, so nothing waits for it here.
                standIn.awaitConnected(WAIT);
                body.run(ccp, standIn, phone, events);
                browser.release();
                JsonNode seen = browser.result(WAIT);
                assertThat(seen.path("coreInitialized").asBoolean()).as(seen.toString()).isTrue();
                assertThat(seen.path("iframe").path("name").asString()).isEqualTo("Amazon Connect CCP");
                assertThat(seen.path("iframe").path("src").asString()).isEqualTo(standIn.ccpUrl().toString());
                assertThat(seen.path("pageOrigin").asString() + "/").as("the CCP is on a second origin")
                        .isNotEqualTo(standIn.ccpUrl().resolve("/").toString());
                assertThat(seen.path("pageErrors").size()).as(seen.toString()).isZero();
                assertThat(seen.path("frames").get(0).path("standIn").path("synchronize").asInt())
                        .as("the library's keepalive ran against the stand-in").isPositive();
                assertThat(standIn.problems()).isEmpty();
            } catch (AssertionError | Exception e) {
                throw browser.withLog(e, "conduit ---\n  " + String.join("\n  ",
                        standIn.messages().stream().map(ConduitMessage::toString).toList())
                        + "\n--- events ---\n  " + String.join("\n  ", EventNotation.lines(events.events())));
            }
        }
    }

    /** The agent signs in: the worker acknowledges the CCP's port; Streams initializes and sends its options up. */
    private static void logIn(SimulatedCcp ccp, CcpStandInServer standIn, RecordingPhoneListener events) {
        ccp.agentLogsIn("Available");
        awaitLine(events, "AgentLoggedIn state=READY");
        ConduitMessage outer = standIn.await(m -> m.direction() == Direction.PAGE_TO_CCP
                && m.event().equals("outer_context_info"), WAIT);
        assertThat(outer.data().path("streamsVersion").asString()).isNotBlank();
        assertThat(events(standIn, Direction.PAGE_TO_CCP)).containsSubsequence("configure", "outer_context_info");
        assertThat(events(standIn, Direction.CCP_TO_PAGE)).startsWith("acknowledge", "agent::update");
    }

    /** A customer calls; the application answers through contact.accept. */
    private static String answeredCall(SimulatedCcp ccp, Phone phone, RecordingPhoneListener events)
            throws Exception {
        String contact = ccp.customerCalls(CUSTOMER, "Support");
        awaitLine(events, "CallOffered callId=" + contact + " direction=INBOUND remote=" + CUSTOMER + " queue=Support");
        done(phone.answer());
        awaitLine(events, "CallConnected callId=" + contact + " @app");
        return contact;
    }

    @Test
    @DisplayName("login, an answered call, hold and resume, a consultation with a quick connect found by the real "
            + "agent.getEndpoints, conference, complete, pause reasons and terminated reach the phone as events")
    void agentDay(@TempDir Path site, @TempDir Path logs) throws Exception {
        withRealStreams(site, logs, (ccp, standIn, phone, events) -> {
            logIn(ccp, standIn, events);
            String contact = answeredCall(ccp, phone, events);
            // contact.accept broadcasts contact::accepted, which the worker echoes to every page.
            standIn.await(m -> m.direction() == Direction.CCP_TO_PAGE && m.event().equals("contact::accepted"), WAIT);

            done(phone.hold());
            awaitLine(events, "CallHeld callId=" + contact + " party=CUSTOMER @app");
            done(phone.resume());
            awaitLine(events, "CallResumed callId=" + contact + " party=CUSTOMER @app");

            // Quick connects through the real agent.getEndpoints, which pages (the stand-in gives two per answer).
            List<Destination> destinations = done(phone.transferDestinations());
            assertThat(destinations).extracting(Object::toString)
                    .anySatisfy(d -> assertThat(d).contains("Billing QC"))
                    .anySatisfy(d -> assertThat(d).contains("Bob"))
                    .anySatisfy(d -> assertThat(d).contains("Helpdesk"));
            List<JsonNode> pages = standIn.messages().stream().filter(m -> m.direction() == Direction.PAGE_TO_CCP
                    && m.data().path("method").asString("").equals("getEndpoints")).map(ConduitMessage::data)
                    .toList();
            assertThat(pages).hasSize(2);
            assertThat(pages.get(0).path("params").path("nextToken").isNull()).isTrue();
            assertThat(pages.get(0).path("params").path("maxResults").asInt()).isEqualTo(500);
            assertThat(pages.get(1).path("params").path("nextToken").asString()).isEqualTo("offset:2");

            // Consultation with the queue quick connect, conference, complete.
            done(phone.startTransfer(Destination.queue("Billing QC")));
            awaitLine(events, "ConsultConnected callId=" + contact);
            JsonNode add = standIn.await(m -> m.data().path("method").asString("")
                    .equals("createAdditionalConnection"), WAIT).data();
            assertThat(add.path("params").path("endpoint").path("endpointARN").asString())
                    .isEqualTo(new SimulatedCcp.QuickConnect("Billing QC", "queue", null).arn());
            assertThat(add.path("params").path("endpoint").has("endpointId"))
                    .as("Streams strips endpointId before sending").isFalse();
            done(phone.conference());
            awaitLine(events, "Conferenced callId=" + contact + " @app");
            done(phone.completeTransfer());
            awaitLine(events, "CallEnded callId=" + contact + " endedBy=TRANSFER @app");

            // Leave after-call work, then change pause reasons.
            done(phone.ready());
            awaitLine(events, "AgentStateChanged from=NOT_READY(AFTER_CALL_WORK) to=READY pending=false @app");
            done(phone.pause(PauseReason.BREAK));
            awaitLine(events, "AgentStateChanged from=READY to=NOT_READY(BREAK) pending=false @app");
            done(phone.pause(PauseReason.custom("Lunch")));
            awaitLine(events, "AgentStateChanged from=NOT_READY(BREAK) to=NOT_READY(Lunch) pending=false @app");

            // The agent logs out in the CCP window: the worker sends terminated to every page.
            ccp.agentLogsOutInCcp();
            awaitLine(events, "AgentLoggedOut cause=SESSION_TERMINATED");

            StreamsScenarioRunner.compare("the events of the agent's day", List.of(
                    "AgentLoggedIn state=READY",
                    "CallOffered callId=" + contact + " direction=INBOUND remote=" + CUSTOMER + " queue=Support",
                    "CallConnected callId=" + contact + " @app",
                    "CallHeld callId=" + contact + " party=CUSTOMER @app",
                    "CallResumed callId=" + contact + " party=CUSTOMER @app",
                    "ConsultStarted callId=" + contact + " target=QUEUE(\"Billing QC\",qc) @app",
                    "CallHeld callId=" + contact + " party=CUSTOMER @app",
                    "ConsultConnected callId=" + contact,
                    "CallResumed callId=" + contact + " party=CUSTOMER @app",
                    "Conferenced callId=" + contact + " @app",
                    "TransferCompleted callId=" + contact + " mode=CONFERENCE target=QUEUE(\"Billing QC\",qc) @app",
                    "CallEnded callId=" + contact + " endedBy=TRANSFER @app",
                    "AgentStateChanged from=READY to=NOT_READY(AFTER_CALL_WORK) pending=false",
                    "AgentStateChanged from=NOT_READY(AFTER_CALL_WORK) to=READY pending=false @app",
                    "AgentStateChanged from=READY to=NOT_READY(BREAK) pending=false @app",
                    "AgentStateChanged from=NOT_READY(BREAK) to=NOT_READY(Lunch) pending=false @app",
                    "AgentLoggedOut cause=SESSION_TERMINATED"), EventNotation.lines(events.events()));
            // Each application command became exactly the client method calls Streams makes for it.
            assertThat(apiMethods(standIn)).containsExactly("acceptContact", "holdConnection", "resumeConnection",
                    "getEndpoints", "getEndpoints", "createAdditionalConnection", "conferenceConnections",
                    "destroyConnection", "clearContact", "putAgentState", "putAgentState", "putAgentState");
        });
    }

    @Test
    @DisplayName("a service error comes back through the library's failure callback as a VendorException; the "
            + "application's logout goes up as putAgentState(Offline) and terminate, and terminated comes back")
    void errorAndLogout(@TempDir Path site, @TempDir Path logs) throws Exception {
        withRealStreams(site, logs, (ccp, standIn, phone, events) -> {
            logIn(ccp, standIn, events);
            String contact = answeredCall(ccp, phone, events);

            ccp.failNext("hold", "InvalidStateException", "Cannot put call on hold: Invalid contact state.");
            assertThatThrownBy(() -> done(phone.hold())).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(VendorException.class)
                    .hasMessageContaining("Cannot put call on hold: Invalid contact state.");
            JsonNode failed = standIn.await(m -> m.event().equals("api_response")
                    && !m.data().path("err").isNull(), WAIT).data();
            assertThat(failed.path("err").asString()).as("the worker sends the service error as JSON text")
                    .contains("\"type\":\"InvalidStateException\"");

            ccp.customerHangsUp();
            awaitLine(events, "CallEnded callId=" + contact + " endedBy=REMOTE");
            done(phone.logout());
            awaitLine(events, e -> e.type().equals("AgentLoggedOut"));
            ConduitMessage terminate = standIn.await(m -> m.direction() == Direction.PAGE_TO_CCP
                    && m.event().equals("terminate"), WAIT);
            assertThat(terminate.data().isNull()).as("terminate carries no data").isTrue();
            standIn.await(m -> m.direction() == Direction.CCP_TO_PAGE && m.event().equals("terminated"), WAIT);
            JsonNode offline = standIn.messages().stream().filter(m -> m.data().path("method").asString("")
                    .equals("putAgentState")).map(ConduitMessage::data).reduce((a, b) -> b).orElseThrow();
            assertThat(offline.path("params").path("state").path("type").asString()).isEqualTo("offline");
            assertThat(offline.path("params").path("enqueueNextState").asBoolean()).isTrue();
            StreamsScenarioRunner.compare("the events of the error and the logout", List.of(
                    "AgentLoggedIn state=READY",
                    "CallOffered callId=" + contact + " direction=INBOUND remote=" + CUSTOMER + " queue=Support",
                    "CallConnected callId=" + contact + " @app",
                    "CallEnded callId=" + contact + " endedBy=REMOTE",
                    "AgentStateChanged from=READY to=NOT_READY(AFTER_CALL_WORK) pending=false",
                    "AgentStateChanged from=NOT_READY(AFTER_CALL_WORK) to=LOGGED_OUT pending=true @app",
                    "AgentLoggedOut cause=APPLICATION @app"), EventNotation.lines(events.events()));
        });
    }

    private static List<String> events(CcpStandInServer standIn, Direction direction) {
        return standIn.messages().stream().filter(m -> m.direction() == direction).map(ConduitMessage::event)
                .toList();
    }

    private static List<String> apiMethods(CcpStandInServer standIn) {
        return standIn.messages().stream().filter(m -> m.event().equals("api_request"))
                .map(m -> m.data().path("method").asString("")).toList();
    }

    private static String line(PhoneEvent e) {
        return EventNotation.line(e);
    }

    private static void awaitLine(RecordingPhoneListener events, String line) {
        awaitLine(events, e -> line(e).equals(line));
    }

    private static void awaitLine(RecordingPhoneListener events, java.util.function.Predicate<PhoneEvent> p) {
        events.await(p, WAIT);
    }

    private static <T> T done(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
