package dev.softphone;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("PauseReason and AgentState values")
class PauseReasonTest {

    @Test
    @DisplayName("a custom code that names a well-known reason is that reason, whatever its case")
    void customNamesWellKnown() {
        assertThat(PauseReason.custom("break")).isSameAs(PauseReason.BREAK);
        assertThat(PauseReason.custom("Lunch").isCustom()).isTrue();
        assertThat(PauseReason.custom("Lunch").label()).isEqualTo("Lunch");
    }

    @Test
    @DisplayName("reasons are equal by code; the label is presentation only")
    void equalByCode() {
        assertThat(new PauseReason("BREAK", "Coffee")).isEqualTo(PauseReason.BREAK);
    }

    @Test
    @DisplayName("NOT_READY needs a reason and the other states take none")
    void reasonRules() {
        assertThatThrownBy(() -> new AgentState(AgentState.Kind.NOT_READY, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a pause reason");
        assertThatThrownBy(() -> new AgentState(AgentState.Kind.READY, PauseReason.BREAK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes no pause reason");
        assertThat(AgentState.notReady(PauseReason.AFTER_CALL_WORK).isAfterCallWork()).isTrue();
        assertThat(AgentState.READY.isRoutable()).isTrue();
        assertThat(AgentState.notReady(PauseReason.BREAK)).hasToString("NOT_READY(BREAK)");
    }
}
