package dev.softphone;

import java.util.Map;
import java.util.Objects;

/**
 * What the agent must do by hand in the vendor's own window, for a verb the softphone cannot perform from code.
 *
 * <p>{@code key} is stable (for example {@code avaya-onex.transfer.consult}) so an application can show its own,
 * localized words; {@code text} is the plugin's default English text with {@code arguments} already filled in.
 *
 * @param key       stable message key for localization
 * @param text      default text to show the agent
 * @param arguments the values the text mentions (destination, reason, call id), for localized templates
 */
public record ManualInstruction(String key, String text, Map<String, String> arguments) {

    /** Validates and copies the components. */
    public ManualInstruction {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(text, "text");
        arguments = arguments == null ? Map.of() : Map.copyOf(arguments);
    }

    /**
     * @param key  stable message key
     * @param text default text
     * @return an instruction without arguments
     */
    public static ManualInstruction of(String key, String text) {
        return new ManualInstruction(key, text, Map.of());
    }
}
