package dev.parley.accounts;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A person who signs in to the dashboard for an account; the API shows {@code {"id","email"}}. */
public record AccountOwner(String id, @JsonIgnore String accountId, String email) {
}
