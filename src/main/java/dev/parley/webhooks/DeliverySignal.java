package dev.parley.webhooks;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Tells this server's dispatcher that deliveries may be due: queued by this server, or behind an attempt that ended. */
public final class DeliverySignal implements Runnable {
    private final Semaphore signals = new Semaphore(0);

    /** Signals; signals not yet awaited count as one. */
    @Override
    public void run() {
        if (signals.availablePermits() == 0) {
            signals.release();
        }
    }

    /** Waits for a signal, at most {@code timeout}. */
    void await(Duration timeout) throws InterruptedException {
        signals.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
        signals.drainPermits();
    }
}
