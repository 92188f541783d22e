package dev.parley.webhooks;

import java.util.Arrays;
import java.util.Optional;

/** Where a delivery stands, as stored and as the delivery log shows it. */
public enum DeliveryStatus {
    /** Not yet delivered: due, waiting for its next attempt, or in flight. */
    PENDING("pending"),
    /** The target answered 2xx. */
    DELIVERED("delivered"),
    /** Given up on: a final answer, or failures until the retry period ended. */
    FAILED("failed");

    private final String value;

    DeliveryStatus(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    static Optional<DeliveryStatus> of(String value) {
        return Arrays.stream(values()).filter(status -> status.value.equals(value)).findFirst();
    }
}
