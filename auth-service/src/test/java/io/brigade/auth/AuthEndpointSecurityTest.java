package io.brigade.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.brigade.auth.token.SigningKeys;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.ApiRoles;
import io.brigade.platform.test.TamperedTokens;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class AuthEndpointSecurityTest extends AuthServiceTestBase {

    @Autowired
    SigningKeys keys;

    /** How to call each Auth endpoint of docs/api.md so that it succeeds for a role that may call it. */
    private Map<String, Function<ApiClient, ApiClient.Response>> successfulCalls(String role) {
        Map<String, Function<ApiClient, ApiClient.Response>> calls = new HashMap<>();
        calls.put("POST /api/v1/auth/logout", client -> client.post("/api/v1/auth/logout",
                Map.of("refreshToken", "any-token-of-mine")));
        calls.put("GET /api/v1/auth/profile", client -> client.get("/api/v1/auth/profile"));
        calls.put("POST /api/v1/auth/register", client -> client.post("/api/v1/auth/register",
                Map.of("username", "new-" + java.util.UUID.randomUUID().toString().substring(0, 8),
                        "password", PASSWORD, "fullName", "Newcomer", "role", "STAFF")));
        calls.put("GET /api/v1/auth/users", client -> client.get("/api/v1/auth/users"));
        String someone = userId(newUser("AUDITOR"));
        calls.put("PATCH /api/v1/auth/users/{id}", client -> client.patch("/api/v1/auth/users/" + someone,
                Map.of("fullName", "Renamed by " + role)));
        return calls;
    }

    @TestFactory
    Stream<DynamicTest> everyRoleGetsExactlyWhatApiMdAllowsOnTheAuthEndpoints() {
        return ApiRoles.EVERY_ROLE.stream().flatMap(role -> {
            ApiClient caller = role.equals("ADMIN") ? admin : signedIn(newUser(role));
            var calls = successfulCalls(role);
            return ApiRoles.under("/api/v1/auth").stream().map(endpoint -> DynamicTest.dynamicTest(
                    role + " " + endpoint, () -> {
                        var response = calls.get(endpoint.toString()).apply(caller);
                        if (endpoint.allows(role)) {
                            assertThat(response.status()).as(response.raw()).isBetween(200, 299);
                        } else {
                            assertThat(response.status()).as(response.raw()).isEqualTo(403);
                        }
                    }));
        });
    }

    @TestFactory
    Stream<DynamicTest> withoutATokenEveryNonPublicAuthEndpointIs401() {
        var calls = successfulCalls("nobody");
        return ApiRoles.under("/api/v1/auth").stream().map(endpoint -> DynamicTest.dynamicTest(endpoint.toString(),
                () -> assertThat(calls.get(endpoint.toString()).apply(api).status()).isEqualTo(401)));
    }

    @Test
    void loginRefreshAndJwksArePublic() {
        assertThat(api.get("/api/v1/auth/.well-known/jwks.json").status()).isEqualTo(200);
        assertThat(login(ADMIN, ADMIN_PASSWORD).status()).isEqualTo(200);
        assertThat(refresh(login(ADMIN, ADMIN_PASSWORD).text("refreshToken")).status()).isEqualTo(200);
    }

    @TestFactory
    Stream<DynamicTest> forgedAndBrokenTokensAreRefused() throws Exception {
        String manager = newUser("MANAGER");
        JWTClaimsSet valid = SignedJWT.parse(login(manager, PASSWORD).text("accessToken")).getJWTClaimsSet();
        RSAKey signer = keys.signer();
        return TamperedTokens.around(valid, signer.toPrivateKey(), signer.getKeyID(), signer.toRSAPublicKey())
                .entrySet().stream().map(forged -> DynamicTest.dynamicTest(forged.getKey(), () -> {
                    var response = api.withBearer(forged.getValue()).get("/api/v1/auth/profile");
                    assertThat(response.status()).isEqualTo(401);
                    assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
                }));
    }

    @Test
    void tokensSignedByTheTestKeyOfOtherServicesAreNotTrustedHere() {
        assertThat(api.as("mallory", "ADMIN").get("/api/v1/auth/users").status()).isEqualTo(401);
    }

    @Test
    void theJwksPublishesOnlyPublicRs256Keys() throws Exception {
        JWKSet published = JWKSet.parse(api.get("/api/v1/auth/.well-known/jwks.json").raw());

        assertThat(published.getKeys()).isNotEmpty().allSatisfy(key -> {
            assertThat(key.isPrivate()).isFalse();
            assertThat(key.getAlgorithm().getName()).isEqualTo("RS256");
            assertThat(key.getKeyID()).isNotBlank();
        });
        assertThat(api.get("/api/v1/auth/.well-known/jwks.json").raw()).doesNotContain("\"d\"", "\"p\"", "\"q\"");
    }

    @Test
    void afterARotationTokensOfTheOldKeyStayValidUntilTheyExpire_thenTheOldKeyLeavesTheJwks() throws Exception {
        String auditor = newUser("AUDITOR");
        String before = login(auditor, PASSWORD).text("accessToken");
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();

        String newKid = keys.rotate();
        String after = login(auditor, PASSWORD).text("accessToken");

        assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(newKid).isNotEqualTo(oldKid);
        assertThat(kids()).contains(oldKid, newKid);
        assertThat(api.withBearer(before).get("/api/v1/auth/profile").status()).isEqualTo(200);
        assertThat(api.withBearer(after).get("/api/v1/auth/profile").status()).isEqualTo(200);

        jdbc.update("update signing_key set retired_at = now() - interval '17 minutes' where kid = ?", oldKid);
        keys.publishedAfterReload();

        assertThat(kids()).contains(newKid).doesNotContain(oldKid);
        assertThat(api.withBearer(before).get("/api/v1/auth/profile").status()).isEqualTo(401);
    }

    @Test
    void privateKeysAreSealedInTheDatabase() throws Exception {
        byte[] stored = jdbc.queryForObject("select private_key from signing_key order by created_at desc limit 1",
                byte[].class);
        assertThat(stored).isNotEqualTo(keys.signer().toPrivateKey().getEncoded());
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("RSA");
    }

    private java.util.List<String> kids() throws Exception {
        return JWKSet.parse(api.get("/api/v1/auth/.well-known/jwks.json").raw()).getKeys().stream()
                .map(com.nimbusds.jose.jwk.JWK::getKeyID).toList();
    }
}
