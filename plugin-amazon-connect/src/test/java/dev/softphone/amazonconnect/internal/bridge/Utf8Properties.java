package dev.softphone.amazonconnect.internal.bridge;

import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

@Label("UTF-8 limits of the bridge")
class Utf8Properties {

    @Property
    @Label("length() equals the size of the UTF-8 encoding")
    void lengthMatchesEncoding(@ForAll String s) {
        String wellFormed = new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertThat(Utf8.length(wellFormed)).isEqualTo(wellFormed.getBytes(StandardCharsets.UTF_8).length);
    }

    @Property
    @Label("a close reason never exceeds 123 bytes and keeps short reasons unchanged")
    void closeReasonFits(@ForAll String s) {
        String wellFormed = new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        String cut = Utf8.closeReason(wellFormed);
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(Utf8.MAX_CLOSE_REASON_BYTES);
        if (wellFormed.getBytes(StandardCharsets.UTF_8).length <= Utf8.MAX_CLOSE_REASON_BYTES) {
            assertThat(cut).isEqualTo(wellFormed);
        } else {
            assertThat(cut).endsWith("...");
            assertThat(wellFormed).startsWith(cut.substring(0, cut.length() - 3));
        }
    }

    @Property
    @Label("invalidAt() accepts exactly what the JDK's strict decoder accepts, with any byte of any text replaced")
    void validationAgreesWithTheJdk(@ForAll String s, @ForAll int where, @ForAll byte replacement,
            @ForAll boolean replace) {
        byte[] b = ("{\"x\":\"" + s + "\"}").getBytes(StandardCharsets.UTF_8);
        if (replace) {
            b[Math.floorMod(where, b.length)] = replacement;
        }
        boolean jdk;
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            jdk = true;
        } catch (CharacterCodingException e) {
            jdk = false;
        }
        assertThat(Utf8.invalidAt(b, 0, b.length) < 0).isEqualTo(jdk);
    }
}
