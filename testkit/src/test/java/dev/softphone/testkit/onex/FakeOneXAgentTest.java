package dev.softphone.testkit.onex;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("FakeOneXAgent speaks the one-X Agent API over real HTTP")
class FakeOneXAgentTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final FakeOneXAgent fake = FakeOneXAgent.start();

    @AfterEach
    void close() {
        fake.close();
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/onexagent/api/" + pathAndQuery))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private String register(String name) throws Exception {
        Matcher m = Pattern.compile("ClientId=\"([^\"]+)\"").matcher(get("registerclient?name=" + name).body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    @DisplayName("each client has its own FIFO queue; every event goes to every client; QueueEmpty when none")
    void queues() throws Exception {
        String a = register("a");
        String b = register("b");
        String call = fake.incomingCall("+321", "Jan", "Sales");
        fake.farEndHangsUp(call);
        assertThat(get("nextnotification?clientid=" + a).body()).contains("<VoiceInteractionCreated")
                .contains("Outbound=\"False\"").contains("ObjectId=\"" + call + "\"");
        assertThat(get("nextnotification?clientid=" + a).body()).contains("<VoiceInteractionTerminated");
        assertThat(get("nextnotification?clientid=" + a).body()).contains("<QueueEmpty");
        assertThat(get("nextnotification?clientid=" + b).body()).contains("<VoiceInteractionCreated");
    }

    @Test
    @DisplayName("a duplicate name gets ResponseCode 1; unknown ids get the configured non-zero code")
    void codes() throws Exception {
        register("a");
        assertThat(get("registerclient?name=a").body()).contains("ResponseCode=\"1\"");
        assertThat(get("nextnotification?clientid=nobody").body()).contains("ResponseCode=\"2\"");
        fake.respondToUnknownIdsWith(9);
        assertThat(get("voice/hold?clientid=nobody&interactionid=x").body()).contains("ResponseCode=\"9\"");
    }

    @Test
    @DisplayName("extra query parameters and a trailing slash are tolerated; paths the API lacks answer 404")
    void tolerance() throws Exception {
        String id = register("a");
        assertThat(get("voice/mute/?clientid=" + id + "&nocache=123").body()).contains("ResponseCode=\"0\"");
        assertThat(fake.isMuted()).isTrue();
        assertThat(get("voice/transfer?clientid=" + id).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("hold and makecall change the fake's model; hold gives no notification, makecall an outbound one")
    void commands() throws Exception {
        String id = register("a");
        assertThat(get("voice/makecall?clientid=" + id + "&number=1234").body()).contains("ResponseCode=\"0\"");
        String created = get("nextnotification?clientid=" + id).body();
        assertThat(created).contains("Outbound=\"True\"");
        String call = fake.interactions().get(0);
        assertThat(get("voice/hold?clientid=" + id + "&interactionid=" + call).body()).contains("ResponseCode=\"0\"");
        assertThat(fake.isHeld(call)).hasValue(true);
        assertThat(get("nextnotification?clientid=" + id).body()).contains("<QueueEmpty");
    }

    @Test
    @DisplayName("not running refuses connections on the same port; restart invalidates every client id")
    void failureModes() throws Exception {
        String id = register("a");
        int port = fake.port();
        fake.stopServing();
        assertThatThrownBy(() -> get("nextnotification?clientid=" + id)).isInstanceOf(ConnectException.class);
        fake.resumeServing();
        assertThat(fake.port()).isEqualTo(port);
        assertThat(get("nextnotification?clientid=" + id).body()).contains("ResponseCode=\"0\"");
        fake.restart();
        assertThat(get("nextnotification?clientid=" + id).body()).contains("ResponseCode=\"2\"");
        assertThat(fake.registeredClients()).isEmpty();
    }
}
