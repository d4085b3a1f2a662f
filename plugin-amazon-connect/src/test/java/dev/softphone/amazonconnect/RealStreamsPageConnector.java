package dev.softphone.amazonconnect;

import dev.softphone.Phone;
import dev.softphone.testkit.amazon.CcpStandInServer;
import dev.softphone.testkit.amazon.StreamsScenarioRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Connects the scenario runner's {@code SimulatedCcp} to a phone through the real amazon-connect-streams library in
 * Chromium: each scenario gets a fresh bridge page (one {@code initCCP} per page) whose CCP iframe is the testkit's
 * stand-in in front of that scenario's model, and whose bridge socket pairs with the phone through the embedded
 * server. Between the page and the phone's driver sits a counting sink, so {@code settle()} can wait until the phone
 * has seen every snapshot and event the model emitted.
 */
final class RealStreamsPageConnector implements StreamsScenarioRunner.PageConnector, AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RealBrowser browser;
    private final StreamsBridgeHub phones;
    private final StreamsBridgeHub pages = new StreamsBridgeHub();
    private final CcpStandInServer standIn = CcpStandInServer.start(2);
    private final StreamsBridgeServer server;

    /**
     * @param browser the browser runner (page-per-line.cjs is started here)
     * @param site    an empty folder for the page and the library
     * @param logs    where the browser's output goes
     * @param phones  the hub the phones' drivers register with
     */
    RealStreamsPageConnector(RealBrowser browser, Path site, Path logs, StreamsBridgeHub phones) throws IOException {
        this.browser = browser;
        this.phones = phones;
        Files.copy(browser.npmPackage("amazon-connect-streams").resolve("release/connect-streams.js"),
                site.resolve("connect-streams.js"));
        Files.copy(RealBrowser.JS.resolve("real-streams-ccp.html"), site.resolve("real-streams-ccp.html"));
        this.server = StreamsBridgeServer.builder().hub(pages).staticFiles(site).build().start();
        browser.start(logs, "page-per-line.cjs");
    }

    /** @return the stand-in CCP (its conduit messages of the current scenario) */
    CcpStandInServer standIn() {
        return standIn;
    }

    @Override
    public StreamsScenarioRunner.PageConnection connect(Phone phone, Consumer<String> toPage) {
        PageSink driver = phones.find(phone.id()).orElseThrow(() -> new AssertionError("phone " + phone.id()
                + " did not register with the hub"));
        CountingSink sink = new CountingSink(driver);
        AutoCloseable registration = pages.register(phone.id(), sink);
        int connections = standIn.connections();
        // The runner calls the model's pageLoads itself once connected; nothing to do when the CCP connects.
        standIn.serve(toPage, () -> { });
        try {
            browser.sendLine(server.baseUri() + "/real-streams-ccp.html?token="
                    + pages.issuePairingToken(phone.id()).value() + "&ccp="
                    + URLEncoder.encode(standIn.ccpUrl().toString(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("the browser script is gone", e);
        }
        standIn.awaitConnections(connections + 1, WAIT);
        sink.awaitAttached();
        return new Connection(sink, registration);
    }

    /**
     * Ends the browser script and returns what it reports.
     *
     * @return {@code {opened, pageErrors}}: how many pages it opened and the errors they raised
     */
    JsonNode finish() throws IOException, InterruptedException {
        browser.release();
        return browser.result(WAIT);
    }

    @Override
    public void close() {
        server.close();
        standIn.close();
        browser.close();
    }

    /** One scenario's page. */
    private final class Connection implements StreamsScenarioRunner.PageConnection {
        private final CountingSink sink;
        private final AutoCloseable registration;
        private int expected;

        Connection(CountingSink sink, AutoCloseable registration) {
            this.sink = sink;
            this.registration = registration;
        }

        @Override
        public void fromPage(String json) {
            // Called by the model (under its lock): what it emits goes down the conduit.
            if (CountingSink.reachesThePhone(JSON.readTree(json))) {
                synchronized (this) {
                    expected++;
                }
            }
            standIn.fromModel(json);
        }

        /**
         * Waits until the phone has every answer to the commands it sent and every snapshot and event the model
         * emitted; again while the model emitted more meanwhile (a command still on its way through the page makes
         * the model emit only when it arrives).
         */
        @Override
        public void settle() {
            while (true) {
                int want;
                synchronized (this) {
                    want = expected;
                }
                sink.awaitQuiet(want);
                synchronized (this) {
                    if (want == expected) {
                        return;
                    }
                }
            }
        }

        @Override
        public void close() {
            try {
                registration.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not unregister the scenario's page", e);
            }
        }
    }

    /**
     * Forwards a page to the phone's driver and counts what the bridge relayed of the model's output, and the
     * commands the driver sent against the results that came back.
     */
    private static final class CountingSink implements PageSink {
        private final PageSink driver;
        private boolean attached;
        private int relayed;
        private int commands;
        private int results;
        private PageLink original;
        private PageLink counted;

        CountingSink(PageSink driver) {
            this.driver = Objects.requireNonNull(driver, "driver");
        }

        /** Snapshots and the model's events; not the library's own {@code init} or the page's broadcasts. */
        static boolean reachesThePhone(JsonNode m) {
            String type = m.path("type").asString("");
            String name = m.path("name").asString("");
            return "agent.update".equals(type) || "streams.event".equals(type) && !"init".equals(name)
                    && !"contact::accepted".equals(name);
        }

        @Override
        public void pageAttached(PageLink link) {
            PageLink wrapper = new PageLink() {
                @Override
                public void send(String json) {
                    synchronized (CountingSink.this) {
                        commands++;
                    }
                    link.send(json);
                }

                @Override
                public void close(String reason) {
                    link.close(reason);
                }

                @Override
                public void close(PageClose code, String reason) {
                    link.close(code, reason);
                }
            };
            synchronized (this) {
                original = link;
                counted = wrapper;
            }
            driver.pageAttached(wrapper);
            synchronized (this) {
                attached = true;
                notifyAll();
            }
        }

        @Override
        public void pageMessage(String json) {
            driver.pageMessage(json);
            JsonNode m;
            try {
                m = JSON.readTree(json);
            } catch (RuntimeException e) {
                return;
            }
            synchronized (this) {
                if (reachesThePhone(m)) {
                    relayed++;
                } else if ("result".equals(m.path("type").asString(""))) {
                    results++;
                }
                notifyAll();
            }
        }

        @Override
        public void pageDetached(PageLink link, String reason) {
            PageLink which;
            synchronized (this) {
                which = link == original ? counted : link;
            }
            driver.pageDetached(which, reason);
        }

        synchronized void awaitAttached() {
            await(() -> attached, "the bridge page did not pair with the phone");
        }

        synchronized void awaitQuiet(int count) {
            await(() -> relayed >= count && results >= commands, "the phone did not receive all " + count
                    + " snapshots and events of the model (got " + relayed + ") and the results of its " + commands
                    + " commands (got " + results + ")");
        }

        private void await(java.util.function.BooleanSupplier done, String failure) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!done.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(failure + " within " + WAIT);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted: " + failure, e);
                }
            }
        }
    }
}
