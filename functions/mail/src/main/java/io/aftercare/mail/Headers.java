package io.aftercare.mail;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/** Header text as people wrote it. */
final class Headers {

    private Headers() {
    }

    /**
     * A decoded header value, never null: encoded words decoded, raw UTF-8 (RFC 6532, which mime4j reads byte by
     * byte as Latin-1) read as UTF-8 when it is valid UTF-8, and no control characters (an encoded word can carry a
     * line break, which must not reach a header Aftercare writes, such as a reply's subject).
     */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        var decoded = rawUtf8(DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT));
        return decoded.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
    }

    private static String rawUtf8(String value) {
        if (value.chars().noneMatch(c -> c >= 0x80) || value.chars().anyMatch(c -> c > 0xff)) {
            return value;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException e) {
            return value; // Latin-1 it is
        }
    }
}
