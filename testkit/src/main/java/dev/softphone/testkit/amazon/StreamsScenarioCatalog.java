package dev.softphone.testkit.amazon;

import dev.softphone.Destination;
import dev.softphone.PauseReason;
import dev.softphone.Phone;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * The catalog of named Amazon Connect scenarios: each one a {@link StreamsScenario} with its exact expected events
 * (DESIGN §5, the agent-state rules A1… of {@code docs/agent-state.md} and the call rules T1… of
 * {@code docs/transfer-detection.md}). Each can be exported as a bridge recording by running it
 * ({@link StreamsScenarioRunner}). Names are stable: the CLI's {@code scenarios export NAME} uses them.
 */
public final class StreamsScenarioCatalog {
    /** The customer's number in the scenarios. */
    public static final String CUSTOMER = "+447700900123";
    /** The number the agent consults in the scenarios. */
    public static final String THIRD_PARTY = "+15550199";
    /** The number the agent dials in the outbound scenarios. */
    public static final String DIALED = "+15550123";

    private static final String LOGGED_IN = "AgentLoggedIn state=READY";
    private static final String OFFERED = "CallOffered callId=contact-1 direction=INBOUND remote=" + CUSTOMER
            + " queue=Support";
    private static final String CONNECTED_APP = "CallConnected callId=contact-1 @app";
    private static final String ENDED_REMOTE = "CallEnded callId=contact-1 endedBy=REMOTE";
    private static final String TO_ACW = "AgentStateChanged from=READY to=NOT_READY(AFTER_CALL_WORK) pending=false";
    private static final String ACW_TO_READY = "AgentStateChanged from=NOT_READY(AFTER_CALL_WORK) to=READY "
            + "pending=false";

    private static final List<StreamsScenario> ALL = List.of(
            inboundAnswered(), inboundMissed(), customerAbandons(), outboundRemoteHangup(), holdResume(), mute(),
            consultNumberCancel(), consultQuickConnectComplete(), consultAgentQuickConnect(), blindTransferQueue(),
            conferenceAgentLeaves(), customerHangsUpDuringConsult(), swap(), lunchToBreak(), afterCallWorkToReady(),
            afterCallWorkQueuedBreak(), pauseDuringCall(), failedOutboundSnapsBack(), offline(), terminated(),
            authFailure(), twoCalls(), supervisorMonitoring(), transferredCallArrives(), queueCallback(),
            failedConnectCustomer(), chatIgnored(), unchangedSnapshots(), pageReload(), epochTimestamps(),
            softphoneError(), vendorErrorOnHold());

    private StreamsScenarioCatalog() {
    }

    /** @return every scenario, in a stable order */
    public static List<StreamsScenario> all() {
        return ALL;
    }

    /** @return the scenario names, in the catalog's order */
    public static List<String> names() {
        return ALL.stream().map(StreamsScenario::name).toList();
    }

