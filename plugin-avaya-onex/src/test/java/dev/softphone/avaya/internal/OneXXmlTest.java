package dev.softphone.avaya.internal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("one-X answers are parsed safely")
class OneXXmlTest {

    private static OneXResponse parse(String xml) {
        return OneXXml.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("a registration answer gives the response code and the client id")
    void register() {
        OneXResponse r = parse("<?xml version=\"1.0\"?><RegisterClientResponse ResponseCode=\"0\" ClientId=\"C-1\"/>");
        assertThat(r.ok()).isTrue();
        assertThat(r.root()).isEqualTo("RegisterClientResponse");
        assertThat(r.attribute("ClientId")).isEqualTo("C-1");
        assertThat(r.child()).isNull();
    }

    @Test
    @DisplayName("a notification answer gives its one child element with its attributes")
    void notification() {
        OneXResponse r = parse("<NextNotificationResponse ResponseCode=\"0\">\n  <VoiceInteractionCreated "
                + "ObjectId=\"VI1:AB\" Outbound=\"True\" RemoteAddress=\"+321\" Topic=\"\"/></NextNotificationResponse>");
        Notification n = Notification.of(r);
        assertThat(n).isEqualTo(new Notification.VoiceCreated("VI1:AB", true, "+321", null, null));
        assertThat(Notification.of(parse("<NextNotificationResponse ResponseCode=\"0\"><QueueEmpty/>"
                + "</NextNotificationResponse>"))).isInstanceOf(Notification.QueueEmpty.class);
    }

    @Test
    @DisplayName("a VoiceInteractionCreated gives its UCID, as an attribute or as a child element, and none when blank")
    void ucid() {
        assertThat(Notification.of(parse("<NextNotificationResponse ResponseCode=\"0\"><VoiceInteractionCreated "
                + "ObjectId=\"VI2:CD\" Outbound=\"False\" RemoteAddress=\"+322\" Topic=\"Sales\" "
                + "UCID=\"00001002481700000001\"/></NextNotificationResponse>")))
                .isEqualTo(new Notification.VoiceCreated("VI2:CD", false, "+322", null, "Sales",
                        "00001002481700000001"));
        assertThat(Notification.of(parse("<NextNotificationResponse ResponseCode=\"0\"><VoiceInteractionCreated "
                + "ObjectId=\"VI3:EF\" Outbound=\"False\" RemoteAddress=\"+323\"><UCID> 00001002481700000002 "
                + "</UCID></VoiceInteractionCreated></NextNotificationResponse>")))
                .isEqualTo(new Notification.VoiceCreated("VI3:EF", false, "+323", null, null,
                        "00001002481700000002"));
        assertThat(Notification.of(parse("<NextNotificationResponse ResponseCode=\"0\"><VoiceInteractionCreated "
                + "ObjectId=\"VI4:GH\" Outbound=\"False\" UCID=\"\"/></NextNotificationResponse>")))
                .isEqualTo(new Notification.VoiceCreated("VI4:GH", false, null, null, null, null));
    }

    @Test
    @DisplayName("an entity-expansion bomb is refused: no DTD is accepted at all")
    void billionLaughs() {
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                + "<RegisterClientResponse ResponseCode=\"0\" ClientId=\"&c;\"/>";
        assertThatThrownBy(() -> parse(bomb)).isInstanceOf(OneXXml.MalformedAnswerException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    @DisplayName("an external entity (a local file) is refused")
    void externalEntity() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<RegisterClientResponse ResponseCode=\"0\" ClientId=\"&x;\"/>";
        assertThatThrownBy(() -> parse(xxe)).isInstanceOf(OneXXml.MalformedAnswerException.class);
    }

    @Test
    @DisplayName("not XML, a missing ResponseCode and an oversized answer each get a clear error")
    void malformed() {
        assertThatThrownBy(() -> parse("Service Unavailable")).hasMessageContaining("not acceptable XML");
        assertThatThrownBy(() -> parse("<MakeCallResponse/>")).hasMessageContaining("no numeric ResponseCode");
        byte[] huge = new byte[OneXXml.MAX_BYTES + 1];
        assertThatThrownBy(() -> OneXXml.parse(huge)).hasMessageContaining("more than");
    }

    @Test
    @DisplayName("a non-zero response code is read, not thrown: the caller decides what it means")
    void nonZero() {
        assertThat(parse("<HoldVoiceInteractionResponse ResponseCode=\"5\"/>").responseCode()).isEqualTo(5);
    }
}
