package dev.softphone.internal.activity;

import dev.softphone.activity.ActivityRecord;
import dev.softphone.internal.json.JsonWriter;
import dev.softphone.spi.LogMasking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Keeps the records a sink rejected for good in {@code dead-letter-<sink>.jsonl} next to the spool: one JSON object per
 * line with the time, the sink, the error and the record (or the raw stored text when it could not be read). An
 * operator can fix the cause and feed them again; nothing is silently dropped.
 */
final class DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger("dev.softphone.activity.lost");
    private final LineFile file;
    private final String sink;
    private final Clock clock;

    DeadLetters(Path dir, String sink, Clock clock) {
        this.file = new LineFile(dir.resolve("dead-letter-" + sink + ".jsonl"));
        this.sink = sink;
        this.clock = clock;
    }

    void add(ActivityRecord record, String error) {
        write(error, record.toJson(), null);
    }

    void addRaw(byte[] payload, String error) {
        write(error, null, new String(payload, StandardCharsets.UTF_8));
    }

    private void write(String error, String recordJson, String raw) {
        StringBuilder sb = new StringBuilder();
        JsonWriter w = new JsonWriter(sb);
        w.beginObject().name("at").value(clock.instant().toString()).name("sink").value(sink)
                .name("error").value(error);
        if (recordJson != null) {
            w.name("record").raw(recordJson);
        } else {
            w.name("raw").value(raw);
        }
        w.endObject();
        // the record itself stays in the dead-letter file; the log gets it with customer data masked
        LOG.error("activity sink {} rejected a record for good ({}); kept in {}: {}", sink,
                LogMasking.text(error, 500), file.path(), LogMasking.text(sb.toString(), 2_000));
        try {
            file.append(List.of(sb.toString()));
        } catch (IOException e) {
            LOG.error("cannot write the dead-letter file {}; the record is only in this log line", file.path(), e);
        }
    }

    void close() {
        file.close();
    }
}
