package dev.softphone.testkit.example;

import dev.softphone.AgentState;
import dev.softphone.PauseReason;
import dev.softphone.testkit.VendorAction;
import dev.softphone.testkit.VendorSimulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A LineDesk softphone for tests: a real TCP server on loopback that keeps one agent's state, answers the plugin's
 * commands as LineDesk does, and lets the test act as the far end and as the agent clicking in the LineDesk window.
 * It implements {@link VendorSimulator} directly, so the compatibility kit drives it as it is.
 *
 * <p>Every change to the model and the line that tells the plugin about it happen under one lock, so the plugin
 * hears about changes in the order they were made.
 */
public final class LineDeskSimulator implements VendorSimulator {
    private final ServerSocket server;
    private final Thread acceptor;
    private final Map<String, String[]> calls = new LinkedHashMap<>(); // id -> {direction, number, queue, status}
    private final List<String> heldCommands = new ArrayList<>();
    private String agent = "OFF";
    private int nextCall = 1;
    private Socket client;
    private Writer out;
    private boolean away;
    private boolean delaying;
    private String refusal;

    /**
     * Starts listening on a free loopback port.
     *
     * @throws IOException when no port can be opened
     */
    public LineDeskSimulator() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "linedesk-simulator-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return the port the plugin connects to */
    public int port() {
        return server.getLocalPort();
    }

    @Override
    public Set<VendorAction> actions() {
        // LineDesk has no transfers, so nothing about third parties.
        return EnumSet.of(VendorAction.AGENT_LOGS_OUT, VendorAction.AGENT_SETS_STATE, VendorAction.AGENT_ANSWERS,
                VendorAction.AGENT_HANGS_UP, VendorAction.AGENT_HOLDS, VendorAction.FAR_END_ANSWERS,
                VendorAction.FAR_END_HANGS_UP, VendorAction.CALL_MISSED, VendorAction.REFUSE_COMMAND,
                VendorAction.DELAY_ANSWERS, VendorAction.GO_AWAY, VendorAction.RECONNECT_WITH_CALLS,
                VendorAction.UNKNOWN_DATA, VendorAction.SEES_CONNECTION);
    }

    @Override
    public Map<String, String> phoneConfig() {
        return Map.of("linedesk.port", Integer.toString(port()));
    }

    // ----- the agent and the far end -----

    @Override
    public synchronized void agentLogsIn() {
        if (agent.equals("OFF")) {
            setAgent("READY");
        }
    }

    @Override
    public synchronized void agentLogsOut() {
        setAgent("OFF");
    }

    @Override
    public synchronized void agentSetsState(AgentState state) {
        setAgent(state.isRoutable() ? "READY" : "AWAY:" + awayName(state.reason()));
    }

    @Override
    public synchronized String callArrives(String number, String queue) {
        String id = "ld-" + nextCall++;
        calls.put(id, new String[] {"IN", number, queue, "RINGING"});
        tell("RING " + id + " " + number + " " + queue);
        return id;
    }

    @Override
    public synchronized void agentAnswers(String callId) {
        talk(callId);
    }

    @Override
    public synchronized void farEndAnswers(String callId) {
        talk(callId);
    }

    @Override
    public synchronized void agentHangsUp(String callId) {
        gone(callId);
    }

    @Override
    public synchronized void farEndHangsUp(String callId) {
        gone(callId);
    }

    @Override
    public synchronized void agentHolds(String callId) {
        tell("HOLD " + callId);
    }

    @Override
    public synchronized void agentResumes(String callId) {
        tell("UNHOLD " + callId);
    }

    @Override
    public synchronized void ringingStops(String callId) {
        calls.remove(callId);
        tell("MISSED " + callId);
    }

    // ----- the vendor's own behaviour -----

    @Override
    public synchronized String refuseNextCommand(String message) {
        refusal = message;
        return "Busy";
    }

    @Override
    public synchronized void delayAnswers() {
        delaying = true;
    }

    @Override
    public synchronized void releaseAnswers() {
        delaying = false;
        List<String> due = List.copyOf(heldCommands);
        heldCommands.clear();
        due.forEach(this::command);
    }

    @Override
    public synchronized void goAway(String reason) {
        away = true;
        dropClient();
    }

