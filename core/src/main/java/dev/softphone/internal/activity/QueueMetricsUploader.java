package dev.softphone.internal.activity;

import dev.softphone.activity.ActivitySinkException;
import dev.softphone.internal.json.JsonWriter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Uploads queue_log rows to QueueMetrics' HTTP loader API ({@code <base>/jsonQLoaderApi.do}, HTTP Basic auth), the
 * interface Uniloader and WQLoader use: first {@code checkHWM} (the time of the newest row the server holds for the
 * token), then {@code insertRow} per row, oldest first, one request at a time. Rows older than the high-water mark are
 * not sent again. The wire details come from a partly legible WQLoader manual; see {@code docs/reporting.md} before
 * relying on it, or prefer the file target plus Uniloader.
 */
public final class QueueMetricsUploader {
    private final HttpClient http;
    private final URI endpoint;
    private final String authorization;
    private final String token;
    private final Duration timeout;
    private Long highWaterMark;

    /**
     * @param base     QueueMetrics' base URL, for example {@code https://qm.example.com/queuemetrics}
     * @param user     the upload user (QueueMetrics default {@code webqloader})
     * @param password its password
     * @param token    the server id (blank for a single PBX)
     * @param timeout  per request
     */
    public QueueMetricsUploader(URI base, String user, String password, String token, Duration timeout) {
        String b = base.toString();
        this.endpoint = URI.create((b.endsWith("/") ? b : b + "/") + "jsonQLoaderApi.do");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.token = token == null ? "" : token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * Uploads rows, oldest first.
     *
     * @param rows the rows
     * @throws ActivitySinkException when the server cannot be reached or refuses
     */
    public void upload(List<QueueLogLine> rows) throws ActivitySinkException {
        if (highWaterMark == null) {
            highWaterMark = checkHighWaterMark();
        }
        for (QueueLogLine row : rows) {
            if (row.epoch() < highWaterMark) {
                continue; // the server has data up to the mark: this row was uploaded before
            }
            StringBuilder sb = new StringBuilder(256);
            JsonWriter w = new JsonWriter(sb);
            w.beginObject().name("commandId").value("insertRow").name("version").value("1.0")
                    .name("token").value(token).name("row").beginObject()
                    .name("time_id").value(row.epoch())
                    .name("call_id").value(QueueLogLine.clean(row.callId()))
                    .name("queue").value(QueueLogLine.clean(row.queue()))
                    .name("agent").value(QueueLogLine.clean(row.agent()))
                    .name("verb").value(row.verb());
            for (int i = 0; i < 5; i++) {
                w.name("data" + (i + 1)).value(i < row.data().size() ? QueueLogLine.clean(row.data().get(i)) : "");
            }
            w.endObject().endObject();
            post(sb.toString());
        }
    }

    private long checkHighWaterMark() throws ActivitySinkException {
        StringBuilder sb = new StringBuilder();
        new JsonWriter(sb).beginObject().name("commandId").value("checkHWM").name("version").value("1.0")
                .name("token").value(token).endObject();
        JsonNode reply = post(sb.toString());
        JsonNode result = reply == null ? null : reply.get("result");
        return result == null || result.isNull() ? Long.MIN_VALUE : result.asLong(Long.MIN_VALUE);
    }

    private JsonNode post(String body) throws ActivitySinkException {
        HttpResponse<String> response;
        try {
            response = JsonPost.post(http, endpoint, body, timeout, authorization, "QueueMetrics loader " + endpoint);
        } catch (ActivitySinkException e) {
            highWaterMark = null; // ask again after the outage
            throw e;
        }
        int code = response.statusCode();
        if (code / 100 != 2) {
            highWaterMark = null;
            String msg = "QueueMetrics loader " + endpoint + " answered HTTP " + code + ": "
                    + JsonPost.abbreviate(response.body());
            // authentication and server trouble are fixed by someone else, then the same rows go through
            if (code >= 500 || code == 429 || code == 401 || code == 403 || code == 404 || code == 408) {
                throw ActivitySinkException.retryable(msg, null);
            }
            throw ActivitySinkException.rejected(msg);
        }
        try {
            String text = response.body();
            return text == null || text.isBlank() ? null : JsonMapper.shared().readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }
}
