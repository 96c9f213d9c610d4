package io.brigade.platform.security;

import java.util.Set;

/** The roles of docs/api.md. ADMIN may do everything; the others do not include each other. */
public final class Roles {

    public static final String ADMIN = "ADMIN";
    public static final String MANAGER = "MANAGER";
    public static final String STAFF = "STAFF";
    public static final String KITCHEN = "KITCHEN";
    public static final String AUDITOR = "AUDITOR";

    public static final Set<String> ALL = Set.of(ADMIN, MANAGER, STAFF, KITCHEN, AUDITOR);

    private Roles() {
    }
}
