package io.brigade.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.IgnoredPropertyException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Says in the client's words what is wrong with a body that could not be bound: which field and why, never a Java
 * type or class name.
 */
public final class JsonProblems {

    private static final Set<Class<?>> WHOLE_NUMBERS = Set.of(int.class, Integer.class, long.class, Long.class,
            short.class, Short.class, BigInteger.class);

    private JsonProblems() {
    }

    /** {@code {field, message}} for a refused body, or null when the cause is not one Brigade describes. */
    public static Map<String, String> describe(Throwable cause) {
        if (cause instanceof InvalidJsonInput invalid) {
            return Map.of("field", invalid.field(), "message", invalid.getMessage());
        }
        if (!(cause instanceof JsonProcessingException)) {
            return null;
        }
        if (!(cause instanceof JsonMappingException mapping)) {
            return Map.of("field", "body", "message", "The request body is not valid JSON");
        }
        String field = field(mapping);
        return Map.of("field", field, "message", message(mapping));
    }

    private static String message(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException || e instanceof IgnoredPropertyException) {
            return "is not a field of this request";
        }
        if (e instanceof InvalidNullException) {
            return "must not be null";
        }
        if (e instanceof ValueInstantiationException) {
            return "is not a valid value";
        }
        Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        if (target == null) {
            return "is not a valid value";
        }
        if (target.isEnum()) {
            return "must be one of " + Arrays.stream(target.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (WHOLE_NUMBERS.contains(target)) {
            return e instanceof InvalidFormatException f && f.getValue() instanceof String
                    ? "must be a whole number, not text" : "must be a whole number within range";
        }
        if (target == UUID.class) {
            return "must be a UUID (8-4-4-4-12 hexadecimal digits) other than the nil UUID";
        }
        if (target == String.class) {
            return "must be text";
        }
        if (target == boolean.class || target == Boolean.class) {
            return "must be true or false";
        }
        if (target.isRecord() || java.util.Collection.class.isAssignableFrom(target) || target.isArray()
                || Map.class.isAssignableFrom(target)) {
            return java.util.Collection.class.isAssignableFrom(target) || target.isArray()
                    ? "must be a list" : "must be an object";
        }
        return "is not a valid value";
    }

    private static String field(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }
}
