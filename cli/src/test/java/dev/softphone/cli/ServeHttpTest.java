package dev.softphone.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("serve: the demo's web server and JSON API over real HTTP and a real bridge socket")
class ServeHttpTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static ServeSession session;
    private static ServeHttp http;

    @BeforeAll
    static void start() throws Exception {
        session = ServeSession.start();
        http = ServeHttp.start(session, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        http.close();
        session.close();
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(http.uri().resolve(path)).timeout(Duration.ofSeconds(30));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) {
        return JSON.readTree(r.body());
    }

    @Test
    @DisplayName("serves the page, its script and style from the jar")
    void page() throws Exception {
        HttpResponse<String> index = send("GET", "/", null);
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(index.body()).contains("Agent application", "Softphone window", "data-verb=\"startTransfer\"");
        assertThat(send("GET", "/app.js", null).body()).contains("/api/state?after=");
        assertThat(send("GET", "/app.css", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/nope", null).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("login answers with a manual step; the sign-in in the softphone window reaches the phone over the "
            + "bridge; verbs answer as JSON")
    void roundTrip() throws Exception {
        assertThat(json(send("GET", "/api/state", null)).path("agent").path("softphoneAvailable").asBoolean())
                .isTrue();
        JsonNode login = json(send("POST", "/api/phone/login", "{}"));
        assertThat(login.path("ok").asBoolean()).isTrue();
        assertThat(login.path("result").asString()).isEqualTo("manual");
        assertThat(login.path("instruction").asString()).contains("Sign in to Amazon Connect");

        assertThat(send("POST", "/api/ccp/signIn", "{\"state\":\"Offline\"}").statusCode()).isEqualTo(200);
        session.awaitEvent("AgentLoggedIn", Duration.ofSeconds(20));
        JsonNode loggedIn = json(send("GET", "/api/state?after=0", null)).path("events").path(0);
        assertThat(loggedIn.path("by").asString()).isEqualTo("softphone");
        assertThat(loggedIn.path("text").asString()).isEqualTo("agent logged in, NOT_READY(Offline)");

        JsonNode destinations = json(send("POST", "/api/phone/transferDestinations", null));
        assertThat(destinations.path("destinations").findValuesAsString("value"))
                .contains("Billing QC", "Bob", "Helpdesk");

        JsonNode hold = json(send("POST", "/api/phone/hold", "{}"));
        assertThat(hold.path("ok").asBoolean()).isFalse();
        assertThat(hold.path("error").asString()).startsWith("InvalidPhoneStateException: ");
    }

    @Test
    @DisplayName("bad requests get a clear error: unknown verb or action 400, missing argument 400, not JSON 400, "
            + "impossible CCP action 409")
    void badRequests() throws Exception {
        HttpResponse<String> unknownVerb = send("POST", "/api/phone/fly", "{}");
        assertThat(unknownVerb.statusCode()).isEqualTo(400);
        assertThat(json(unknownVerb).path("error").asString()).isEqualTo("unknown phone verb 'fly'");

        HttpResponse<String> noReason = send("POST", "/api/phone/pause", "{}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(json(noReason).path("error").asString()).isEqualTo("missing 'reason'");

        HttpResponse<String> notJson = send("POST", "/api/phone/dial", "number=1");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).path("error").asString()).startsWith("the request body is not JSON");

        assertThat(send("POST", "/api/ccp/dance", "{}").statusCode()).isEqualTo(400);
        HttpResponse<String> nothingRinging = send("POST", "/api/ccp/accept", "{}");
        assertThat(nothingRinging.statusCode()).isEqualTo(409);
        assertThat(json(nothingRinging).path("ok").asBoolean()).isFalse();

        assertThat(send("GET", "/api/state?after=x", null).statusCode()).isEqualTo(400);
        assertThat(URI.create(http.uri().toString()).getPort()).isPositive();
    }
}
