package dev.parley.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.parley.crypto.ConstantTime;
import dev.parley.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;

/**
 * Turns an Authorization header into a principal: Basic (key id and secret) or a Bearer JWT signed with HS256 by
 * the key named in its {@code kid} header, carrying the scope of that key's kind. Anything else is a 401.
 */
public final class Authenticator {
    private static final String INVALID = "Invalid credentials";

    private final KeyLookup keys;
    private final Clock clock;
    /**
     * A token whose signature and scope were checked once need not be parsed and checked again: clients send the
     * same token for many requests. Only tokens that passed are kept; the key is still looked up, and the token's
     * times checked, on every request. Keyed by the whole token, so a hit is a byte-for-byte identical token.
     * Bounded by the tokens' total length (a token may carry any claims, up to the header limit), not their count.
     */
    private final Cache<String, VerifiedToken> verifiedTokens = Caffeine.newBuilder()
            .maximumWeight(4_000_000)
            .<String, VerifiedToken>weigher((token, verified) -> token.length())
            .expireAfterWrite(Duration.ofMinutes(10))
            .build();

    public Authenticator(KeyLookup keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    public Principal authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiException.unauthorized("Authorization is required");
        }
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? authorization : authorization.substring(0, space);
        String credentials = space < 0 ? "" : authorization.substring(space + 1).strip();
        if (scheme.equalsIgnoreCase("Basic")) {
            return basic(credentials);
        }
        if (scheme.equalsIgnoreCase("Bearer")) {
            return bearer(credentials);
        }
        throw ApiException.unauthorized("Authorization must use the Basic or Bearer scheme");
    }

    private Principal basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.unauthorized(INVALID);
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw ApiException.unauthorized(INVALID);
        }
        ApiKey key = knownKey(decoded.substring(0, colon));
        if (!ConstantTime.equals(key.secret(), decoded.substring(colon + 1))) {
            throw ApiException.unauthorized(INVALID);
        }
        return Principal.of(key);
    }

    private Principal bearer(String token) {
        VerifiedToken verified = verifiedTokens.getIfPresent(token);
        if (verified == null) {
            return Principal.of(verifyAndKeep(token));
        }
        // The key is looked up on every request, the token's checks kept or not: a deleted key is refused at once.
        ApiKey key = knownKey(verified.keyId());
        verified.checkTime(clock.instant());
        return Principal.of(key);
    }

    /** Checks a token not seen before and, when it passes, keeps what it says; returns the key that signed it. */
    private ApiKey verifyAndKeep(String token) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException | RuntimeException e) {
            // Unsigned ("alg":"none") and encrypted tokens do not parse as signed ones.
            throw ApiException.unauthorized(INVALID);
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            throw ApiException.unauthorized("Only HS256 signed tokens are accepted");
        }
        ApiKey key = knownKey(jwt.getHeader().getKeyID());
        try {
            if (!jwt.verify(new MACVerifier(key.secret().getBytes(StandardCharsets.UTF_8)))) {
                throw ApiException.unauthorized(INVALID);
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!key.kind().jwtScope().equals(claims.getClaim("scope"))) {
                throw ApiException.unauthorized("The token's scope must be '" + key.kind().jwtScope()
                        + "' for this key");
            }
            VerifiedToken verified = new VerifiedToken(key.id(), instant(claims.getNotBeforeTime()),
                    instant(claims.getExpirationTime()));
            verified.checkTime(clock.instant());
            verifiedTokens.put(token, verified);
            return key;
        } catch (JOSEException | ParseException e) {
            throw ApiException.unauthorized(INVALID);
        }
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private ApiKey knownKey(String keyId) {
        if (KeyKind.ofKeyId(keyId) == null) {
            throw ApiException.unauthorized(INVALID);
        }
        Optional<ApiKey> key = keys.find(keyId);
        return key.orElseThrow(() -> ApiException.unauthorized(INVALID));
    }

    /** What a checked token says: the key that signed it and when it may be used. */
    private record VerifiedToken(String keyId, Instant notBefore, Instant expiresAt) {
        void checkTime(Instant now) {
            if (expiresAt != null && !expiresAt.isAfter(now)) {
                throw ApiException.unauthorized("The token has expired");
            }
            if (notBefore != null && notBefore.isAfter(now)) {
                throw ApiException.unauthorized("The token is not valid yet");
            }
        }
    }
}