    @Override
    public synchronized void comeBack() {
        away = false; // the plugin's next retry connects and gets the replay
    }

    @Override
    public synchronized void sendUnknownData() {
        tell("WHISPER supervisor hello there");  // an event type from a newer LineDesk
        tell("TALK ld-999");                      // news about a call the plugin never saw
        tell("RING");                             // a line with its fields missing
    }

    @Override
    public synchronized boolean isPhoneConnected() {
        return client != null && !client.isClosed();
    }

    @Override
    public void close() {
        synchronized (this) {
            dropClient();
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ----- the wire -----

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            BufferedReader in;
            synchronized (this) {
                try {
                    if (away) {
                        socket.close();
                        continue;
                    }
                    dropClient();
                    client = socket;
                    out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
                    in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                    replay();
                } catch (IOException e) {
                    dropClient();
                    continue;
                }
            }
            Thread reader = new Thread(() -> readCommands(socket, in), "linedesk-simulator-client");
            reader.setDaemon(true);
            reader.start();
        }
    }

    private void readCommands(Socket socket, BufferedReader in) {
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (this) {
                    if (delaying) {
                        heldCommands.add(line);
                    } else {
                        command(line);
                    }
                }
            }
        } catch (IOException e) {
            // the plugin or the test closed the connection
        }
        synchronized (this) {
            if (client == socket) {
                dropClient();
            }
        }
    }

    /** Carries out one command line {@code <id> <VERB> [argument]} and answers it. */
    private void command(String line) {
        String[] w = line.split(" ", 3);
        String id = w[0];
        if (refusal != null) {
            tell("ERR " + id + " Busy " + refusal);
            refusal = null;
            return;
        }
        String arg = w.length > 2 ? w[2] : "";
        switch (w.length > 1 ? w[1] : "") {
            case "ANSWER", "UNHOLD", "HOLD", "HANGUP" -> {
                if (!calls.containsKey(arg)) {
                    tell("ERR " + id + " NoSuchCall there is no call " + arg);
                    return;
                }
                switch (w[1]) {
                    case "ANSWER" -> talk(arg);
                    case "HANGUP" -> gone(arg);
                    default -> tell(w[1] + " " + arg);
                }
            }
            case "READY" -> setAgent("READY");
            case "AWAY" -> setAgent("AWAY:" + arg);
            case "DIAL" -> {
                String call = "ld-" + nextCall++;
                calls.put(call, new String[] {"OUT", arg, "", "RINGING"});
                tell("DIAL " + call + " " + arg);
            }
            default -> {
                tell("ERR " + id + " UnknownCommand LineDesk does not know '" + line + "'");
                return;
            }
        }
        tell("OK " + id);
    }

    private void replay() throws IOException {
        send("HELLO linedesk 1");
        send("AGENT " + agent);
        for (Map.Entry<String, String[]> e : calls.entrySet()) {
            String[] c = e.getValue();
            send(c[0].equals("IN") ? "RING " + e.getKey() + " " + c[1] + " " + c[2] : "DIAL " + e.getKey() + " " + c[1]);
            if (c[3].equals("TALKING")) {
                send("TALK " + e.getKey());
            }
        }
        send("SYNCED");
    }

    private void setAgent(String state) {
        agent = state;
        tell("AGENT " + state);
    }

    private void talk(String callId) {
        calls.get(callId)[3] = "TALKING";
        tell("TALK " + callId);
    }

    private void gone(String callId) {
        calls.remove(callId);
        tell("GONE " + callId);
    }

    /** Sends a line to the plugin when it is connected; LineDesk does not queue for absent clients. */
    private void tell(String line) {
        try {
            send(line);
        } catch (IOException e) {
            dropClient();
        }
    }

    private void send(String line) throws IOException {
        if (out != null) {
            out.write(line + "\n");
            out.flush();
        }
    }

    private void dropClient() {
        if (client != null) {
            try {
                client.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        client = null;
        out = null;
    }

    private static String awayName(PauseReason reason) {
        if (reason.equals(PauseReason.BREAK)) {
            return "coffee";
        } else if (reason.equals(PauseReason.MEAL)) {
            return "lunch";
        }
        return reason.code().toLowerCase(java.util.Locale.ROOT);
    }
}
