package dev.parley.serviceaccounts;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** An API consumer with its own keys that reaches only the apps it created or was granted. */
public record ServiceAccount(String id, @JsonIgnore String accountId, String displayName) {
}
