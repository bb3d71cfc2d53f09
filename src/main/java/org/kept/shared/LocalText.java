package org.kept.shared;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Text the centre writes for people to read later (a timeline entry, a notification), stored as a message key and its
 * arguments and rendered in each reader's language: one language per reader, never "加急 Expedite" for everyone.
 * An argument is plain text (a number, a time already in the centre's zone, a reason someone typed) or another
 * {@code LocalText} (a clock's name). Stored text without the marker is shown as it was written, so rows from before
 * stay readable.
 */
public record LocalText(String key, List<Object> args) {

    /** First character of a stored LocalText; a control character nobody types. */
    static final char MARK = '\u001E';
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    public LocalText {
        args = List.copyOf(args);
        for (Object a : args) {
            if (!(a instanceof String || a instanceof LocalText || a instanceof Instant)) {
                throw new IllegalArgumentException("a LocalText argument is a String, an Instant or a LocalText: " + a);
            }
        }
    }

    /** Arguments other than text or LocalText (numbers) are stored as their text. */
    public static LocalText of(String key, Object... args) {
        return new LocalText(key, Arrays.stream(args)
                .map(a -> a instanceof LocalText || a instanceof Instant ? a : a == null ? "" : a.toString()).toList());
    }

    /** The same text with every typed argument cut to {@code max} characters (for a column of bounded size). */
    public LocalText cut(int max) {
        return new LocalText(key, args.stream().map(a -> a instanceof LocalText t ? t.cut(max) : a instanceof Instant ? a
                : ((String) a).length() > max && ((String) a).charAt(0) != MARK ? Masking.cut((String) a, max) : a).toList());
    }

    /** What goes into the stored column. */
    public String stored() {
        return MARK + JSON.writeValueAsString(node(this));
    }

    @Override
    public String toString() {
        return stored();
    }

    /**
     * The stored text in the reader's language, its instants as wall-clock time in {@code zone} (the centre's);
     * text stored before (no marker) as it was written.
     */
    public static String render(String stored, MessageSource messages, Locale locale, ZoneId zone) {
        if (stored == null || stored.isEmpty() || stored.charAt(0) != MARK) {
            return stored;
        }
        try {
            return render(JSON.readTree(stored.substring(1)), messages, locale, zone);
        } catch (RuntimeException unreadable) {
            return stored.substring(1);
        }
    }

    private static String render(JsonNode node, MessageSource messages, Locale locale, ZoneId zone) {
        List<Object> args = new ArrayList<>();
        JsonNode a = node.get("a");
        if (a != null) {
            for (JsonNode arg : a.values()) {
                if (arg.isObject() && arg.get("i") != null) {
                    args.add(SHOWN.format(Instant.parse(arg.get("i").asString()).atZone(zone)));
                } else if (arg.isObject()) {
                    args.add(render(arg, messages, locale, zone));
                } else {
                    // a stored LocalText passed on as plain text (an escalation's reason) is rendered as well
                    args.add(render(arg.asString(), messages, locale, zone));
                }
            }
        }
        String key = node.get("k").asString();
        return messages.getMessage(key, args.toArray(), key, locale);
    }

    private static ObjectNode node(LocalText text) {
        ObjectNode n = JSON.createObjectNode();
        n.put("k", text.key());
        ArrayNode args = n.putArray("a");
        for (Object arg : text.args()) {
            if (arg instanceof LocalText nested) {
                args.add(node(nested));
            } else if (arg instanceof Instant at) {
                args.addObject().put("i", at.toString());
            } else {
                args.add((String) arg);
            }
        }
        return n;
    }
}
