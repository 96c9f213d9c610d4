package io.brigade.platform.test.hostile;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Hostile requests made from requests the API accepts by breaking exactly one thing: the body's syntax or shape, one
 * field's type, range or text, the id in the path, the content type, the method, or the size. Every one of them must
 * be refused.
 */
public final class HostileRequests {

    public static final String JSON = "application/json";
    private static final String A_UUID = "6f1c1c1e-7d4b-4a55-9a3b-0c1f2e3d4a5b";
    private static final String NIL = "00000000-0000-0000-0000-000000000000";

    private HostileRequests() {
    }

    public static Arbitrary<HostileRequest> against(List<Endpoint> endpoints) {
        return Arbitraries.of(endpoints).flatMap(endpoint -> Arbitraries.oneOf(breakings(endpoint, endpoints)));
    }

    private static List<Arbitrary<HostileRequest>> breakings(Endpoint e, List<Endpoint> endpoints) {
        List<Arbitrary<HostileRequest>> all = new ArrayList<>();
        String valid = e.hasBody() ? Json.write(e.body()) : null;
        String type = e.hasBody() ? JSON : null;
        if (e.path().matches(".*/[0-9a-f-]{36}.*")) {
            all.add(Arbitraries.of(badIdsInPath()).map(id -> new HostileRequest("id in path " + id, e.method(),
                    replaceLastId(e.path(), id), e.token(), type, valid)));
        }
        if (e.path().contains("?")) {
            all.add(Arbitraries.of(badQueryValues()).map(value -> new HostileRequest("query value " + value,
                    e.method(), e.path().replaceFirst("=[^&]*", "=" + value), e.token(), type, valid)));
        }
        all.add(Arbitraries.of(methodsNotAnswered(e, endpoints)).map(method -> new HostileRequest("method " + method,
                method, e.path(), e.token(), type, valid)));
        if (!e.hasBody()) {
            return all;
        }
        all.add(Arbitraries.of(
                body(e, "syntax error", valid.substring(0, valid.length() - 1)),
                body(e, "trailing garbage", valid + " garbage"),
                body(e, "two documents", valid + valid),
                body(e, "an array", "[" + valid + "]"),
                body(e, "a string", Json.quote(valid)),
                body(e, "a number", "42"),
                body(e, "null", "null"),
                body(e, "unknown field", "{\"sneaky\":true," + valid.substring(1)),
                body(e, "single quotes", valid.replace('"', '\'')),
                body(e, "comment", "/* hi */" + valid),
                new HostileRequest("text/plain", e.method(), e.path(), e.token(), "text/plain", valid),
                new HostileRequest("form", e.method(), e.path(), e.token(), "application/x-www-form-urlencoded",
                        "a=b"),
                new HostileRequest("xml", e.method(), e.path(), e.token(), "application/xml", "<a/>")));
        all.add(Arbitraries.integers().between(65, 300).map(kb -> body(e, kb + " KB body",
                "{\"padding\":\"" + "x".repeat(kb * 1024) + "\"," + valid.substring(1))));
        e.fields().forEach((name, field) -> all.add(fieldBreakings(e, name, field)));
        return all;
    }

    private static Arbitrary<HostileRequest> fieldBreakings(Endpoint e, String name, Field field) {
        List<Arbitrary<Object>> values = new ArrayList<>();
        values.add(Arbitraries.<Object>of(raw("{}"), raw("[[]]")));
        if (field.required()) {
            values.add(Arbitraries.<Object>of(raw("null")));
        }
        values.add(wrongValuesFor(field));
        List<Arbitrary<HostileRequest>> broken = new ArrayList<>();
        broken.add(Arbitraries.oneOf(values).map(value -> {
            Map<String, Object> body = new LinkedHashMap<>(e.body());
            body.put(name, value);
            return body(e, name + " = " + Json.write(value), Json.write(body));
        }));
        if (e.body().containsKey(name)) {
            broken.add(Arbitraries.just(body(e, name + " given twice", "{" + Json.quote(name) + ":"
                    + Json.write(e.body().get(name)) + "," + Json.write(e.body()).substring(1))));
        }
        if (field.required()) {
            broken.add(Arbitraries.just(body(e, name + " missing", Json.write(without(e.body(), name)))));
        }
        return Arbitraries.oneOf(broken);
    }

