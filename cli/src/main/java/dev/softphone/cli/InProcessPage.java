package dev.softphone.cli;

import dev.softphone.Phone;
import dev.softphone.amazonconnect.PageLink;
import dev.softphone.amazonconnect.PageSink;
import dev.softphone.amazonconnect.StreamsBridgeHub;
import dev.softphone.testkit.amazon.StreamsScenarioRunner;

import java.util.function.Consumer;

/**
 * A bridge page attached to a phone's Amazon Connect driver inside this JVM: the same {@link PageSink}/{@link PageLink}
 * seam a WebSocket transport uses, without the socket. {@code demo}, {@code replay} and {@code scenarios export} use
 * it so they need no network; {@code serve} goes over a real WebSocket instead.
 */
final class InProcessPage implements PageLink, StreamsScenarioRunner.PageConnection {
    private final PageSink sink;
    private final Consumer<String> toPage;
    private boolean attached;

    private InProcessPage(PageSink sink, Consumer<String> toPage) {
        this.sink = sink;
        this.toPage = toPage;
    }

    /**
     * Attaches a page to the phone's driver.
     *
     * @param hub    the hub the phone's driver registered with
     * @param phone  the phone
     * @param toPage where the driver's commands go
     * @return the attached page
     * @throws IllegalStateException when the phone is not an Amazon Connect phone on that hub
     */
    static InProcessPage attach(StreamsBridgeHub hub, Phone phone, Consumer<String> toPage) {
        PageSink sink = hub.find(phone.id()).orElseThrow(() -> new IllegalStateException("phone '" + phone.id()
                + "' is not registered with the bridge hub (is it an amazon-connect phone?)"));
        InProcessPage page = new InProcessPage(sink, toPage);
        page.attached = true;
        sink.pageAttached(page);
        return page;
    }

    /**
     * @param hub the hub the phones' drivers register with
     * @return a connector for {@link StreamsScenarioRunner}
     */
    static StreamsScenarioRunner.PageConnector connector(StreamsBridgeHub hub) {
        return (phone, toPage) -> attach(hub, phone, toPage);
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
    public void close(String reason) {
        close();
    }

    @Override
    public synchronized void close() {
        if (attached) {
            attached = false;
            sink.pageDetached(this, "the page was closed");
        }
    }
}
