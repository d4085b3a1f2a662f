package dev.softphone.avaya.internal;

import dev.softphone.SoftphoneUnavailableException;
import dev.softphone.VendorException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Sends one-X Agent API requests: HTTP GET, arguments in the query string, XML answers. Never blocks: every request
 * returns a future. Failures are typed: {@link SoftphoneUnavailableException} when one-X cannot be reached or does not
 * answer in time, {@link VendorException} with code {@code HTTP_<status>} or {@code MALFORMED_ANSWER} when it answers
 * something else than a one-X answer. A non-zero {@code ResponseCode} is an answer, left to the caller.
 */
public final class OneXHttp {
    private final URI apiBase;
    private final Duration timeout;

    /**
     * @param apiBase {@code <base-url>/onexagent/api/}
     * @param timeout the longest a request may take
     */
    public OneXHttp(URI apiBase, Duration timeout) {
        this.apiBase = apiBase;
        this.timeout = timeout;
    }

    /** @return where requests go */
    public URI apiBase() {
        return apiBase;
    }

    /**
     * Sends one request.
     *
     * @param route  the request, for example {@code voice/hold}
     * @param params query parameters, in order
     * @return the parsed answer
     */
    public CompletableFuture<OneXResponse> get(String route, Map<String, String> params) {
        URI uri = uri(route, params);
        HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(timeout)
                .header("Accept", "text/xml, application/xml").build();
        CompletableFuture<HttpResponse<byte[]>> sent;
        try {
            sent = SharedClient.CLIENT.sendAsync(request, LimitedBody.handler(OneXXml.MAX_BYTES));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(unreachable(route, e));
        }
        return sent.handle((response, err) -> {
            if (err != null) {
                Throwable cause = unwrap(err);
                if (cause instanceof LimitedBody.TooLarge) {
                    throw new CompletionException(new VendorException("MALFORMED_ANSWER",
                            "one-X Agent's answer to " + route + " was refused: " + cause.getMessage()));
                }
                throw new CompletionException(unreachable(route, cause));
            }
            if (response.statusCode() != 200) {
                throw new CompletionException(new VendorException("HTTP_" + response.statusCode(),
                        "one-X Agent answered HTTP " + response.statusCode() + " to " + route
                                + (response.statusCode() == 404 ? " (the API has no such request)" : "")));
            }
            try {
                return OneXXml.parse(response.body());
            } catch (OneXXml.MalformedAnswerException e) {
                throw new CompletionException(new VendorException("MALFORMED_ANSWER",
                        "one-X Agent's answer to " + route + " was not understood: " + e.getMessage()));
            }
        });
    }

    private URI uri(String route, Map<String, String> params) {
        StringJoiner query = new StringJoiner("&");
        params.forEach((k, v) -> query.add(enc(k) + "=" + enc(v)));
        return apiBase.resolve(route + (params.isEmpty() ? "" : "?" + query));
    }

    private SoftphoneUnavailableException unreachable(String route, Throwable cause) {
        String why;
        if (cause instanceof HttpTimeoutException) {
            why = "one-X Agent did not answer " + route + " within " + timeout.toMillis() + " ms";
        } else if (cause instanceof ConnectException) {
            why = "one-X Agent is not running: nothing accepts connections at " + apiBase;
        } else if (cause instanceof IOException) {
            why = "the connection to one-X Agent at " + apiBase + " failed during " + route + ": " + cause;
        } else {
            why = "cannot send " + route + " to one-X Agent at " + apiBase + ": " + cause;
        }
        SoftphoneUnavailableException e = new SoftphoneUnavailableException(why);
        e.initCause(cause);
        return e;
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** One HTTP client for every phone: its threads are shared, so many phones do not mean many threads. */
    private static final class SharedClient {
        static final HttpClient CLIENT = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }
}
