package dev.softphone.amazonconnect;

import dev.softphone.Capability;
import dev.softphone.CommandResult;
import dev.softphone.Destination;
import dev.softphone.PauseReason;
import dev.softphone.Phone;
import dev.softphone.SoftphoneUnavailableException;
import dev.softphone.VendorException;
import dev.softphone.amazonconnect.internal.StreamsDriver;
import dev.softphone.spi.PluginConfig;
import dev.softphone.spi.PluginLoader;
import dev.softphone.testkit.EventNotation;
import dev.softphone.testkit.RecordingPhoneListener;
import dev.softphone.testkit.amazon.SimulatedCcp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The Amazon Connect driver: bridge messages in, bridge commands out")
class AmazonConnectDriverTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ScenarioHarness h = new ScenarioHarness();
    private final RecordingPhoneListener events = new RecordingPhoneListener();
    private final SimulatedCcp ccp = SimulatedCcp.create();
    /** Every command the driver sent, as JSON. */
    private final List<JsonNode> commands = new CopyOnWriteArrayList<>();
    private final Phone phone = h.phones().get().id("agent-7").listener(events).build();
    private InProcessPage page = attach();

    private InProcessPage attach() {
        InProcessPage p = InProcessPage.attach(h.hub, phone, json -> {
            commands.add(JSON.readTree(json));
            ccp.receive(json);
        });
        ccp.connectTo(p::fromPage);
        return p;
    }

    @AfterEach
    void close() {
        phone.close();
    }

    private StreamsDriver driver() {
        return (StreamsDriver) h.hub.find(phone.id()).orElseThrow();
    }

    private List<String> lines() {
        return EventNotation.lines(events.events());
    }

    private List<String> ops() {
        return commands.stream().map(c -> c.path("op").asString()).toList();
    }

    private JsonNode lastCommand(String op) {
        List<JsonNode> matching = commands.stream().filter(c -> op.equals(c.path("op").asString())).toList();
        assertThat(matching).as("commands with op " + op).isNotEmpty();
        return matching.get(matching.size() - 1).path("args");
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static Throwable failure(CompletionStage<?> stage) {
        return assertThatThrownBy(() -> await(stage)).isInstanceOf(ExecutionException.class).actual().getCause();
    }

    /** @return the last agent.update the page sent */
    private String lastUpdate() {
        List<String> rec = ccp.recording();
        for (int i = rec.size() - 1; i >= 0; i--) {
            if (rec.get(i).contains("\"agent.update\"")) {
                return rec.get(i);
            }
        }
        throw new AssertionError("no agent.update yet");
    }

    /** @return the seq of the last message the page sent */
    private long lastSeq() {
        List<String> rec = ccp.recording();
        return JSON.readTree(rec.get(rec.size() - 1)).path("seq").asLong();
    }

    private static String withSeq(String message, long seq) {
        return message.replaceFirst("\"seq\":\\d+", "\"seq\":" + seq);
    }

    private void loggedInOnCall() throws Exception {
        ccp.pageLoads();
        ccp.agentLogsIn("Available");
        ccp.customerCalls("+447700900123", "Support");
        await(phone.answer());
    }

    @Nested
    @DisplayName("bad input is reported with what was wrong, skipped, and nothing known is forgotten")
    class BadInput {
        @Test
        @DisplayName("not JSON, no data, wrong shape, unknown type: each reported, the call stays, later messages work")
        void badMessages() throws Exception {
            loggedInOnCall();
            events.clear();
            ccp.emitRaw("this is not json");
            ccp.emitRaw("{\"type\":\"agent.update\",\"x\":1}");
            ccp.emitRaw("{\"type\":\"agent.update\",\"data\":{\"snapshot\":{\"state\":{\"name\":\"A\","
                    + "\"type\":\"routable\"},\"contacts\":\"none\"}}}");
            ccp.emitRaw("{\"type\":\"telepathy\",\"x\":2}");
            ccp.emitRaw("{\"type\":\"streams.event\",\"name\":\"agent::mute_toggle\",\"data\":{}}");
            ccp.emitRaw("{\"type\":\"result\",\"id\":7}");
            assertThat(h.bad.problems).hasSize(6);
            assertThat(h.bad.problems.get(0)).contains("not JSON");
            assertThat(h.bad.problems.get(1)).contains("no 'data'");
            assertThat(h.bad.problems.get(2)).contains("'data.snapshot.contacts' must be an array");
            assertThat(h.bad.problems.get(3)).contains("unknown message type 'telepathy'");
            assertThat(h.bad.problems.get(4)).contains("data.muted");
            assertThat(h.bad.problems.get(5)).contains("'id'");
            assertThat(lines()).isEmpty();
            assertThat(phone.calls()).extracting(c -> c.callId()).containsExactly("contact-1");
            ccp.customerHangsUp();
            assertThat(lines()).first().asString().startsWith("CallEnded callId=contact-1 endedBy=");
        }

        @Test
        @DisplayName("the same malformed snapshot again is not reported again")
        void repeatedBadSnapshot() {
            ccp.pageLoads();
            String bad = "{\"type\":\"agent.update\",\"seq\":%d,\"data\":{\"snapshot\":{\"snapshotTimestamp\":%d,"
                    + "\"contacts\":[]}}}";
            ccp.emitRaw(String.format(bad, 1, 1));
            ccp.emitRaw(String.format(bad, 2, 2));
            assertThat(h.bad.problems).hasSize(1).first().asString().contains("'data.snapshot.state' is missing");
        }

        @Test
        @DisplayName("a snapshot without configuration keeps the last configuration (pause still finds Break)")
        void configurationKept() throws Exception {
            ccp.pageLoads();
            ccp.agentLogsIn("Available");
            ccp.includeConfiguration(false);
            ccp.agentSelectsState("Lunch");
            await(phone.pause(PauseReason.BREAK));
            assertThat(lastCommand("setState").path("state").path("name").asString()).isEqualTo("Break");
        }
    }

    @Nested
    @DisplayName("unchanged snapshots, seq and page reloads")
    class Sequence {
        @Test
        @DisplayName("re-polled snapshots produce no events and are not parsed")
        void repollsAreCheap() throws Exception {
            loggedInOnCall();
            long parsed = driver().parsedUpdates();
            events.clear();
            ccp.repoll(50);
            assertThat(lines()).isEmpty();
            assertThat(driver().parsedUpdates()).isEqualTo(parsed);
        }

        @Test
        @DisplayName("a seq gap makes the next snapshot count in full; a duplicate seq is skipped")
        void gapsAndDuplicates() throws Exception {
            loggedInOnCall();
            long parsed = driver().parsedUpdates();
            long mapped = driver().mappedUpdates();
            ccp.loseMessages(3);
            ccp.repoll(1);
            assertThat(driver().parsedUpdates()).isEqualTo(parsed + 1);
            assertThat(driver().mappedUpdates()).as("read in full, but the same snapshot is not mapped again")
                    .isEqualTo(mapped);
            List<String> rec = ccp.recording();
            String stale = rec.stream().filter(l -> l.contains("\"agent.update\"")).findFirst().orElseThrow();
            events.clear();
            page.fromPage(stale); // seq 1 again: the logged-in picture without the call
            assertThat(lines()).isEmpty();
            assertThat(phone.calls()).hasSize(1);
        }

        @Test
        @DisplayName("after the session ends, the same picture as before it counts again: the agent is logged in anew")
        void samePictureAfterSessionEnd() throws Exception {
            ccp.pageLoads();
            ccp.agentLogsIn("Available");
            String loggedIn = lastUpdate();
            ccp.sessionExpires();
            assertThat(lines()).last().asString().startsWith("AgentLoggedOut");
            events.clear();
            long mapped = driver().mappedUpdates();

            page.fromPage(withSeq(loggedIn, lastSeq() + 1)); // equal to the snapshot the driver has, byte for byte

            assertThat(lines()).singleElement().asString().startsWith("AgentLoggedIn");
            assertThat(driver().mappedUpdates()).isEqualTo(mapped + 1);
        }

        @Test
        @DisplayName("a snapshot that differs only in fields the plugin does not read causes no event")
        void ignoredFieldsOnly() throws Exception {
            loggedInOnCall();
            String last = lastUpdate();
            events.clear();
            long parsed = driver().parsedUpdates();
            long mapped = driver().mappedUpdates();

            page.fromPage(withSeq(last, lastSeq() + 1).replace("\"snapshot\":{", "\"snapshot\":{\"newField\":[1,2],"));

            assertThat(driver().parsedUpdates()).isEqualTo(parsed + 1);
            assertThat(driver().mappedUpdates()).as("what the plugin reads is the same: not mapped again")
                    .isEqualTo(mapped);
            assertThat(lines()).isEmpty();
            assertThat(phone.calls()).hasSize(1);
        }

        @Test
        @DisplayName("a second hello (page reload) restarts seq and fetches the quick connects again")
        void reload() throws Exception {
            loggedInOnCall();
            await(phone.transferDestinations());
            await(phone.transferDestinations());
            assertThat(ops()).containsOnlyOnce("getEndpoints");
            events.clear();
            ccp.pageLoads();
            ccp.repoll(2);
            assertThat(lines()).isEmpty();
            await(phone.transferDestinations());
            assertThat(ops().stream().filter("getEndpoints"::equals).count()).isEqualTo(2);
            ccp.customerHangsUp();
            assertThat(lines()).first().asString().startsWith("CallEnded callId=contact-1 endedBy=");
        }
    }

    @Nested
    @DisplayName("commands")
    class Commands {
        @Test
        @DisplayName("setState uses the state object of configuration.agentStates")
        void setState() throws Exception {
            ccp.pageLoads();
            ccp.agentLogsIn("Available");
            await(phone.pause(PauseReason.custom("Lunch")));
            JsonNode args = lastCommand("setState");
            assertThat(args.path("state").path("name").asString()).isEqualTo("Lunch");
            assertThat(args.path("state").path("type").asString()).isEqualTo("not_routable");
            assertThat(args.path("state").path("agentStateARN").asString()).endsWith("/agent-state/lunch");
            assertThat(args.path("enqueueNextState").asBoolean()).isFalse();
            await(phone.ready());
            assertThat(lastCommand("setState").path("state").path("name").asString()).isEqualTo("Available");
        }

        @Test
        @DisplayName("a pause while a call is up is sent with enqueueNextState")
        void enqueue() throws Exception {
            loggedInOnCall();
            await(phone.pause(PauseReason.BREAK));
            assertThat(lastCommand("setState").path("enqueueNextState").asBoolean()).isTrue();
            assertThat(phone.pendingState()).isPresent();
        }

        @Test
        @DisplayName("ready in after-call work clears the contact, then sets Available")
        void readyClears() throws Exception {
            loggedInOnCall();
            ccp.customerHangsUp();
            commands.clear();
            await(phone.ready());
            assertThat(ops()).containsExactly("clear", "setState");
            assertThat(lastCommand("clear").path("contactId").asString()).isEqualTo("contact-1");
        }

        @Test
        @DisplayName("a pause reason without an Amazon state fails and names the configuration key")
        void unknownReason() {
            ccp.pageLoads();
            ccp.agentLogsIn("Available");
            assertThat(failure(phone.pause(PauseReason.MEETING))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("amazon-connect.reason.<state name>=MEETING")
                    .hasMessageContaining("Lunch (not_routable)");
        }

        @Test
        @DisplayName("a configured reason name is used for the request: reason.Lunch=MEAL makes pause(MEAL) Lunch")
        void configuredReason() throws Exception {
            try (Phone other = h.phones().get().id("agent-8").config("amazon-connect.reason.Lunch", "MEAL")
                    .build()) {
                SimulatedCcp second = SimulatedCcp.create();
                List<String> sent = new ArrayList<>();
                InProcessPage p = InProcessPage.attach(h.hub, other, json -> {
                    sent.add(json);
                    second.receive(json);
                });
                second.connectTo(p::fromPage);
                second.pageLoads();
                second.agentLogsIn("Available");
                await(other.pause(PauseReason.MEAL));
                assertThat(sent).last().asString().contains("\"name\":\"Lunch\"");
            }
        }

        @Test
        @DisplayName("dial connects a phone endpoint through the default outbound queue")
        void dial() throws Exception {
            ccp.pageLoads();
            ccp.agentLogsIn("Available");
            await(phone.dial(Destination.phoneNumber("+15550123")));
            JsonNode args = lastCommand("connect");
            assertThat(args.path("endpoint").path("type").asString()).isEqualTo("phone_number");
            assertThat(args.path("endpoint").path("phoneNumber").asString()).isEqualTo("+15550123");
            assertThat(args.path("queueARN").asString()).endsWith("/queue/support");
            assertThat(failure(phone.dial(Destination.queue("Billing")))).isInstanceOf(
                    IllegalArgumentException.class).hasMessageContaining("dials only phone numbers");
        }

        @Test
        @DisplayName("hold and resume act on the customer's connection; hang-up destroys the agent's own")
        void connections() throws Exception {
            loggedInOnCall();
            await(phone.hold());
            assertThat(lastCommand("hold").path("connectionId").asString()).isEqualTo("conn-2");
            await(phone.resume());
            assertThat(lastCommand("resume").path("connectionId").asString()).isEqualTo("conn-2");
            await(phone.sendDigits("12#"));
            assertThat(lastCommand("sendDigits").path("digits").asString()).isEqualTo("12#");
            await(phone.hangup());
            assertThat(lastCommand("destroy").path("connectionId").asString()).isEqualTo("conn-1");
        }

        @Test
        @DisplayName("a transfer looks the quick connect up by name (getEndpoints, cached) and sends its endpoint")
        void quickConnect() throws Exception {
            loggedInOnCall();
            await(phone.startTransfer(Destination.quickConnect("Billing QC")));
            JsonNode ep = lastCommand("addConnection").path("endpoint");
            assertThat(ep.path("type").asString()).isEqualTo("queue");
            assertThat(ep.path("endpointARN").asString()).contains("/transfer-destination/");
            JsonNode query = lastCommand("getEndpoints");
            assertThat(query.path("queueARNs")).hasSize(2);
            await(phone.cancelTransfer());
            await(phone.startTransfer(Destination.agent("bob")));
            assertThat(lastCommand("addConnection").path("endpoint").path("name").asString()).isEqualTo("Bob");
            assertThat(ops().stream().filter("getEndpoints"::equals).count()).isEqualTo(1);
        }

        @Test
        @DisplayName("an unknown quick connect fails and lists the ones there are")
        void unknownQuickConnect() throws Exception {
            loggedInOnCall();
            assertThat(failure(phone.startTransfer(Destination.queue("Nowhere"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Nowhere'")
                    .hasMessageContaining("Billing QC (queue)");
            assertThat(ops()).doesNotContain("addConnection");
        }

        @Test
        @DisplayName("transferDestinations lists the quick connects")
        void destinations() throws Exception {
            loggedInOnCall();
            assertThat(await(phone.transferDestinations())).containsExactly(Destination.quickConnect("Billing QC"),
                    Destination.quickConnect("Bob"), Destination.quickConnect("Helpdesk"));
        }

        @Test
        @DisplayName("a vendor error fails the command with the vendor's type and message")
        void vendorError() throws Exception {
            loggedInOnCall();
            ccp.failNext("conference", "InvalidStateException", "Invalid contact state");
            await(phone.startTransfer(Destination.phoneNumber("+15550199")));
            ccp.thirdPartyAnswers();
            Throwable t = failure(phone.conference());
            assertThat(t).isInstanceOf(VendorException.class);
            assertThat(((VendorException) t).vendorCode()).isEqualTo("InvalidStateException");
            assertThat(((VendorException) t).vendorMessage()).isEqualTo("Invalid contact state");
        }

        @Test
        @DisplayName("logout sets the offline state first, then logs out")
        void logout() throws Exception {
            ccp.pageLoads();
            ccp.agentLogsIn("Available");
            commands.clear();
            await(phone.logout());
            assertThat(ops()).containsExactly("setState", "logout");
            assertThat(commands.get(0).path("args").path("state").path("type").asString()).isEqualTo("offline");
            assertThat(lines()).last().asString().startsWith("AgentLoggedOut cause=APPLICATION");
        }

        @Test
        @DisplayName("mute and unmute are sent; the CCP's mute_toggle reports the change")
        void mute() throws Exception {
            loggedInOnCall();
            await(phone.mute());
            await(phone.unmute());
            assertThat(ops()).contains("mute", "unmute");
            assertThat(lines()).contains("MuteChanged muted=true @app", "MuteChanged muted=false @app");
        }

        @Test
        @DisplayName("closeLoginPopup closes Streams' login window through the page")
        void closeLoginPopup() throws Exception {
            ccp.pageLoads();
            ccp.agentLogsIn("Available");
            AmazonConnectPlugin plugin = new AmazonConnectPlugin(h.hub);
            assertThat(await(plugin.closeLoginPopup("agent-7"))).isTrue();
            assertThat(ccp.loginPopupOpen()).isFalse();
            assertThat(await(plugin.closeLoginPopup("agent-7"))).isFalse();
            assertThat(failure(plugin.closeLoginPopup("nobody"))).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("with close-login-popup=true the popup is closed when the first snapshot of a session arrives")
        void autoClose() throws Exception {
            try (Phone other = h.phones().get().id("agent-9").config("amazon-connect.close-login-popup", "true")
                    .build()) {
                SimulatedCcp second = SimulatedCcp.create();
                InProcessPage p = InProcessPage.attach(h.hub, other, second::receive);
                second.connectTo(p::fromPage);
                second.pageLoads();
                second.agentLogsIn("Available");
                assertThat(second.loginPopupOpen()).isFalse();
                assertThat(second.commandsSeen()).containsExactly("closeLoginPopup");
            }
        }

        @Test
        @DisplayName("login is not a capability: the agent signs in through the CCP's window")
        void login() throws Exception {
            assertThat(phone.can(Capability.LOGIN).supported()).isFalse();
            CommandResult r = await(phone.login());
            assertThat(r.isManual()).isTrue();
            assertThat(r.manualInstruction().orElseThrow().key()).isEqualTo("amazon-connect.login");
        }
    }

    @Nested
    @DisplayName("the page link")
    class Link {
        @Test
        @DisplayName("without a page, commands fail as unavailable")
        void noPage() throws Exception {
            ccp.pageLoads();
            ccp.agentLogsIn("Available");
            page.close();
            assertThat(failure(phone.pause(PauseReason.BREAK))).isInstanceOf(SoftphoneUnavailableException.class)
                    .hasMessageContaining("no Amazon Connect bridge page");
            assertThat(lines()).last().asString().startsWith("SoftphoneUnavailable");
        }

        @Test
        @DisplayName("a lost page fails the commands in flight; a new page makes the softphone available again")
        void lostAndBack() throws Exception {
            ccp.pageLoads();
            ccp.agentLogsIn("Available");
            InProcessPage silent = InProcessPage.attach(h.hub, phone, json -> { });
            CompletableFuture<CommandResult> pause = phone.pause(PauseReason.BREAK).toCompletableFuture();
            assertThat(pause).isNotDone();
            silent.close();
            assertThat(failure(pause)).isInstanceOf(SoftphoneUnavailableException.class)
                    .hasMessageContaining("disconnected");
            page = attach();
            assertThat(lines()).containsSubsequence(
                    "SoftphoneUnavailable reason=\"the Amazon Connect bridge page disconnected: the test closed the "
                            + "page\"",
                    "SoftphoneAvailable reason=\"the Amazon Connect bridge page connected\"");
        }

        @Test
        @DisplayName("a second page takes over: the first is closed with the reason and its commands fail")
        void takeover() {
            ccp.pageLoads();
            ccp.agentLogsIn("Available");
            InProcessPage first = InProcessPage.attach(h.hub, phone, json -> { });
            CompletableFuture<CommandResult> pause = phone.pause(PauseReason.BREAK).toCompletableFuture();
            attach();
            assertThat(first.closedWith()).singleElement().asString().contains("another bridge page took over");
            assertThat(failure(pause)).isInstanceOf(SoftphoneUnavailableException.class);
        }

        @Test
        @DisplayName("closing the phone unregisters it from the hub and closes the page")
        void closePhone() {
            phone.close();
            assertThat(h.hub.find("agent-7")).isEmpty();
            assertThat(page.closedWith()).singleElement().asString().contains("closed");
        }
    }

    @Nested
    @DisplayName("the plugin")
    class Plugin {
        @Test
        @DisplayName("is found by ServiceLoader as amazon-connect")
        void serviceLoader() {
            assertThat(PluginLoader.serviceLoader(getClass().getClassLoader()).load().plugins())
                    .extracting(p -> p.id()).contains(AmazonConnectPlugin.ID);
        }

        @Test
        @DisplayName("validates its configuration")
        void validate() {
            AmazonConnectPlugin plugin = new AmazonConnectPlugin(new StreamsBridgeHub());
            assertThat(plugin.validate(new PluginConfig("amazon-connect", Map.of("reason.Lunch", " ",
                    "command-expiry", "soon")))).hasSize(2);
            assertThat(plugin.validate(new PluginConfig("amazon-connect", Map.of("reason.Lunch", "MEAL"))))
                    .isEmpty();
        }
    }
}
