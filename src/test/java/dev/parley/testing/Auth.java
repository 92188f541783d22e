package dev.parley.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;

/** Authorization header values for tests. */
public record Auth(String header) {
    public static final Auth NONE = new Auth(null);

    public static Auth basic(String user, String password) {
        return new Auth("Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** Basic auth with the key a creation answered with ({@code key.id} and {@code key.secret}). */
    public static Auth basicOfCreatedKey(Response created) {
        return basic(created.at("/key/id"), created.at("/key/secret"));
    }

    public static Auth bearer(String token) {
        return new Auth("Bearer " + token);
    }

    /** A bearer JWT signed with HS256 by the key, with the given scope and no expiry. */
    public static Auth jwt(String keyId, String secret, String scope) {
        return bearer(signedJwt(JWSAlgorithm.HS256, keyId, secret, new JWTClaimsSet.Builder().claim("scope", scope).build()));
    }

    public static String signedJwt(JWSAlgorithm algorithm, String keyId, String secret, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(keyId)
                    .type(com.nimbusds.jose.JOSEObjectType.JWT).build(), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    public static JWTClaimsSet scopeExpiringAt(String scope, Date expiry) {
        return new JWTClaimsSet.Builder().claim("scope", scope).expirationTime(expiry).build();
    }
}
