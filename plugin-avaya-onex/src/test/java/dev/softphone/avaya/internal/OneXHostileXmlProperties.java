package dev.softphone.avaya.internal;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Random and mutated one-X answers: each parses or fails with a {@link OneXXml.MalformedAnswerException}. */
@Label("Random one-X bodies parse or fail clearly")
class OneXHostileXmlProperties {
    private static final String VALID = "<NotificationEvent ResponseCode=\"0\"><PhoneNotification Status=\"Ringing\""
            + " CallId=\"17\" CallingNumber=\"+15550100\"/></NotificationEvent>";

    @Provide
    Arbitrary<byte[]> bodies() {
        byte[] valid = VALID.getBytes(StandardCharsets.UTF_8);
        Arbitrary<byte[]> flips = Arbitraries.integers().between(0, valid.length - 1).list().ofMaxSize(8)
                .flatMap(positions -> Arbitraries.bytes().list().ofSize(positions.size()).map(values -> {
                    byte[] copy = valid.clone();
                    for (int i = 0; i < positions.size(); i++) {
                        copy[positions.get(i)] = values.get(i);
                    }
                    return copy;
                }));
        Arbitrary<byte[]> cuts = Arbitraries.integers().between(0, valid.length).map(n -> Arrays.copyOf(valid, n));
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
        Arbitrary<byte[]> injected = Arbitraries.strings().ofMaxLength(60)
                .map(s -> VALID.replace("+15550100", s).getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(flips, cuts, random, injected);
    }

    @Property(tries = 500)
    @Label("R2: any body parses to an answer with a root, or fails with MalformedAnswerException and a message")
    void anyBodyParsesOrFailsClearly(@ForAll("bodies") byte[] body) {
        try {
            OneXResponse answer = OneXXml.parse(body);
            if (answer.root() == null || answer.attributes() == null) {
                throw new AssertionError("a parsed answer without root or attributes");
            }
        } catch (OneXXml.MalformedAnswerException clear) {
            if (clear.getMessage() == null || clear.getMessage().isBlank()) {
                throw new AssertionError("an error without a message");
            }
        }
    }
}
