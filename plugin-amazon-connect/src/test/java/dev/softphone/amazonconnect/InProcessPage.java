package dev.softphone.amazonconnect;

import dev.softphone.Phone;
import dev.softphone.testkit.amazon.StreamsScenarioRunner;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A bridge page connected in process: the transport seam ({@link PageLink} to the page, {@link PageSink} to the
 * driver) without a socket. The bridge's own tests connect the same simulated CCP over a real WebSocket.
 */
final class InProcessPage implements StreamsScenarioRunner.PageConnection, PageLink {
    private final PageSink sink;
    private final Consumer<String> toPage;
    private final List<String> closedWith = new ArrayList<>();
    private boolean attached;

    private InProcessPage(PageSink sink, Consumer<String> toPage) {
        this.sink = sink;
        this.toPage = toPage;
    }

    /**
     * @param hub the hub the phone's driver registered with
     * @return a connector for the scenario runner
     */
    static StreamsScenarioRunner.PageConnector connector(StreamsBridgeHub hub) {
        return (phone, toPage) -> attach(hub, phone, toPage);
    }

    /**
     * Attaches a page to a phone's driver.
     *
     * @param hub    the hub
     * @param phone  the phone
     * @param toPage where commands go
     * @return the attached page
     */
    static InProcessPage attach(StreamsBridgeHub hub, Phone phone, Consumer<String> toPage) {
        PageSink sink = hub.find(phone.id()).orElseThrow(() -> new AssertionError("phone " + phone.id()
                + " did not register with the hub"));
        InProcessPage page = new InProcessPage(sink, toPage);
        page.attached = true;
        sink.pageAttached(page);
        return page;
    }

    @Override
    public void fromPage(String json) {
        sink.pageMessage(json);
    }

    @Override
    public void send(String json) {
        toPage.accept(json);
    }

    @Override
    public synchronized void close(String reason) {
        closedWith.add(reason);
    }

    /** @return the reasons the driver gave when it closed this link */
    synchronized List<String> closedWith() {
        return List.copyOf(closedWith);
    }

    @Override
    public void close() {
        if (attached) {
            attached = false;
            sink.pageDetached(this, "the test closed the page");
        }
    }
}
