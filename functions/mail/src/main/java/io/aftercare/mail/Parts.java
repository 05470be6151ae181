package io.aftercare.mail;

import io.aftercare.domain.inbound.UnreadableMessage;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.field.ContentDispositionField;
import org.apache.james.mime4j.dom.field.ContentTypeField;

/** One MIME leaf read: its decoded bytes, its text in its charset, its file name and Content-ID. */
final class Parts {

    private static final int MAX_NAME = 255;
    /** What a sender's mail client does when it says nothing, or names a charset Java does not know. */
    private static final Charset FALLBACK = Charset.forName("windows-1252");

    private Parts() {
    }

    static byte[] bytes(SingleBody body) {
        try (var in = body.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UnreadableMessage("a part of the message cannot be decoded", e);
        }
    }

    static String text(Entity entity, SingleBody body) {
        return decode(bytes(body), entity.getCharset());
    }

    /** A text/plain part, with RFC 3676 format=flowed lines joined again. */
    static String plainText(Entity entity, SingleBody body) {
        var text = text(entity, body);
        if (entity.getHeader().getField("Content-Type") instanceof ContentTypeField type
                && "flowed".equalsIgnoreCase(type.getParameter("format"))) {
            return PlainText.unflow(text, "yes".equalsIgnoreCase(type.getParameter("delsp")));
        }
        return text;
    }

    /** The declared charset; UTF-8 when none is declared (or it is US-ASCII but the bytes are not) and they are UTF-8. */
    static String decode(byte[] bytes, String charsetName) {
        var declared = charset(charsetName);
        if (declared.isPresent() && !declared.get().equals(StandardCharsets.US_ASCII)) {
            return new String(bytes, declared.get());
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, FALLBACK);
        }
    }

    private static Optional<Charset> charset(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Charset.forName(name.strip().replace("\"", "")));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return Optional.empty();
        }
    }

    /**
     * The file name from Content-Disposition's {@code filename} or Content-Type's {@code name}: RFC 2231 ({@code
     * filename*=utf-8''...}, continuations) and encoded words decoded, without any directory, control characters
     * (see {@link Headers#text}) or excess length.
     */
    static Optional<String> fileName(Entity entity) {
        var header = entity.getHeader();
        var name = header.getField("Content-Disposition") instanceof ContentDispositionField disposition
                ? parameter(disposition.getParameters(), "filename") : Optional.<String>empty();
        if (name.isEmpty() && header.getField("Content-Type") instanceof ContentTypeField type) {
            name = parameter(type.getParameters(), "name");
        }
        return name.map(Headers::text).map(Parts::safeName).filter(n -> !n.isBlank());
    }

    private static Optional<String> parameter(Map<String, String> parameters, String name) {
        var extended = parameters.get(name + "*");
        if (extended != null) {
            return Optional.of(rfc2231(extended));
        }
        var pieces = new TreeMap<Integer, String>();
        var encoded = false;
        for (var entry : parameters.entrySet()) {
            var key = entry.getKey().toLowerCase(Locale.ROOT);
            if (key.startsWith(name + "*")) {
                var index = key.substring(name.length() + 1).replace("*", "");
                if (index.matches("\\d{1,3}")) {
                    pieces.put(Integer.parseInt(index), entry.getValue());
                    encoded |= key.endsWith("*") && index.equals("0");
                }
            }
        }
        if (!pieces.isEmpty()) {
            var joined = String.join("", pieces.values());
            return Optional.of(encoded ? rfc2231(joined) : joined);
        }
        return Optional.ofNullable(parameters.get(name));
    }

    /** {@code charset'language'percent-encoded}. */
    private static String rfc2231(String value) {
        var first = value.indexOf('\'');
        var second = first < 0 ? -1 : value.indexOf('\'', first + 1);
        if (second < 0) {
            return value;
        }
        var charset = charset(value.substring(0, first)).orElse(StandardCharsets.UTF_8);
        try {
            return URLDecoder.decode(value.substring(second + 1).replace("+", "%2B"), charset);
        } catch (IllegalArgumentException e) {
            return value.substring(second + 1);
        }
    }

    private static String safeName(String name) {
        var base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        var clean = base.strip();
        return clean.length() > MAX_NAME ? clean.substring(0, MAX_NAME) : clean;
    }

    static String defaultName(String mimeType) {
        var subtype = mimeType.substring(mimeType.indexOf('/') + 1);
        return "attachment." + (subtype.matches("[a-z0-9]{1,5}") ? subtype : "bin");
    }

    static Optional<String> contentId(Entity entity) {
        var field = entity.getHeader().getField("Content-ID");
        if (field == null) {
            return Optional.empty();
        }
        var ids = MimeMessageParser.ids(field.getBody());
        return ids.isEmpty() ? Optional.of(field.getBody().strip()).filter(s -> !s.isEmpty()) : Optional.of(ids.getFirst());
    }

    /** A detached PGP or S/MIME signature of a signed message: proof of the text, not a file the customer sent. */
    static boolean isSignatureBlob(String mimeType) {
        return mimeType.equals("application/pgp-signature") || mimeType.equals("application/pkcs7-signature")
                || mimeType.equals("application/x-pkcs7-signature");
    }
}
