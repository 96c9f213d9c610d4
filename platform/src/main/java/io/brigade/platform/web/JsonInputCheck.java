package io.brigade.platform.web;

import io.brigade.contracts.common.TextRules;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;

import java.io.IOException;

/**
 * Reads a request body once as a stream of JSON tokens before it is bound to a request type, and refuses what strict
 * JSON does not allow: a body that is not an object, a syntax error, a key given twice in one object, anything after the document, and text (keys
 * and values) that breaks {@link TextRules}. Checking tokens rather than bound fields covers every string a body can
 * carry, including enum names and ids that a deserializer would otherwise trim.
 */
final class JsonInputCheck {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonInputCheck() {
    }

    static void check(byte[] body) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            JsonToken token = parser.nextToken();
            if (token != null && token != JsonToken.START_OBJECT) {
                throw new InvalidJsonInput("body", "The request body must be a JSON object");
            }
            while (token != null) {
                if (token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING) {
                    String where = fieldOf(parser.getParsingContext());
                    String prefix = token == JsonToken.FIELD_NAME ? "has a key that " : "";
                    TextRules.problemWith(parser.getText()).ifPresent(problem -> {
                        throw new InvalidJsonInput(where, prefix + problem);
                    });
                }
                if (parser.getParsingContext().inRoot()) {
                    if (parser.nextToken() != null) {
                        throw new InvalidJsonInput("body", "Nothing may follow the JSON document");
                    }
                    return;
                }
                token = parser.nextToken();
            }
            throw new InvalidJsonInput("body", "The request body is empty");
        } catch (StreamReadException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.startsWith("Duplicate field")) {
                throw new InvalidJsonInput(fieldOf(e.getProcessor() == null
                        ? null : e.getProcessor().getParsingContext()), "is given twice");
            }
            throw new InvalidJsonInput("body", e instanceof JsonParseException
                    ? "The request body is not valid JSON (line %d, column %d)".formatted(
                    e.getLocation().getLineNr(), e.getLocation().getColumnNr())
                    : "The request body is not valid JSON");
        } catch (IOException e) {
            throw new InvalidJsonInput("body", "The request body is not valid JSON");
        }
    }

    /** {@code /lines/0/notes} as {@code lines[0].notes}, the way validation names fields. */
    static String fieldOf(JsonStreamContext context) {
        if (context == null) {
            return "body";
        }
        JsonPointer pointer = context.pathAsPointer();
        StringBuilder field = new StringBuilder();
        for (JsonPointer p = pointer; p != null && !p.matches(); p = p.tail()) {
            if (p.mayMatchElement()) {
                field.append('[').append(p.getMatchingIndex()).append(']');
            } else {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(p.getMatchingProperty());
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }
}
