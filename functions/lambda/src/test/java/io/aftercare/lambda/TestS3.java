package io.aftercare.lambda;

import io.aftercare.devkit.LocalS3;

/** One embedded S3-compatible server per test JVM, holding the inbound bucket; closed when the JVM ends. */
final class TestS3 {

    static final String BUCKET = "aftercare-test-inbound";

    private TestS3() {
    }

    private static final class Holder {
        private static final LocalS3 SERVER = LocalS3.start(BUCKET);

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(SERVER::close));
        }
    }

    static LocalS3 server() {
        return Holder.SERVER;
    }
}
