package io.brigade.platform.test.hostile;

import java.util.List;

/** What a field of a request body accepts, as far as needed to be sure a value is refused. */
public sealed interface Field {

    boolean required();

    /** An id: a UUID that names something. */
    record Id(boolean required) implements Field {
    }

    /** A whole number within {@code min..max}. */
    record Whole(boolean required, long min, long max) implements Field {
    }

    /** A decimal within {@code min..max} with at most {@code fractionDigits} digits after the point. */
    record Decimal(boolean required, long min, long max, int fractionDigits) implements Field {
    }

    /** One of a few names. */
    record Choice(boolean required, List<String> names) implements Field {
    }

    /** Text; {@code notBlank} when blank text is refused. */
    record Text(boolean required, boolean notBlank) implements Field {
    }

    record Flag(boolean required) implements Field {
    }

    /** A list of ids, at most {@code max} of them. */
    record Ids(boolean required, int max) implements Field {
    }
}
