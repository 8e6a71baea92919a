package org.skypatrol.gateway.broadcast;

import java.util.List;
import java.util.Optional;

import org.skypatrol.gateway.config.BroadcastConfig;

/**
 * The configured enforcement policies: which one applies to a behaviour in a zone (an exact zone
 * match wins over {@code *}), and the message it says in the configured language(s).
 */
final class PolicyBook {

    private final List<BroadcastConfig.Policy> policies;
    private final String language;

    PolicyBook(List<BroadcastConfig.Policy> policies, String language) {
        this.policies = List.copyOf(policies);
        this.language = language;
    }

    Optional<BroadcastConfig.Policy> find(String behaviour, String zoneId) {
        BroadcastConfig.Policy wildcard = null;
        for (BroadcastConfig.Policy p : policies) {
            if (!p.behaviour().equals(behaviour)) {
                continue;
            }
            if (zoneId != null && p.zone().equals(zoneId)) {
                return Optional.of(p);
            }
            if (p.zone().equals("*") && wildcard == null) {
                wildcard = p;
            }
        }
        return Optional.ofNullable(wildcard);
    }

    /** The text to speak: Chinese, English, or both (Chinese first); {zone} becomes the zone id. */
    String render(BroadcastConfig.Policy p, String zoneId) {
        String zh = blankToNull(p.zh());
        String en = blankToNull(p.en());
        String text = switch (language) {
            case "zh" -> zh != null ? zh : en;
            case "en" -> en != null ? en : zh;
            default -> zh == null ? en : en == null ? zh : zh + " " + en;
        };
        return text.replace("{zone}", zoneId == null ? "" : zoneId);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
