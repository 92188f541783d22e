package dev.parley.health;

/**
 * One entry of {@code /health}'s {@code checks}: what a part of the server says of itself ({@code ok} when well).
 * Reported for monitoring to read; only the database decides the answer's status (see {@link HealthRoutes}).
 */
@FunctionalInterface
public interface HealthCheck {
    String status();
}
