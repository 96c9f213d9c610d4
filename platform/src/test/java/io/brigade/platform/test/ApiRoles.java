package io.brigade.platform.test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The role column of every endpoint in docs/api.md, transcribed once so each service's role test checks its own rows
 * against the same table. {@code ANY} means any authenticated role; ADMIN may call everything.
 */
public final class ApiRoles {

    public static final Set<String> ANY = Set.of("ADMIN", "MANAGER", "STAFF", "KITCHEN", "AUDITOR");
    public static final List<String> EVERY_ROLE = List.of("ADMIN", "MANAGER", "STAFF", "KITCHEN", "AUDITOR");

    public record Endpoint(String method, String path, Set<String> roles) {

        public boolean allows(String role) {
            return role.equals("ADMIN") || roles.contains(role);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    public static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/api/v1/auth/logout", ANY),
            new Endpoint("GET", "/api/v1/auth/profile", ANY),
            new Endpoint("POST", "/api/v1/auth/register", Set.of("ADMIN")),
            new Endpoint("GET", "/api/v1/auth/users", Set.of("ADMIN")),
            new Endpoint("PATCH", "/api/v1/auth/users/{id}", Set.of("ADMIN")),

            new Endpoint("POST", "/api/v1/orders", Set.of("STAFF", "MANAGER")),
            new Endpoint("POST", "/api/v1/orders/{id}/lines", Set.of("STAFF", "MANAGER")),
            new Endpoint("DELETE", "/api/v1/orders/{id}/lines/{lineId}", Set.of("STAFF", "MANAGER")),
            new Endpoint("POST", "/api/v1/orders/{id}/lines/{lineId}/void", Set.of("MANAGER")),
            new Endpoint("POST", "/api/v1/orders/{id}/send", Set.of("STAFF", "MANAGER")),
            new Endpoint("POST", "/api/v1/orders/{id}/serve", Set.of("STAFF", "MANAGER")),
            new Endpoint("POST", "/api/v1/orders/{id}/transfer", Set.of("STAFF", "MANAGER")),
            new Endpoint("POST", "/api/v1/orders/{id}/bill", Set.of("STAFF", "MANAGER")),
            new Endpoint("POST", "/api/v1/orders/{id}/cancel", Set.of("STAFF", "MANAGER")),

            new Endpoint("POST", "/api/v1/kitchen/tickets/{ticketId}/items/{lineId}/start", Set.of("KITCHEN")),
            new Endpoint("POST", "/api/v1/kitchen/tickets/{ticketId}/items/{lineId}/ready", Set.of("KITCHEN")),
            new Endpoint("POST", "/api/v1/kitchen/tickets/{ticketId}/bump", Set.of("KITCHEN")),
            new Endpoint("POST", "/api/v1/kitchen/tickets/{ticketId}/recall", Set.of("KITCHEN")));

    /** The public endpoints, which need no token at all. */
    public static final List<Endpoint> PUBLIC = List.of(
            new Endpoint("POST", "/api/v1/auth/login", Set.of()),
            new Endpoint("POST", "/api/v1/auth/refresh", Set.of()),
            new Endpoint("GET", "/api/v1/auth/.well-known/jwks.json", Set.of()));

    public static List<Endpoint> under(String prefix) {
        return ENDPOINTS.stream().filter(e -> e.path().startsWith(prefix)).toList();
    }

    /** Each GET endpoint answers 401 without a token, 200 to the roles it allows and a 403 problem to the others. */
    public static void assertEveryRoleReads(ApiClient anonymous, List<Endpoint> endpoints) {
        for (Endpoint endpoint : endpoints) {
            assertThat(anonymous.get(endpoint.path()).status()).as("no token: " + endpoint).isEqualTo(401);
            for (String role : EVERY_ROLE) {
                ApiClient.Response response = anonymous.as(role.toLowerCase(), role).get(endpoint.path());
                if (endpoint.allows(role)) {
                    assertThat(response.status()).as(role + " " + endpoint + ": " + response.raw()).isEqualTo(200);
                } else {
                    assertThat(response.status()).as(role + " " + endpoint).isEqualTo(403);
                    assertThat(response.contentType()).startsWith("application/problem+json");
                }
            }
        }
    }

    private ApiRoles() {
    }
}
