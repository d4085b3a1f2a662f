package dev.softphone.internal.activity;

import dev.softphone.activity.ActivitySinkException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Posts a JSON body for an HTTP sink; a network failure becomes a retryable {@link ActivitySinkException}. */
public final class JsonPost {
    private JsonPost() {
    }

    /**
     * @param http          the client
     * @param uri           where to post
     * @param body          the JSON body
     * @param timeout       the request timeout
     * @param authorization an Authorization header value, or null
     * @param what          names the receiver in error messages
     * @return the response (any status)
     * @throws ActivitySinkException (retryable) when the receiver could not be reached
     */
    public static HttpResponse<String> post(HttpClient http, URI uri, String body, Duration timeout,
                                            String authorization, String what) throws ActivitySinkException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw ActivitySinkException.retryable(what + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ActivitySinkException.retryable("interrupted while sending to " + what, e);
        }
    }

    /**
     * @param s a response body, or null
     * @return at most 300 characters of it, for error messages
     */
    public static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }
}
