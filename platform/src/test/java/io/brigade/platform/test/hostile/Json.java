package io.brigade.platform.test.hostile;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes JSON text by hand, so a test can send what a JSON library would refuse to write: lone surrogates and
 * control characters (escaped, as a hostile client would), keys given twice, numbers of any form.
 */
public final class Json {

    /** A piece of JSON text written as it is, such as {@code 1.5} or {@code 1e30}. */
    public record Raw(String text) {
    }

    private Json() {
    }

    public static String write(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Raw raw) {
            return raw.text();
        }
        if (value instanceof String text) {
            return quote(text);
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> quote(String.valueOf(e.getKey())) + ":" + write(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Json::write).collect(Collectors.joining(",", "[", "]"));
        }
        return String.valueOf(value);
    }

    public static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
