package io.aftercare.domain.inbound;

/** Reads a raw RFC 5322 message (MIME) into what Aftercare keeps of it. */
public interface MessageParser {

    /** @throws UnreadableMessage when the bytes are not a message with a sender Aftercare can answer */
    InboundMessage parse(byte[] raw);
}