    /**
     * @param name a scenario name
     * @return the scenario
     * @throws NoSuchElementException listing the names when there is none with that name
     */
    public static StreamsScenario named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no scenario named '" + name + "'; known: "
                        + String.join(", ", names())));
    }

    // ----- building blocks -----

    private static StreamsScenario.Builder loggedIn(String name, String description) {
        return StreamsScenario.named(name, description)
                .ccp("the agent signs in as Available", ccp -> ccp.agentLogsIn("Available"))
                .expect(LOGGED_IN);
    }

    /** Logged in, a customer calls, the application answers. */
    private static StreamsScenario.Builder onCall(String name, String description) {
        return loggedIn(name, description)
                .ccp("a customer calls", ccp -> ccp.customerCalls(CUSTOMER, "Support"))
                .app("answer", Phone::answer)
                .expect(OFFERED, CONNECTED_APP);
    }

    /** The customer hangs up, the agent closes the contact in the CCP. */
    private static StreamsScenario.Builder customerEndsAndAgentCloses(StreamsScenario.Builder b) {
        return b.ccp("the customer hangs up", SimulatedCcp::customerHangsUp)
                .ccp("the agent closes the contact", SimulatedCcp::agentClosesContact)
                .expect(ENDED_REMOTE, TO_ACW, ACW_TO_READY);
    }

    // ----- calls -----

    static StreamsScenario inboundAnswered() {
        return onCall("inbound-answered", "an inbound call rings, the application answers, the customer hangs up, "
                + "ready leaves after-call work")
                .ccp("the customer hangs up", SimulatedCcp::customerHangsUp)
                .app("ready", Phone::ready)
                .expect(ENDED_REMOTE, TO_ACW, ACW_TO_READY + " @app")
                .build();
    }

    static StreamsScenario inboundMissed() {
        return loggedIn("inbound-missed", "an inbound call rings out: missed, MissedCallAgent, ready again")
                .ccp("a customer calls", ccp -> ccp.customerCalls(CUSTOMER, "Support"))
                .ccp("nobody answers", SimulatedCcp::ringTimesOut)
                .app("ready", Phone::ready)
                .expect(OFFERED,
                        "CallMissed callId=contact-1",
                        "AgentStateChanged from=READY to=NOT_READY(MissedCallAgent) pending=false",
                        "AgentError name=MissedCallAgent",
                        "AgentStateChanged from=NOT_READY(MissedCallAgent) to=READY pending=false @app")
                .build();
    }

    static StreamsScenario customerAbandons() {
        return loggedIn("customer-abandons", "the customer hangs up while the call still rings")
                .ccp("a customer calls", ccp -> ccp.customerCalls(CUSTOMER, "Support"))
                .ccp("the customer hangs up", SimulatedCcp::customerHangsUp)
                .expect(OFFERED, "CallMissed callId=contact-1")
                .build();
    }

    static StreamsScenario outboundRemoteHangup() {
        return loggedIn("outbound-remote-hangup", "the application dials, the customer answers and hangs up")
                .app("dial", p -> p.dial(Destination.phoneNumber(DIALED)))
                .ccp("the customer answers", SimulatedCcp::customerAnswers)
                .ccp("the customer hangs up", SimulatedCcp::customerHangsUp)
                .ccp("the agent closes the contact", SimulatedCcp::agentClosesContact)
                .expect("CallOffered callId=contact-1 direction=OUTBOUND remote=" + DIALED + " queue=Support @app",
                        "CallConnected callId=contact-1",
                        ENDED_REMOTE, TO_ACW, ACW_TO_READY)
                .build();
    }

    static StreamsScenario holdResume() {
        return onCall("hold-resume", "hold and resume from the application, then from the CCP; the application "
                + "hangs up")
                .app("hold", Phone::hold)
                .app("resume", Phone::resume)
                .ccp("the agent clicks Hold", SimulatedCcp::agentHoldsCustomer)
                .ccp("the agent clicks Resume", SimulatedCcp::agentResumesCustomer)
                .app("hang up", Phone::hangup)
                .expect("CallHeld callId=contact-1 party=CUSTOMER @app",
                        "CallResumed callId=contact-1 party=CUSTOMER @app",
                        "CallHeld callId=contact-1 party=CUSTOMER",
                        "CallResumed callId=contact-1 party=CUSTOMER",
                        "CallEnded callId=contact-1 endedBy=AGENT @app",
                        TO_ACW)
                .build();
    }

    static StreamsScenario mute() {
        return customerEndsAndAgentCloses(onCall("mute", "the application mutes, the agent unmutes in the CCP")
                .app("mute", Phone::mute)
                .ccp("the agent clicks unmute", ccp -> ccp.agentMutes(false))
                .expect("MuteChanged muted=true @app", "MuteChanged muted=false"))
                .build();
    }

    // ----- transfers -----

    static StreamsScenario consultNumberCancel() {
        return customerEndsAndAgentCloses(onCall("consult-number-cancel", "consult an external number, then "
                + "cancel: the third party is dropped and the customer resumed")
                .app("start a transfer to a number", p -> p.startTransfer(Destination.phoneNumber(THIRD_PARTY)))
                .ccp("the third party answers", SimulatedCcp::thirdPartyAnswers)
                .app("cancel the transfer", Phone::cancelTransfer)
                .expect("ConsultStarted callId=contact-1 target=PHONE_NUMBER(" + THIRD_PARTY + ") @app",
                        "CallHeld callId=contact-1 party=CUSTOMER @app",
                        "ConsultConnected callId=contact-1",
                        "TransferCancelled callId=contact-1 @app",
                        "CallResumed callId=contact-1 party=CUSTOMER @app"))
                .build();
    }

    static StreamsScenario consultQuickConnectComplete() {
        return onCall("consult-quick-connect-complete", "consult through a phone-number quick connect, talk, "
                + "complete: a consulted transfer")
                .app("start a transfer to quick connect Helpdesk", p -> p.startTransfer(
                        Destination.quickConnect("Helpdesk")))
                .ccp("the helpdesk answers", SimulatedCcp::thirdPartyAnswers)
                .app("complete the transfer", Phone::completeTransfer)
                .expect("ConsultStarted callId=contact-1 target=PHONE_NUMBER(\"Helpdesk\",+15550100,qc) @app",
                        "CallHeld callId=contact-1 party=CUSTOMER @app",
                        "ConsultConnected callId=contact-1",
                        "TransferCompleted callId=contact-1 mode=CONSULTED target=PHONE_NUMBER(\"Helpdesk\","
                                + "+15550100,qc) @app",
                        "CallEnded callId=contact-1 endedBy=TRANSFER @app",
                        TO_ACW)
                .build();
    }

    static StreamsScenario consultAgentQuickConnect() {
        return onCall("consult-agent-quick-connect", "transfer to an agent quick connect: the leg reports "
                + "connected before anyone answers, so the mode is undetermined")
                .app("start a transfer to agent Bob", p -> p.startTransfer(Destination.agent("Bob")))
                .app("complete the transfer", Phone::completeTransfer)
                .expect("ConsultStarted callId=contact-1 target=AGENT(\"Bob\",qc) @app",
                        "CallHeld callId=contact-1 party=CUSTOMER @app",
                        "ConsultConnected callId=contact-1",
                        "TransferCompleted callId=contact-1 mode=UNDETERMINED target=AGENT(\"Bob\",qc) @app",
                        "CallEnded callId=contact-1 endedBy=TRANSFER @app",
                        TO_ACW)
                .build();
    }

    static StreamsScenario blindTransferQueue() {
        return onCall("blind-transfer-queue", "blind transfer to a queue quick connect: add the party, leave at "
                + "once")
                .app("blind transfer to queue Billing QC", p -> p.blindTransfer(Destination.queue("Billing QC")))
                .expect("ConsultStarted callId=contact-1 target=QUEUE(\"Billing QC\",qc) @app",
                        "CallHeld callId=contact-1 party=CUSTOMER @app",
                        "ConsultConnected callId=contact-1",
                        "TransferCompleted callId=contact-1 mode=BLIND target=QUEUE(\"Billing QC\",qc) @app",
                        "CallEnded callId=contact-1 endedBy=TRANSFER @app",
                        TO_ACW)
                // Without the application's blind-transfer request only the legs speak, and a queue leg that is
                // "connected" before the agent leaves proves nothing (rule T11).
                .expectInReplay(LOGGED_IN, OFFERED, "CallConnected callId=contact-1",
                        "ConsultStarted callId=contact-1 target=QUEUE(\"Billing QC\",qc)",
                        "CallHeld callId=contact-1 party=CUSTOMER",
                        "ConsultConnected callId=contact-1",
                        "TransferCompleted callId=contact-1 mode=UNDETERMINED target=QUEUE(\"Billing QC\",qc)",
                        "CallEnded callId=contact-1 endedBy=TRANSFER",
                        TO_ACW)
                .build();
    }

    static StreamsScenario conferenceAgentLeaves() {
        return onCall("conference-agent-leaves", "consult a number, join all three, the agent hangs up in the CCP")
                .app("start a transfer to a number", p -> p.startTransfer(Destination.phoneNumber(THIRD_PARTY)))
                .ccp("the third party answers", SimulatedCcp::thirdPartyAnswers)
                .app("conference", Phone::conference)
                .ccp("the agent hangs up", SimulatedCcp::agentHangsUp)
                .expect("ConsultStarted callId=contact-1 target=PHONE_NUMBER(" + THIRD_PARTY + ") @app",
                        "CallHeld callId=contact-1 party=CUSTOMER @app",
                        "ConsultConnected callId=contact-1",
                        "CallResumed callId=contact-1 party=CUSTOMER @app",
                        "Conferenced callId=contact-1 @app",
                        "TransferCompleted callId=contact-1 mode=CONFERENCE target=PHONE_NUMBER(" + THIRD_PARTY
                                + ")",
                        "CallEnded callId=contact-1 endedBy=TRANSFER",
                        TO_ACW)
                .build();
    }

    static StreamsScenario customerHangsUpDuringConsult() {
        return onCall("customer-hangs-up-during-consult", "the customer hangs up while the agent consults; the "
                + "agent then hangs up on the third party")
                .app("start a transfer to a number", p -> p.startTransfer(Destination.phoneNumber(THIRD_PARTY)))
                .ccp("the third party answers", SimulatedCcp::thirdPartyAnswers)
                .ccp("the customer hangs up", SimulatedCcp::customerHangsUp)
                .app("hang up", Phone::hangup)
                .expect("ConsultStarted callId=contact-1 target=PHONE_NUMBER(" + THIRD_PARTY + ") @app",
                        "CallHeld callId=contact-1 party=CUSTOMER @app",
                        "ConsultConnected callId=contact-1",
                        "CallEnded callId=contact-1 endedBy=REMOTE @app",
                        TO_ACW)
                .build();
    }

    static StreamsScenario swap() {
        return customerEndsAndAgentCloses(onCall("swap", "swap between customer and third party from the "
                + "application and the CCP, then cancel")
                .app("start a transfer to a number", p -> p.startTransfer(Destination.phoneNumber(THIRD_PARTY)))
                .ccp("the third party answers", SimulatedCcp::thirdPartyAnswers)
                .app("swap", Phone::swap)
                .ccp("the agent clicks Swap", SimulatedCcp::agentSwaps)
                .app("cancel the transfer", Phone::cancelTransfer)
                .expect("ConsultStarted callId=contact-1 target=PHONE_NUMBER(" + THIRD_PARTY + ") @app",
                        "CallHeld callId=contact-1 party=CUSTOMER @app",
                        "ConsultConnected callId=contact-1",
                        "CallResumed callId=contact-1 party=CUSTOMER @app",
                        "CallHeld callId=contact-1 party=THIRD_PARTY @app",
                        "CallHeld callId=contact-1 party=CUSTOMER",
                        "CallResumed callId=contact-1 party=THIRD_PARTY",
                        "TransferCancelled callId=contact-1 @app",
                        "CallResumed callId=contact-1 party=CUSTOMER @app"))
                .build();
    }

    static StreamsScenario supervisorMonitoring() {
        return customerEndsAndAgentCloses(onCall("supervisor-monitoring", "a supervisor silently monitors the "
                + "call: the monitoring leg is no third party, no event")
                .ccp("a supervisor starts monitoring", SimulatedCcp::supervisorStartsMonitoring)
                .ccp("the supervisor stops", SimulatedCcp::supervisorStopsMonitoring))
                .build();
    }

    static StreamsScenario transferredCallArrives() {
        return customerEndsAndAgentCloses(loggedIn("transferred-call-arrives", "another agent transfers a call "
                + "here: initialContactId names the original contact, initiationMethod transfer")
                .ccp("a transferred call rings", ccp -> ccp.transferArrives("contact-from-elsewhere", CUSTOMER,
                        "Support", false))
                .app("answer", Phone::answer)
                .expect(OFFERED, "TransferReceived callId=contact-1 fromCallId=contact-from-elsewhere context=NONE",
                        CONNECTED_APP))
                .build();
    }

    static StreamsScenario queueCallback() {
        return customerEndsAndAgentCloses(loggedIn("queue-callback", "a queued callback is offered, accepted, the "
                + "customer is dialed and answers")
                .ccp("a callback is offered", ccp -> ccp.callbackOffered(CUSTOMER, "Support"))
                .app("answer", Phone::answer)
                .ccp("the customer answers", SimulatedCcp::customerAnswers)
                .expect("CallOffered callId=contact-1 direction=OUTBOUND remote=" + CUSTOMER + " queue=Support",
                        CONNECTED_APP))
                .build();
    }

    static StreamsScenario twoCalls() {
        return loggedIn("two-calls", "a second call arrives while the first is up; the agent holds the first and "
                + "takes the second")
                .ccp("a customer calls", ccp -> ccp.customerCalls(CUSTOMER, "Support"))
                .app("answer the first", p -> p.answer("contact-1"))
                .ccp("a second customer calls", ccp -> ccp.customerCalls("+447700900456", "Billing"))
                .app("hold the first", p -> p.hold("contact-1"))
                .app("answer the second", p -> p.answer("contact-2"))
                .ccp("the second customer hangs up", ccp -> ccp.customerHangsUp("contact-2"))
                .app("resume the first", p -> p.resume("contact-1"))
                .app("hang up the first", p -> p.hangup("contact-1"))
                .app("ready", Phone::ready)
                .expect(OFFERED, CONNECTED_APP,
                        "CallOffered callId=contact-2 direction=INBOUND remote=+447700900456 queue=Billing",
                        "CallHeld callId=contact-1 party=CUSTOMER @app",
                        "CallConnected callId=contact-2 @app",
                        "CallEnded callId=contact-2 endedBy=REMOTE",
                        "CallResumed callId=contact-1 party=CUSTOMER @app",
                        "CallEnded callId=contact-1 endedBy=AGENT @app",
                        TO_ACW,
                        ACW_TO_READY + " @app")
                .build();
    }

    static StreamsScenario failedConnectCustomer() {
        return loggedIn("failed-connect-customer", "an outbound call cannot reach the customer: "
                + "FailedConnectCustomer until the agent is made ready")
                .app("dial", p -> p.dial(Destination.phoneNumber(DIALED)))
                .ccp("the call fails", ccp -> ccp.outboundFails("FailedConnectCustomer"))
                .app("ready", Phone::ready)
                .expect("CallOffered callId=contact-1 direction=OUTBOUND remote=" + DIALED + " queue=Support @app",
                        "CallMissed callId=contact-1",
                        "AgentStateChanged from=READY to=NOT_READY(FailedConnectCustomer) pending=false",
                        "AgentError name=FailedConnectCustomer",
                        "AgentStateChanged from=NOT_READY(FailedConnectCustomer) to=READY pending=false @app")
                .build();
    }

    static StreamsScenario failedOutboundSnapsBack() {
        return loggedIn("failed-outbound-snaps-back", "the agent on Lunch dials, the call fails and Amazon puts "
                + "the agent back to Available")
                .ccp("the agent picks Lunch", ccp -> ccp.agentSelectsState("Lunch"))
                .app("dial", p -> p.dial(Destination.phoneNumber(DIALED)))
                .ccp("the call fails", ccp -> ccp.outboundFails(null))
                .expect("AgentStateChanged from=READY to=NOT_READY(Lunch) pending=false",
                        "CallOffered callId=contact-1 direction=OUTBOUND remote=" + DIALED + " queue=Support @app",
                        "CallMissed callId=contact-1",
                        "AgentStateChanged from=NOT_READY(Lunch) to=READY pending=false")
                .build();
    }

    static StreamsScenario chatIgnored() {
        return loggedIn("chat-ignored", "a chat contact comes and goes: not a call, no event")
                .ccp("a chat arrives", ccp -> ccp.chatArrives("Ann"))
                .ccp("the chat ends", SimulatedCcp::chatEnds)
                .build();
    }

    static StreamsScenario vendorErrorOnHold() {
        return onCall("vendor-error-on-hold", "Amazon refuses a hold: the command fails with the vendor's error, "
                + "nothing changes")
                .ccp("Amazon will refuse the next hold", ccp -> ccp.failNext("hold", "InvalidStateException",
                        "Cannot put call on hold: Invalid contact state."))
                .appFails("hold", Phone::hold, "VendorException")
                .build();
    }

    // ----- agent state -----

    static StreamsScenario lunchToBreak() {
        return loggedIn("lunch-to-break", "the agent picks Lunch in the CCP, the application pauses for Break: "
                + "a change between two pause reasons is reported")
                .ccp("the agent picks Lunch", ccp -> ccp.agentSelectsState("Lunch"))
                .app("pause for BREAK", p -> p.pause(PauseReason.BREAK))
                .expect("AgentStateChanged from=READY to=NOT_READY(Lunch) pending=false",
                        "AgentStateChanged from=NOT_READY(Lunch) to=NOT_READY(BREAK) pending=false @app")
                .build();
    }

    static StreamsScenario afterCallWorkToReady() {
        return onCall("after-call-work-to-ready", "the agent hangs up in the CCP, after-call work follows, the "
                + "application's ready clears the contact")
                .ccp("the agent hangs up", SimulatedCcp::agentHangsUp)
                .app("ready", Phone::ready)
                .expect("CallEnded callId=contact-1 endedBy=AGENT", TO_ACW, ACW_TO_READY + " @app")
                .build();
    }

    static StreamsScenario afterCallWorkQueuedBreak() {
        return onCall("after-call-work-queued-break", "in after-call work the agent picks Break, which waits as "
                + "the next state until the contact is closed")
                .ccp("the customer hangs up", SimulatedCcp::customerHangsUp)
                .ccp("the agent picks Break", ccp -> ccp.agentSelectsState("Break"))
                .ccp("the agent closes the contact", SimulatedCcp::agentClosesContact)
                .expect(ENDED_REMOTE, TO_ACW,
                        "AgentStateChanged from=NOT_READY(AFTER_CALL_WORK) to=NOT_READY(BREAK) pending=true",
                        "AgentStateChanged from=NOT_READY(AFTER_CALL_WORK) to=NOT_READY(BREAK) pending=false")
                .build();
    }

    static StreamsScenario pauseDuringCall() {
        return onCall("pause-during-call", "the application pauses during a call: Break is queued "
                + "(enqueueNextState) and applies when the contact is closed")
                .app("pause for BREAK", p -> p.pause(PauseReason.BREAK))
                .ccp("the customer hangs up", SimulatedCcp::customerHangsUp)
                .ccp("the agent closes the contact", SimulatedCcp::agentClosesContact)
                .expect("AgentStateChanged from=READY to=NOT_READY(BREAK) pending=true @app",
                        ENDED_REMOTE, TO_ACW,
                        "AgentStateChanged from=NOT_READY(AFTER_CALL_WORK) to=NOT_READY(BREAK) pending=false @app")
                .build();
    }

    static StreamsScenario offline() {
        return loggedIn("offline", "the agent picks Offline in the CCP (a logout), then Available again")
                .ccp("the agent picks Offline", ccp -> ccp.agentSelectsState("Offline"))
                .ccp("the agent picks Available", ccp -> ccp.agentSelectsState("Available"))
                .expect("AgentLoggedOut cause=OFFLINE_STATE", LOGGED_IN)
                .build();
    }

    static StreamsScenario terminated() {
        return loggedIn("terminated", "the agent logs out in the CCP (terminated), then signs in again")
                .ccp("the agent clicks Log out", SimulatedCcp::agentLogsOutInCcp)
                .ccp("the agent signs in again", ccp -> ccp.agentLogsIn("Available"))
                .expect("AgentLoggedOut cause=SESSION_TERMINATED", LOGGED_IN)
                .build();
    }

    static StreamsScenario authFailure() {
        return loggedIn("auth-failure", "the session's credentials expire (auth_fail)")
                .ccp("the session expires", SimulatedCcp::sessionExpires)
                .expect("AgentLoggedOut cause=AUTH_FAILED")
                .build();
    }

    static StreamsScenario softphoneError() {
        return loggedIn("softphone-error", "the softphone reports that the microphone is not shared")
                .ccp("the microphone is blocked", ccp -> ccp.softphoneFails("microphone_not_shared",
                        "Permission denied"))
                .expect("AgentError name=microphone_not_shared")
                .build();
    }

    // ----- the bridge -----

    static StreamsScenario unchangedSnapshots() {
        return customerEndsAndAgentCloses(onCall("unchanged-snapshots", "50 snapshots that differ only in "
                + "snapshotTimestamp, localTimestamp and skew (the worker re-polls every 100 ms): no events")
                .ccp("the worker re-polls 50 times", ccp -> ccp.repoll(50)))
                .build();
    }

    static StreamsScenario pageReload() {
        return customerEndsAndAgentCloses(onCall("page-reload", "the page reloads during a call: a second hello, "
                + "seq restarts, the same picture: no events")
                .ccp("the page reloads", SimulatedCcp::pageLoads)
                .ccp("the worker re-polls", ccp -> ccp.repoll(3)))
                .build();
    }

    static StreamsScenario epochTimestamps() {
        return customerEndsAndAgentCloses(onCall("epoch-timestamps", "a page that relays timestamps as epoch "
                + "seconds (the CTI wire form) instead of ISO strings")
                .timeFormat(SimulatedCcp.TimeFormat.EPOCH_SECONDS))
                .build();
    }
}
