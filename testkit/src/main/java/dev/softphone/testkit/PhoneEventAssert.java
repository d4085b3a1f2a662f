package dev.softphone.testkit;

import dev.softphone.Origin;
import dev.softphone.PhoneEvent;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * AssertJ assertions on a recorded event sequence.
 *
 * <pre>{@code
 * PhoneEventAssert.assertThat(recorder)
 *         .hasTypes("CallOffered", "CallConnected", "CallEnded")
 *         .allHaveOrigin(Origin.SOFTPHONE);
 * }</pre>
 */
public final class PhoneEventAssert extends AbstractAssert<PhoneEventAssert, List<PhoneEvent>> {

    private PhoneEventAssert(List<PhoneEvent> events) {
        super(events, PhoneEventAssert.class);
    }

    /**
     * @param recorder a recorder
     * @return assertions on what it recorded so far
     */
    public static PhoneEventAssert assertThat(RecordingPhoneListener recorder) {
        return new PhoneEventAssert(recorder.events());
    }

    /**
     * @param events events
     * @return assertions on them
     */
    public static PhoneEventAssert assertThat(List<PhoneEvent> events) {
        return new PhoneEventAssert(List.copyOf(events));
    }

    /**
     * Exactly these types, in this order.
     *
     * @param types simple type names
     * @return this
     */
    public PhoneEventAssert hasTypes(String... types) {
        isNotNull();
        Assertions.assertThat(types())
                .as("event types; events were:%n%s", describe())
                .containsExactly(types);
        return this;
    }

    /**
     * These types appear in this order, possibly with others between them.
     *
     * @param types simple type names
     * @return this
     */
    public PhoneEventAssert containsTypesInOrder(String... types) {
        isNotNull();
        Assertions.assertThat(types()).as("event types; events were:%n%s", describe()).containsSubsequence(types);
        return this;
    }

    /**
     * No event at all.
     *
     * @return this
     */
    public PhoneEventAssert isEmptySequence() {
        isNotNull();
        Assertions.assertThat(actual).as("events; were:%n%s", describe()).isEmpty();
        return this;
    }

    /**
     * @param origin the expected origin of every event
     * @return this
     */
    public PhoneEventAssert allHaveOrigin(Origin origin) {
        isNotNull();
        for (PhoneEvent e : actual) {
            if (e.origin() != origin) {
                failWithMessage("expected every event to have origin %s, but %s had %s; events:%n%s", origin,
                        e.type(), e.origin(), describe());
            }
        }
        return this;
    }

    /**
     * Sequence numbers increase by one from the first event.
     *
     * @return this
     */
    public PhoneEventAssert hasConsecutiveSeq() {
        isNotNull();
        for (int i = 1; i < actual.size(); i++) {
            if (actual.get(i).seq() != actual.get(i - 1).seq() + 1) {
                failWithMessage("seq jumps from %s to %s at index %s", actual.get(i - 1).seq(), actual.get(i).seq(),
                        i);
            }
        }
        return this;
    }

    /**
     * Checks the single event of a type.
     *
     * @param type        the type
     * @param requirement assertions on it
     * @param <T>         the type
     * @return this
     */
    public <T extends PhoneEvent> PhoneEventAssert hasOne(Class<T> type, Consumer<T> requirement) {
        isNotNull();
        List<T> found = new ArrayList<>();
        for (PhoneEvent e : actual) {
            if (type.isInstance(e)) {
                found.add(type.cast(e));
            }
        }
        if (found.size() != 1) {
            failWithMessage("expected exactly one %s, found %s; events:%n%s", type.getSimpleName(), found.size(),
                    describe());
        }
        requirement.accept(found.get(0));
        return this;
    }

    private List<String> types() {
        return actual.stream().map(PhoneEvent::type).toList();
    }

    private String describe() {
        StringBuilder sb = new StringBuilder();
        for (PhoneEvent e : actual) {
            sb.append("  ").append(dev.softphone.PhoneEventJson.toJson(e)).append('\n');
        }
        return sb.toString();
    }
}
