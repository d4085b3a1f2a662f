package dev.softphone.amazonconnect;

import dev.softphone.CommandResult;
import dev.softphone.CommandTimeoutException;
import dev.softphone.Party;
import dev.softphone.Phone;
import dev.softphone.PhoneEvent;
import dev.softphone.SoftphoneUnavailableException;
import dev.softphone.testkit.RecordingPhoneListener;
import dev.softphone.testkit.amazon.SimulatedCcp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Fault R6: the vendor stops answering mid-command. The bridge page stays connected but the CCP answers nothing (a
 * hung iframe, a worker stuck on the CTI service). The command must fail on time — the phone's command timeout, or
 * the plugin's {@code command-expiry} when that is shorter — never hang; a late answer must not be applied twice; and
 * once the CCP answers again the phone works as before. Deterministic: the harness's scheduler is the clock.
 */
@DisplayName("R6: the CCP stops answering mid-command: the command fails on time and the phone is not stuck")
class CcpStopsAnsweringTest {
    private final ScenarioHarness h = new ScenarioHarness();
    private final RecordingPhoneListener events = new RecordingPhoneListener();
    private final SimulatedCcp ccp = SimulatedCcp.create();
    /** Commands the CCP has not answered yet, while it is not answering. */
    private final List<String> unanswered = new ArrayList<>();
    private boolean answering = true;
    private Phone phone;
    private InProcessPage page;

    private void start(Duration commandTimeout, String commandExpiry) throws Exception {
        var builder = h.phones().get().id("silent").commandTimeout(commandTimeout).listener(events);
        if (commandExpiry != null) {
            builder.config("amazon-connect.command-expiry", commandExpiry);
        }
        phone = builder.build();
        page = InProcessPage.attach(h.hub, phone, json -> {
            if (answering) {
                ccp.receive(json);
            } else {
                unanswered.add(json);
            }
        });
        ccp.connectTo(page::fromPage);
        ccp.agentLogsIn("Available");
        ccp.customerCalls("+447700900123", "Support");
        done(phone.answer());
    }

    @AfterEach
    void stop() {
        page.close();
        phone.close();
    }

    private static CommandResult done(CompletionStage<CommandResult> stage) throws Exception {
        CompletableFuture<CommandResult> f = stage.toCompletableFuture();
        assertThat(f).as("completed without waiting").isDone();
        return f.get();
    }

    private static Throwable failure(CompletionStage<CommandResult> stage) {
        CompletableFuture<CommandResult> f = stage.toCompletableFuture();
        assertThat(f).as("failed by now").isCompletedExceptionally();
        try {
            f.get();
            throw new AssertionError("not failed");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @DisplayName("R6: hold is never answered: it fails with CommandTimeoutException after the phone's command timeout; "
            + "the CCP's late hold is reported once; the next commands complete")
    void phoneTimeoutFirst() throws Exception {
        start(Duration.ofSeconds(5), null);
        answering = false;
        CompletionStage<CommandResult> hold = phone.hold();
        assertThat(unanswered).hasSize(1);
        h.scheduler.advance(Duration.ofSeconds(4));
        assertThat(hold.toCompletableFuture()).as("still waiting inside the timeout").isNotDone();
        h.scheduler.advance(Duration.ofSeconds(1));
        assertThat(failure(hold)).isInstanceOf(CommandTimeoutException.class);
        assertThat(events.ofType(PhoneEvent.CallHeld.class)).isEmpty();

        comesBackAndWorks();
    }

    @Test
    @DisplayName("R6: with a plugin command-expiry shorter than the phone's timeout, the unanswered command fails with "
            + "SoftphoneUnavailableException naming the command")
    void pluginExpiryFirst() throws Exception {
        start(Duration.ofSeconds(30), "2s");
        answering = false;
        CompletionStage<CommandResult> hold = phone.hold();
        h.scheduler.advance(Duration.ofSeconds(2));
        assertThat(failure(hold)).isInstanceOf(SoftphoneUnavailableException.class).hasMessageContaining("hold");

        comesBackAndWorks();
    }

    /** The CCP catches up (runs the held-back command, its result now late) and then answers as before. */
    private void comesBackAndWorks() throws Exception {
        answering = true;
        unanswered.forEach(ccp::receive);
        unanswered.clear();
        assertThat(events.ofType(PhoneEvent.CallHeld.class)).as("the late hold, seen in the snapshot")
                .singleElement().extracting(PhoneEvent.CallHeld::party).isEqualTo(Party.CUSTOMER);
        done(phone.resume());
        assertThat(events.ofType(PhoneEvent.CallResumed.class)).hasSize(1);
        done(phone.hangup());
        assertThat(events.ofType(PhoneEvent.CallEnded.class)).hasSize(1);
        assertThat(h.bad.problems).as("a late result is not a bad message").isEmpty();
    }
}
