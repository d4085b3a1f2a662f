package dev.softphone.amazonconnect.internal.bridge;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;

/**
 * Serves {@code streams-bridge.js} and {@code streams-bridge.d.ts} from the plugin jar
 * ({@code META-INF/resources/softphone/}) for the embedded server; containers serve that folder by themselves.
 */
public final class ScriptServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String BASE = "/META-INF/resources";

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getServletPath();
        if (!path.equals("/softphone/streams-bridge.js") && !path.equals("/softphone/streams-bridge.d.ts")) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        try (InputStream in = ScriptServlet.class.getResourceAsStream(BASE + path)) {
            if (in == null) {
                resp.sendError(HttpServletResponse.SC_NOT_FOUND, path + " is missing from the plugin jar");
                return;
            }
            resp.setContentType(path.endsWith(".js") ? "text/javascript" : "application/typescript");
            resp.setCharacterEncoding("UTF-8");
            resp.setHeader("Cache-Control", "no-cache");
            resp.setHeader("X-Content-Type-Options", "nosniff");
            in.transferTo(resp.getOutputStream());
        }
    }
}
