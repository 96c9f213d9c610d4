package io.brigade.contracts.common;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What any text Brigade accepts may hold, in a body, a query or a path: no control characters other than tab, line
 * feed and carriage return (NUL included, which PostgreSQL cannot store in text), no lone UTF-16 surrogates (they are
 * not characters and cannot be encoded), and at most {@link #MAX_LENGTH} characters. Endpoints set tighter limits
 * per field; this one bounds every string nobody thought to bound.
 */
public final class TextRules {

    public static final int MAX_LENGTH = 2000;

    private TextRules() {
    }

    /** Why the text is refused, or empty when it may be accepted. */
    public static Optional<String> problemWith(String text) {
        if (text.length() > MAX_LENGTH) {
            return Optional.of("is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return Optional.of("holds a lone surrogate, which is not a character");
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of("holds a lone surrogate, which is not a character");
            }
            if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r') {
                return Optional.of("holds a control character (U+%04X), which is not allowed".formatted((int) c));
            }
        }
        return Optional.empty();
    }

    /** Whether every %XX escape of a path or query decodes, with the bytes around it, as UTF-8. */
    public static boolean isPercentEncodedUtf8(String query) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(query.length());
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%') {
                if (i + 2 >= query.length() || Character.digit(query.charAt(i + 1), 16) < 0
                        || Character.digit(query.charAt(i + 2), 16) < 0) {
                    return false;
                }
                bytes.write(Integer.parseInt(query, i + 1, i + 3, 16));
                i += 2;
            } else {
                bytes.write(c > 0x7f ? '?' : c);
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

}
