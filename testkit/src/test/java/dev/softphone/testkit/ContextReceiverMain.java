package dev.softphone.testkit;

import dev.softphone.AgentState;
import dev.softphone.CallContextStores;
import dev.softphone.Phone;
import dev.softphone.PhoneEvent;
import dev.softphone.PhoneEventJson;
import dev.softphone.spi.CallContextStore;

import java.time.Duration;

/**
 * Agent B's phone in a second JVM, for {@link TwoProcessHandoffTest}: a transferred call arrives on the fake
 * softphone, the phone loads the context from the shared JDBC store, and this prints the {@code TransferReceived}
 * event as JSON on one line, then adds its own edit to the context and prints {@code saved}.
 *
 * <p>Arguments: the JDBC URL of the shared store, the call id the call was transferred from.
 */
public final class ContextReceiverMain {
    private ContextReceiverMain() {
    }

    /**
     * @param args JDBC URL, from-call id
     * @throws Exception on any failure (the exit code is then non-zero)
     */
    public static void main(String[] args) throws Exception {
        CallContextStore store = CallContextStores.jdbc(args[0], "sa", "").build();
        FakeSoftphonePlugin plugin = new FakeSoftphonePlugin();
        RecordingPhoneListener events = new RecordingPhoneListener();
        try (Phone phone = Phone.builder().id("agent-b").plugin(plugin).contextStore(store)
                .contextTimeout(Duration.ofSeconds(20)).listener(events).build()) {
            FakeSoftphone softphone = plugin.softphone();
            softphone.agentLogsIn(AgentState.READY);
            String call = softphone.transferredCallArrives("+441234567", args[1]);
            PhoneEvent.TransferReceived received = events.await(PhoneEvent.TransferReceived.class,
                    Duration.ofSeconds(30));
            System.out.println(PhoneEventJson.toJson(received));
            phone.answer(call).toCompletableFuture().get();
            phone.attachContext(call, phone.context(call).with("handledInSecondJvm", true))
                    .toCompletableFuture().get();
            System.out.println("saved");
        }
    }
}
