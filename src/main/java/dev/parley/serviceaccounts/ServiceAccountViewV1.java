package dev.parley.serviceaccounts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A service account as the v1.1 API shows it: {@code {"_id","name"}}. */
public record ServiceAccountViewV1(@JsonProperty("_id") String id, String name) {

    public static ServiceAccountViewV1 of(ServiceAccount serviceAccount) {
        return new ServiceAccountViewV1(serviceAccount.id(), serviceAccount.displayName());
    }
}
