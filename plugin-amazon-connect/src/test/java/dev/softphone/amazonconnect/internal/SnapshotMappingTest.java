package dev.softphone.amazonconnect.internal;

import dev.softphone.AgentState;
import dev.softphone.CallStatus;
import dev.softphone.Direction;
import dev.softphone.Leg;
import dev.softphone.LegRole;
import dev.softphone.LegState;
import dev.softphone.PauseReason;
import dev.softphone.Target;
import dev.softphone.TargetKind;
import dev.softphone.amazonconnect.AmazonConnectPlugin;
import dev.softphone.spi.ObservedAgent;
import dev.softphone.spi.ObservedCall;
import dev.softphone.spi.PluginConfig;
import dev.softphone.spi.ReasonTable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Streams snapshot mapping: agent presence, contacts to calls, connections to legs")
class SnapshotMappingTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String STATES = "'agentStates':[{'agentStateARN':'arn:s1','type':'routable','name':'Available'},"
            + "{'agentStateARN':'arn:s2','type':'not_routable','name':'Break'},"
            + "{'agentStateARN':'arn:s3','type':'not_routable','name':'Lunch'},"
            + "{'agentStateARN':'arn:s4','type':'offline','name':'Offline'}]";

    private final UnknownValues unknown = new UnknownValues("test");
    private final PresenceMapper presence = new PresenceMapper(AmazonConnectPlugin.defaultReasons(), unknown);
    private final CallMapper calls = new CallMapper(unknown);

    static SnapshotParser.Update parse(String singleQuoted) throws BadMessageException {
        return SnapshotParser.parse(JSON.readTree(singleQuoted.replace('\'', '"')));
    }

    private ObservedAgent agent(String state, String extra) throws BadMessageException {
        SnapshotParser.Update u = parse("{'snapshot':{'state':" + state + extra + ",'contacts':[]},"
                + "'configuration':{" + STATES + "}}");
        return presence.map(u.snapshot(), u.configuration());
    }

    private List<ObservedCall> calls(String contacts) throws BadMessageException {
        return calls.map(parse("{'snapshot':{'state':{'name':'Busy','type':'system'},'contacts':[" + contacts
                + "]}}").snapshot());
    }

    private static String contact(String id, String type, String state, String connections, String extra) {
        return "{'contactId':'" + id + "','initialContactId':'" + id + "','type':'" + type + "','state':{'type':'"
                + state + "','timestamp':'2025-03-04T10:14:05.000Z'},'queue':{'name':'Support'},'connections':["
                + connections + "]" + extra + "}";
    }

    private static String conn(String id, String type, boolean initial, String state, String endpoint,
                               String extra) {
        return "{'connectionId':'" + id + "','type':'" + type + "','initial':" + initial + ",'state':{'type':'"
                + state + "'},'endpoint':" + endpoint + extra + "}";
    }

    private static String phone(String number) {
        return "{'type':'phone_number','phoneNumber':'" + number + "','name':null,'endpointARN':null}";
    }

    private static final String AGENT_LEG = conn("a", "agent", false, "connected", "null", "");
    private static final String CUSTOMER_LEG = conn("c", "inbound", true, "connected", phone("+447700900123"), "");

    @Nested
    @DisplayName("agent presence")
    class Presence {
        @ParameterizedTest(name = "{0}/{1} with availability {2} -> {3}")
        @CsvSource(delimiter = '|', value = {
            "Available|routable|Available|READY",
            "Lunch|not_routable|Lunch|NOT_READY(Lunch)",
            "Break|not_routable|Break|NOT_READY(BREAK)",
            "PendingBusy|system|Available|READY",
            "Busy|system|Break|NOT_READY(BREAK)",
            "CallingCustomer|system|Lunch|NOT_READY(Lunch)",
            "Dialing|system|Available|READY",
            "Joining|system|Available|READY",
            "AfterCallWork|system|Available|NOT_READY(AFTER_CALL_WORK)",
            "Init|init|Available|READY"})
        @DisplayName("routing keys on the state type; system states resolve through agentAvailabilityState")
        void states(String name, String type, String availability, String expected) throws Exception {
            ObservedAgent a = agent("{'name':'" + name + "','type':'" + type + "'}",
                    ",'agentAvailabilityState':{'state':'" + availability + "','timeStamp':1741082400.5}");
            assertThat(a.state().toString()).isEqualTo(expected);
            assertThat(a.vendorState()).isEqualTo(name);
            assertThat(a.errorName()).isNull();
            assertThat(a.offline()).isFalse();
        }

        @Test
        @DisplayName("an offline state is offline (core makes it a logout)")
        void offline() throws Exception {
            ObservedAgent a = agent("{'name':'Offline','type':'offline'}", "");
            assertThat(a.offline()).isTrue();
            assertThat(a.state()).isEqualTo(AgentState.notReady(PauseReason.custom("Offline")));
        }

        @ParameterizedTest(name = "{0}/{1}")
        @CsvSource({"MissedCallAgent,error", "FailedConnectCustomer,error", "Default,not_routable",
            "RealtimeCommunicationError,error"})
        @DisplayName("error states (by type or by name) are not ready with the error's name")
        void errors(String name, String type) throws Exception {
            ObservedAgent a = agent("{'name':'" + name + "','type':'" + type + "'}", "");
            assertThat(a.errorName()).isEqualTo(name);
            assertThat(a.state()).isEqualTo(AgentState.notReady(PauseReason.custom(name)));
        }

        @Test
        @DisplayName("nextState is the pending state; an offline one is a pending logout")
        void pending() throws Exception {
            assertThat(agent("{'name':'Busy','type':'system'}", ",'agentAvailabilityState':{'state':'Available'},"
                    + "'nextState':{'name':'Break','type':'not_routable','agentStateARN':'arn:s2'}").pending())
                    .isEqualTo(AgentState.notReady(PauseReason.BREAK));
            assertThat(agent("{'name':'Busy','type':'system'}", ",'nextState':{'name':'Offline','type':'offline'}")
                    .pending()).isEqualTo(AgentState.LOGGED_OUT);
            assertThat(agent("{'name':'Available','type':'routable'}", ",'nextState':null").pending()).isNull();
        }

        @Test
        @DisplayName("a system state without availability keeps the last state the agent chose")
        void systemWithoutAvailability() throws Exception {
            agent("{'name':'Lunch','type':'not_routable'}", "");
            assertThat(agent("{'name':'Busy','type':'system'}", "").state())
                    .isEqualTo(AgentState.notReady(PauseReason.custom("Lunch")));
        }

        @Test
        @DisplayName("an unknown state type is logged once and resolved like a system state")
        void unknownType() throws Exception {
            ObservedAgent a = agent("{'name':'Away','type':'vacation'}", ",'agentAvailabilityState':{'state':'Break'}");
            agent("{'name':'Away','type':'vacation'}", ",'agentAvailabilityState':{'state':'Break'}");
            assertThat(a.state()).isEqualTo(AgentState.notReady(PauseReason.BREAK));
            assertThat(unknown.count()).isEqualTo(1);
        }

        @Test
        @DisplayName("reason names are configurable: amazon-connect.reason.Lunch=MEAL")
        void configuredReason() throws Exception {
            ReasonTable table = AmazonConnectPlugin.defaultReasons()
                    .withOverrides(new PluginConfig("amazon-connect", Map.of("reason.Lunch", "MEAL")));
            PresenceMapper mapper = new PresenceMapper(table, unknown);
            SnapshotParser.Update u = parse("{'snapshot':{'state':{'name':'Lunch','type':'not_routable'},"
                    + "'contacts':[]}}");
            assertThat(mapper.map(u.snapshot(), StreamsConfiguration.EMPTY).state())
                    .isEqualTo(AgentState.notReady(PauseReason.MEAL));
        }
    }

    @Nested
    @DisplayName("contacts to calls")
    class Contacts {
        @Test
        @DisplayName("an inbound voice contact is an inbound call with the customer's number and queue")
        void inbound() throws Exception {
            ObservedCall call = calls(contact("k1", "voice", "connecting", AGENT_LEG + "," + CUSTOMER_LEG, ""))
                    .get(0);
            assertThat(call.callId()).isEqualTo("k1");
            assertThat(call.direction()).isEqualTo(Direction.INBOUND);
            assertThat(call.status()).isEqualTo(CallStatus.RINGING);
            assertThat(call.remote()).isEqualTo("+447700900123");
            assertThat(call.queue()).isEqualTo("Support");
            assertThat(call.transferredFrom()).isNull();
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({"incoming,RINGING", "pending,RINGING", "connecting,RINGING", "connected,CONNECTED",
            "paused,CONNECTED", "ended,ENDED", "missed,MISSED", "rejected,MISSED", "error,MISSED"})
        @DisplayName("contact states map to call statuses")
        void statuses(String state, CallStatus expected) throws Exception {
            assertThat(calls(contact("k1", "voice", state, AGENT_LEG + "," + CUSTOMER_LEG, "")).get(0).status())
                    .isEqualTo(expected);
        }

        @Test
        @DisplayName("an error after the agent was connected ends the call instead of missing it")
        void errorAfterConnected() throws Exception {
            calls(contact("k1", "voice", "connected", AGENT_LEG + "," + CUSTOMER_LEG, ""));
            assertThat(calls(contact("k1", "voice", "error", AGENT_LEG + "," + CUSTOMER_LEG, "")).get(0).status())
                    .isEqualTo(CallStatus.ENDED);
        }

        @Test
        @DisplayName("an unknown contact state keeps the call's last status and is logged once")
        void unknownContactState() throws Exception {
            calls(contact("k1", "voice", "connected", AGENT_LEG + "," + CUSTOMER_LEG, ""));
            assertThat(calls(contact("k1", "voice", "warping", AGENT_LEG + "," + CUSTOMER_LEG, "")).get(0).status())
                    .isEqualTo(CallStatus.CONNECTED);
            assertThat(unknown.count()).isEqualTo(1);
        }

        @Test
        @DisplayName("queue callbacks are calls; chat, task and email are not; an unknown type is left out and logged")
        void types() throws Exception {
            List<ObservedCall> list = calls(String.join(",",
                    contact("v", "voice", "connected", AGENT_LEG + "," + CUSTOMER_LEG, ""),
                    contact("q", "queue_callback", "incoming", AGENT_LEG + ","
                            + conn("c", "outbound", true, "connecting", phone("+1555"), ""), ""),
                    contact("ch", "chat", "connected", AGENT_LEG, ""),
                    contact("t", "task", "connected", AGENT_LEG, ""),
                    contact("e", "email", "connected", AGENT_LEG, ""),
                    contact("x", "hologram", "connected", AGENT_LEG, "")));
            assertThat(list).extracting(ObservedCall::callId).containsExactly("v", "q");
            assertThat(list.get(1).direction()).isEqualTo(Direction.OUTBOUND);
            assertThat(unknown.count()).isEqualTo(1);
        }

        @Test
        @DisplayName("a transferred contact names the contact it came from (initialContactId, initiationMethod)")
        void transferred() throws Exception {
            String legs = AGENT_LEG + "," + CUSTOMER_LEG;
            assertThat(calls("{'contactId':'k2','initialContactId':'k1','type':'voice','initiationMethod':'transfer',"
                    + "'state':{'type':'connecting'},'connections':[" + legs + "]}").get(0).transferredFrom())
                    .isEqualTo("k1");
            assertThat(calls("{'contactId':'k3','initialContactId':'k1','type':'voice','initiationMethod':"
                    + "'queue_transfer','state':{'type':'connecting'},'connections':[" + legs + "]}").get(0)
                    .transferredFrom()).isEqualTo("k1");
            assertThat(calls("{'contactId':'k4','initialContactId':'r1','type':'queue_callback','initiationMethod':"
                    + "'callback','state':{'type':'incoming'},'connections':[" + legs + "]}").get(0)
                    .transferredFrom()).isNull();
            assertThat(calls("{'contactId':'k5','initialContactId':'k1','type':'voice','state':{'type':'connecting'},"
                    + "'connections':[" + legs + "]}").get(0).transferredFrom()).isEqualTo("k1");
        }

        @Test
        @DisplayName("calls keep the order they appeared in; new ones in one snapshot are ordered by state time")
        void order() throws Exception {
            String legs = AGENT_LEG + "," + CUSTOMER_LEG;
            String late = "{'contactId':'late','type':'voice','state':{'type':'connecting','timestamp':1741082500},"
                    + "'connections':[" + legs + "]}";
            String early = "{'contactId':'early','type':'voice','state':{'type':'connecting','timestamp':"
                    + "'2025-03-04T10:00:00Z'},'connections':[" + legs + "]}";
            assertThat(calls(late + "," + early)).extracting(ObservedCall::callId).containsExactly("early", "late");
            String newer = "{'contactId':'newer','type':'voice','state':{'type':'connecting','timestamp':1},"
                    + "'connections':[" + legs + "]}";
            assertThat(calls(newer + "," + late + "," + early)).extracting(ObservedCall::callId)
                    .containsExactly("early", "late", "newer");
        }

        @Test
        @DisplayName("a supervisor's own monitoring contact is not a call")
        void ownMonitoring() throws Exception {
            assertThat(calls("{'contactId':'m','initialContactId':null,'type':'voice','state':{'type':'connected'},"
                    + "'queue':null,'connections':[" + conn("m1", "monitoring", true, "silent_monitor", "null", "")
                    + "]}")).isEmpty();
        }
    }

    @Nested
    @DisplayName("connections to legs")
    class Connections {
        private List<Leg> legs(String... connections) throws Exception {
            return calls(contact("k1", "voice", "connected", String.join(",", connections), "")).get(0).legs();
        }

        @Test
        @DisplayName("agent, customer (initial), third party and monitoring legs")
        void roles() throws Exception {
            List<Leg> legs = legs(AGENT_LEG, CUSTOMER_LEG,
                    conn("t", "outbound", false, "connecting", phone("+15550199"), ""),
                    conn("m", "monitoring", false, "silent_monitor", "null", ",'monitorStatus':'SILENT_MONITOR'"));
            assertThat(legs).extracting(Leg::role).containsExactly(LegRole.AGENT, LegRole.CUSTOMER,
                    LegRole.THIRD_PARTY, LegRole.MONITOR);
            assertThat(legs).extracting(Leg::state).containsExactly(LegState.CONNECTED, LegState.CONNECTED,
                    LegState.CONNECTING, LegState.CONNECTED);
            assertThat(legs.get(1).endpoint()).isEqualTo(Target.phoneNumber("+447700900123"));
            assertThat(legs.get(2).endpoint()).isEqualTo(Target.phoneNumber("+15550199"));
        }

        @Test
        @DisplayName("hold, disconnected, mute and sip-wrapped numbers")
        void states() throws Exception {
            List<Leg> legs = legs(AGENT_LEG, conn("c", "inbound", true, "hold",
                    phone("sip:+447700900123@10.0.0.1"), ",'mute':true"),
                    conn("t", "outbound", false, "disconnected", phone("+1"), ""));
            assertThat(legs.get(1).state()).isEqualTo(LegState.HELD);
            assertThat(legs.get(1).muted()).isTrue();
            assertThat(legs.get(1).endpoint().number()).isEqualTo("+447700900123");
            assertThat(legs.get(2).state()).isEqualTo(LegState.DISCONNECTED);
        }

        @Test
        @DisplayName("quick-connect legs carry the quick connect's name and kind")
        void quickConnects() throws Exception {
            List<Leg> legs = legs(AGENT_LEG, CUSTOMER_LEG,
                    conn("q", "outbound", false, "connected", "{'type':'queue','name':'Billing QC','endpointARN':"
                            + "'arn:aws:connect:r:1:instance/i/transfer-destination/x'}", ",'quickConnectName':"
                            + "'Billing QC'"),
                    conn("b", "outbound", false, "connected", "{'type':'agent','name':'Bob'}",
                            ",'quickConnectName':'Bob'"),
                    conn("h", "outbound", false, "connecting", "{'type':'phone_number','name':'Helpdesk',"
                            + "'phoneNumber':'+15550100'}", ",'quickConnectName':'Helpdesk'"));
            assertThat(legs.get(2).endpoint()).isEqualTo(new Target(TargetKind.QUEUE, "Billing QC", null, true));
            assertThat(legs.get(3).endpoint()).isEqualTo(new Target(TargetKind.AGENT, "Bob", null, true));
            assertThat(legs.get(4).endpoint()).isEqualTo(new Target(TargetKind.PHONE_NUMBER, "Helpdesk",
                    "+15550100", true));
        }

        @Test
        @DisplayName("INTERNAL-TRANSFER and nameless agent legs are INTERNAL (identity hidden)")
        void internal() throws Exception {
            List<Leg> legs = legs(AGENT_LEG, CUSTOMER_LEG,
                    conn("i", "outbound", false, "connected", "{'type':'agent','name':'INTERNAL-TRANSFER'}", ""),
                    conn("j", "inbound", false, "connected", "{'type':'phone_number','phoneNumber':"
                            + "'INTERNAL-TRANSFER'}", ""),
                    conn("k", "outbound", false, "connected", "{'type':'agent','name':null}", ""),
                    conn("l", "outbound", false, "connected", "null", ""));
            assertThat(legs.subList(2, 6)).extracting(l -> l.endpoint().kind()).containsOnly(TargetKind.INTERNAL);
        }

        @Test
        @DisplayName("an unknown connection state or endpoint type is logged once and mapped conservatively")
        void unknownValues() throws Exception {
            List<Leg> legs = legs(AGENT_LEG, conn("c", "inbound", true, "teleporting", phone("+1"), ""),
                    conn("t", "outbound", false, "connected", "{'type':'sip_uri','phoneNumber':'+2'}", ""));
            assertThat(legs.get(1).state()).isEqualTo(LegState.UNKNOWN);
            assertThat(legs.get(1).isActive()).isTrue();
            assertThat(legs.get(2).endpoint()).isEqualTo(Target.phoneNumber("+2"));
            assertThat(unknown.count()).isEqualTo(2);
        }
    }

    @Nested
    @DisplayName("timestamps and shape errors")
    class Shapes {
        @Test
        @DisplayName("timestamps are read as ISO strings, epoch seconds or epoch milliseconds")
        void timestamps() {
            Instant t = Instant.parse("2025-03-04T10:14:05.782Z");
            assertThat(StreamsTime.parse(JSON.readTree("\"2025-03-04T10:14:05.782Z\""))).isEqualTo(t);
            assertThat(StreamsTime.parse(JSON.readTree("1741083245.782"))).isEqualTo(t);
            assertThat(StreamsTime.parse(JSON.readTree("1741083245782"))).isEqualTo(t);
            assertThat(StreamsTime.parse(JSON.readTree("\"2025-03-04T11:14:05.782+01:00\""))).isEqualTo(t);
            assertThat(StreamsTime.parse(JSON.readTree("null"))).isNull();
            assertThatThrownBy(() -> StreamsTime.parse(JSON.readTree("\"yesterday\"")))
                    .hasMessageContaining("yesterday");
        }

        @ParameterizedTest(name = "{1}")
        @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "null|agent.update has no 'data'",
            "[]|'data' must be an object",
            "{}|'data.snapshot' must be an object",
            "{'snapshot':{'contacts':[]}}|'data.snapshot.state' is missing",
            "{'snapshot':{'state':{'type':'routable'},'contacts':[]}}|'data.snapshot.state.name' is missing",
            "{'snapshot':{'state':{'name':'A','type':'routable'}}}|'data.snapshot.contacts' is missing",
            "{'snapshot':{'state':{'name':'A','type':'routable'},'contacts':{}}}|must be an array",
            "{'snapshot':{'state':{'name':'A','type':'routable'},'contacts':[{'type':'voice'}]}}|"
                    + "'data.snapshot.contacts[0].contactId' is missing",
            "{'snapshot':{'state':{'name':'A','type':'routable'},'contacts':[{'contactId':'k','type':'voice',"
                    + "'state':{'type':'connected','timestamp':'soon'},'connections':[]}]}}|"
                    + "'data.snapshot.contacts[0].state.timestamp': not a timestamp",
            "{'snapshot':{'state':{'name':'A','type':'routable'},'contacts':[{'contactId':'k','type':'voice',"
                    + "'state':{'type':'connected'},'connections':[{'connectionId':'c','type':'agent',"
                    + "'initial':'yes','state':{'type':'connected'}}]}]}}|"
                    + "'data.snapshot.contacts[0].connections[0].initial' must be true or false",
            "{'snapshot':{'state':{'name':{'x':1},'type':'routable'},'contacts':[]}}|"
                    + "'data.snapshot.state.name' must be a string"})
        @DisplayName("a wrong shape is a BadMessageException naming the path")
        void wrongShapes(String data, String problem) {
            assertThatThrownBy(() -> SnapshotParser.parse(JSON.readTree(data.replace('\'', '"'))))
                    .isInstanceOf(BadMessageException.class).hasMessageContaining(problem);
        }

        @Test
        @DisplayName("unknown fields are ignored; a missing configuration is reported as absent")
        void unknownFields() throws Exception {
            SnapshotParser.Update u = parse("{'snapshot':{'state':{'name':'A','type':'routable','colour':'blue'},"
                    + "'contacts':[],'newThing':{'a':[1,2]}},'extra':true}");
            assertThat(u.configuration()).isNull();
            assertThat(u.snapshot().state().name()).isEqualTo("A");
        }
    }
}
