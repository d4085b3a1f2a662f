package dev.softphone.activity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the fenced block that follows an HTML marker comment in {@code docs/reporting.md}. */
final class WorkedExample {
    private WorkedExample() {
    }

    static Path reportingDoc() {
        Path p = Path.of("..", "docs", "reporting.md");
        return Files.exists(p) ? p : Path.of("docs", "reporting.md");
    }

    /**
     * @param marker the text inside {@code <!-- … -->} just before the block
     * @return the block's lines
     */
    static List<String> block(String marker) throws IOException {
        List<String> lines = Files.readAllLines(reportingDoc());
        int i = lines.indexOf("<!-- " + marker + " -->");
        if (i < 0) {
            throw new AssertionError("docs/reporting.md has no <!-- " + marker + " --> marker");
        }
        int open = i + 1;
        while (!lines.get(open).startsWith("```")) {
            open++;
        }
        List<String> out = new ArrayList<>();
        for (int k = open + 1; !lines.get(k).startsWith("```"); k++) {
            out.add(lines.get(k));
        }
        return out;
    }
}
