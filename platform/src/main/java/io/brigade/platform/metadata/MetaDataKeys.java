package io.brigade.platform.metadata;

/** Keys of the metadata every command and event carries: who did it, and which request it belongs to. */
public final class MetaDataKeys {

    public static final String USER_ID = "userId";
    public static final String USERNAME = "username";
    public static final String ROLE = "role";
    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";

    private MetaDataKeys() {
    }
}
