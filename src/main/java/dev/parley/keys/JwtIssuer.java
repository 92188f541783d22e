package dev.parley.keys;

import dev.parley.auth.ApiKey;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;

/** Signs a JWT with a key, as the v1.1 {@code /jwt} endpoints hand out: HS256, {@code kid}, the key kind's scope. */
public final class JwtIssuer {

    public String sign(ApiKey key) {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).keyID(key.id()).build(),
                new JWTClaimsSet.Builder().claim("scope", key.kind().jwtScope()).build());
        try {
            jwt.sign(new MACSigner(key.secret().getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException("a key secret could not sign a token", e);
        }
        return jwt.serialize();
    }
}