    private static Arbitrary<Object> wrongValuesFor(Field field) {
        if (field instanceof Field.Id) {
            return Arbitraries.of("not-a-uuid", NIL, A_UUID + "\u0000", "{" + A_UUID + "}", "1-1-1-1-1",
                    A_UUID.substring(1), "", raw("12345"), raw("true"));
        }
        if (field instanceof Field.Whole whole) {
            return Arbitraries.oneOf(
                    Arbitraries.<Object>of(raw((whole.min() + 1) + ".5"), raw(whole.min() + "e-1"), "" + whole.min(),
                            raw("true"), raw("1e30"), raw("99999999999999999999999")),
                    Arbitraries.longs().between(Long.MIN_VALUE / 2, whole.min() - 1)
                            .map(n -> (Object) raw(Long.toString(n))),
                    Arbitraries.longs().between(whole.max() + 1, Long.MAX_VALUE / 2)
                            .map(n -> (Object) raw(Long.toString(n))));
        }
        if (field instanceof Field.Decimal decimal) {
            return Arbitraries.of(raw(String.valueOf(decimal.min() - 1)), raw(decimal.max() + "1"),
                    raw("1." + "1".repeat(decimal.fractionDigits() + 1)), "1", raw("false"), raw("1e400"));
        }
        if (field instanceof Field.Choice choice) {
            String first = choice.names().get(0);
            return Arbitraries.of("NOT_ONE_OF_THEM", raw("0"), raw("1"), first + "\u0000", first.toLowerCase(),
                    " " + first, first + "\u200b", "");
        }
        if (field instanceof Field.Text text) {
            Arbitrary<Object> unreadable = Arbitraries.of("\ud800", "x\udfffy", "\udc00", "a".repeat(2001),
                    raw("42"), raw("true"));
            return text.notBlank()
                    ? Arbitraries.oneOf(controlCharacterIn("a note"), unreadable, Arbitraries.of("", "   ", "\t\n"))
                    : Arbitraries.oneOf(controlCharacterIn("a note"), unreadable);
        }
        if (field instanceof Field.Flag) {
            return Arbitraries.of("true", raw("1"), "yes");
        }
        Field.Ids ids = (Field.Ids) field;
        return Arbitraries.of(A_UUID, Collections.singletonList(null), List.of("not-a-uuid"), List.of(NIL),
                Collections.nCopies(ids.max() + 1, A_UUID), List.of(A_UUID + "\u0001"));
    }

    private static Json.Raw raw(String text) {
        return new Json.Raw(text);
    }

    /** Methods no endpoint at this path answers; GET is left out, since reads of a path change nothing. */
    private static List<String> methodsNotAnswered(Endpoint e, List<Endpoint> endpoints) {
        List<String> methods = new ArrayList<>(List.of("POST", "PUT", "PATCH", "DELETE", "TRACE", "BREW"));
        endpoints.stream().filter(other -> other.path().equals(e.path())).forEach(other -> methods.remove(other.method()));
        return methods;
    }

    private static Arbitrary<Object> controlCharacterIn(String text) {
        Arbitrary<Character> controls = Arbitraries.oneOf(
                Arbitraries.chars().range('\u0000', '\u001f').filter(c -> c != '\t' && c != '\n' && c != '\r'),
                Arbitraries.chars().range('\u007f', '\u009f'));
        return Combinators.combine(controls, Arbitraries.integers().between(0, text.length()))
                .as((c, at) -> (Object) (text.substring(0, at) + c + text.substring(at)));
    }

    private static Map<String, Object> without(Map<String, Object> body, String name) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.remove(name);
        return copy;
    }

    private static HostileRequest body(Endpoint e, String broken, String body) {
        return new HostileRequest(broken, e.method(), e.path(), e.token(), JSON, body);
    }

    private static List<String> badQueryValues() {
        return List.of("%00", "a%01b", "%ff", "%c3%28", "a".repeat(2001), "%ed%a0%80");
    }

    private static List<String> badIdsInPath() {
        return List.of("not-a-uuid", "%00", A_UUID + "%00", "%ff%fe", "..", "%2e%2e", "%2f", A_UUID + ";x=1",
                "x".repeat(300), A_UUID.toUpperCase() + "Z", "%20" + A_UUID, UUID.randomUUID().toString());
    }

    private static String replaceLastId(String path, String id) {
        int query = path.indexOf('?');
        String plain = query < 0 ? path : path.substring(0, query);
        int at = plain.lastIndexOf('/');
        while (at >= 0 && !plain.substring(at + 1).matches("[0-9a-f-]{36}.*")) {
            at = plain.lastIndexOf('/', at - 1);
        }
        int end = plain.indexOf('/', at + 1);
        return plain.substring(0, at + 1) + id + (end < 0 ? "" : plain.substring(end));
    }
}
