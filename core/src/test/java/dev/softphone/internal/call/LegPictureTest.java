package dev.softphone.internal.call;

import dev.softphone.CallStatus;
import dev.softphone.Leg;
import dev.softphone.LegState;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LegPicture}: legs sorted by role, a repeated id kept once (rule T14), the same answers whether the call has
 * a handful of legs (searched in a list) or many (looked up in a map).
 */
@DisplayName("Leg pictures")
class LegPictureTest {

    @ParameterizedTest(name = "{0} third parties")
    @ValueSource(ints = {2, 40})
    @DisplayName("T14: a repeated leg id keeps its first occurrence, and every leg is found by its id")
    void repeatedIdKeepsFirst(int thirdParties) {
        List<Leg> legs = new ArrayList<>();
        legs.add(Pictures.customer(LegState.HELD));
        legs.add(Pictures.agent(LegState.CONNECTED));
        for (int i = 0; i < thirdParties; i++) {
            legs.add(Pictures.third("tp" + i, LegState.CONNECTED, Pictures.NUMBER));
        }
        legs.add(Pictures.third("tp1", LegState.DISCONNECTED, Pictures.NUMBER)); // tp1 again, later, otherwise

        LegPicture picture = LegPicture.of(Pictures.inbound("c1", CallStatus.CONNECTED, legs.toArray(Leg[]::new)));

        assertThat(picture.all()).hasSize(thirdParties + 2);
        assertThat(picture.leg("tp1").state()).isEqualTo(LegState.CONNECTED);
        assertThat(picture.active("tp1")).isTrue();
        assertThat(picture.leg("tp" + (thirdParties - 1))).isNotNull();
        assertThat(picture.leg("nobody")).isNull();
        assertThat(picture.thirdParties()).hasSize(thirdParties);
        assertThat(picture.customerState()).isEqualTo(LegState.HELD);
        assertThat(picture.oddities()).singleElement().asString().contains("tp1 appears more than once");
    }
}
