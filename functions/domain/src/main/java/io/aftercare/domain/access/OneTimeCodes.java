package io.aftercare.domain.access;

/** Port: the RFC 6238 code of a secret for one 30-second time step (a library's, not ours). */
public interface OneTimeCodes {

    String code(byte[] secret, long step);
}
