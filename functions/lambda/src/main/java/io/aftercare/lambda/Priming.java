package io.aftercare.lambda;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart priming, as AWS recommends for Java functions: before Lambda takes the snapshot, run the code the first
 * request will run (its classes loaded, its JIT warm), so a restored function does not pay for it. The hook touches no
 * shop's data. Outside SnapStart (the local runner, tests) no checkpoint is taken and the hook never runs.
 */
final class Priming implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);

    private final Runnable prime;

    private Priming(Runnable prime) {
        this.prime = prime;
    }

    /** Registered from a handler's static initializer; the handler class keeps it (the context may hold it weakly). */
    static Priming register(Runnable prime) {
        var priming = new Priming(prime);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try {
            prime.run();
        } catch (RuntimeException e) {
            // a snapshot without priming is slower, not wrong: never fail the deployment for it
            LOG.warn("priming failed, the snapshot is taken unprimed: {}", Failures.describe(e));
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to renew: the SDK opens new connections, and the clock is read per request
    }
}
