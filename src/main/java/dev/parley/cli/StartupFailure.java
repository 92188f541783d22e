package dev.parley.cli;

/** One readable line for a failure at start: each cause's type and first message line, no stack trace. */
final class StartupFailure {
    private StartupFailure() {
    }

    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            String message = t.getMessage() == null ? "" : t.getMessage().strip().lines().findFirst().orElse("");
            text.append(t.getClass().getSimpleName()).append(message.isEmpty() ? "" : ": " + message);
        }
        return text.toString();
    }
}
