package io.aftercare.mail;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.inbound.InboundMessage;
import io.aftercare.domain.inbound.MessageParser;
import io.aftercare.domain.inbound.UnreadableMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;

/**
 * Reads received mail with Apache James mime4j: the sender, the thread ids, the text (plain, or HTML made plain when
 * it is the only or the richer alternative) with its new part apart from the history and signature, the attachments
 * (not the images of a signature or of the quoted history), and whether a machine wrote it. Work is bounded: a message
 * larger than {@code maxBytes} or with more than {@code maxParts} MIME parts is unreadable, before anything is decoded.
 */
public final class MimeMessageParser implements MessageParser {

    /** SES receives messages of up to 40 MB (headers included) into S3. */
    public static final int DEFAULT_MAX_BYTES = 40 * 1024 * 1024;
    public static final int DEFAULT_MAX_PARTS = 500;
    private static final Pattern ANGLE_ID = Pattern.compile("<([^<>\\s]+)>");
    private static final Pattern BARE_ID = Pattern.compile("[^<>\\s]+@[^<>\\s]+");

    private final int maxBytes;
    private final int maxParts;
    private final MimeConfig config;

    public MimeMessageParser() {
        this(DEFAULT_MAX_BYTES, DEFAULT_MAX_PARTS);
    }

    public MimeMessageParser(int maxBytes, int maxParts) {
        if (maxBytes <= 0 || maxParts <= 0) {
            throw new IllegalArgumentException("the limits must be positive");
        }
        this.maxBytes = maxBytes;
        this.maxParts = maxParts;
        // Lines and headers are bounded by the message's own size; long unwrapped HTML lines are common in real mail.
        this.config = MimeConfig.custom().setMaxLineLen(-1).setMaxHeaderLen(-1).setMaxHeaderCount(-1)
                .setMaxContentLen(maxBytes).build();
    }

    @Override
    public InboundMessage parse(byte[] raw) {
        if (raw == null || raw.length == 0) {
            throw new UnreadableMessage("the message is empty");
        }
        if (raw.length > maxBytes) {
            throw new UnreadableMessage("the message has " + raw.length + " bytes, more than the " + maxBytes + " read");
        }
        countParts(raw);
        var message = build(raw);
        try {
            return read(message);
        } finally {
            message.dispose();
        }
    }

    /**
     * Counts the parts (the message itself is one) on mime4j's token stream, which skips the bodies, so a message of
     * too many parts, or nested too deep, builds nothing.
     */
    private void countParts(byte[] raw) {
        var stream = new MimeTokenStream(config);
        stream.parse(new ByteArrayInputStream(raw));
        var parts = 0;
        try {
            for (var state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
                // a message/rfc822 inside another nests without a multipart: it counts as a part too
                var part = state == EntityState.T_START_BODYPART || state == EntityState.T_START_MESSAGE;
                if (part && ++parts > maxParts + 1) {
                    throw new UnreadableMessage("the message has more than " + maxParts + " MIME parts");
                }
            }
        } catch (IOException | MimeException e) {
            throw new UnreadableMessage("the message is not MIME: " + e.getMessage(), e);
        }
    }

    private Message build(byte[] raw) {
        var builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(config);
        try {
            return builder.parseMessage(new ByteArrayInputStream(raw));
        } catch (IOException | RuntimeException e) {
            throw new UnreadableMessage("the message is not MIME: " + e.getMessage(), e);
        }
    }

    private static InboundMessage read(Message message) {
        var sender = sender(message);
        var parts = new MessageParts();
        parts.walk(message);
        var full = parts.fullText();
        return new InboundMessage(
                Optional.ofNullable(message.getMessageId()).flatMap(id -> ids(id).stream().findFirst()),
                ids(headerValue(message, "In-Reply-To")), ids(headerValue(message, "References")),
                new EmailAddress(sender.getAddress()), Headers.text(sender.getName()), recipients(message),
                Headers.text(message.getSubject()), ReplyText.newText(full), full, parts.attachments(),
                AutoReplies.of(message.getHeader()), Optional.ofNullable(message.getDate()).map(java.util.Date::toInstant));
    }

    /** From, or Sender when From is missing or is no address: who Aftercare answers. */
    private static Mailbox sender(Message message) {
        var candidates = new ArrayList<Mailbox>();
        MailboxList from = message.getFrom();
        if (from != null) {
            candidates.addAll(from);
        }
        if (message.getSender() != null) {
            candidates.add(message.getSender());
        }
        return candidates.stream().filter(m -> m.getAddress() != null && EmailAddress.isValid(m.getAddress()))
                .findFirst().orElseThrow(() -> new UnreadableMessage("the message has no sender address"));
    }

    private static List<EmailAddress> recipients(Message message) {
        var to = message.getTo();
        if (to == null) {
            return List.of();
        }
        return to.flatten().stream().map(Mailbox::getAddress).filter(a -> a != null && EmailAddress.isValid(a))
                .map(EmailAddress::new).distinct().toList();
    }

    private static String headerValue(Message message, String name) {
        var field = message.getHeader().getField(name);
        return field == null ? "" : field.getBody();
    }

    /** Message ids without their angle brackets, in order, each once; a lone id without brackets is taken as it is. */
    static List<String> ids(String value) {
        var ids = new ArrayList<String>();
        var matcher = ANGLE_ID.matcher(value);
        while (matcher.find()) {
            if (!ids.contains(matcher.group(1))) {
                ids.add(matcher.group(1));
            }
        }
        var bare = value.strip();
        if (ids.isEmpty() && BARE_ID.matcher(bare).matches()) {
            ids.add(bare);
        }
        return List.copyOf(ids);
    }

    /** The text parts chosen for reading, and the files, gathered in one walk of the MIME tree. */
    private static final class MessageParts {
        private final List<String> texts = new ArrayList<>();
        private final List<String> htmlTexts = new ArrayList<>();
        private final List<Candidate> files = new ArrayList<>();

        private record Candidate(InboundMessage.Attachment attachment, Optional<String> contentId) {
        }

        void walk(Entity entity) {
            var body = entity.getBody();
            if (body instanceof Multipart multipart) {
                if ("alternative".equalsIgnoreCase(multipart.getSubType())) {
                    alternative(multipart);
                } else {
                    multipart.getBodyParts().forEach(this::walk);
                }
            } else if (body instanceof Message nested) {
                files.add(new Candidate(new InboundMessage.Attachment(Parts.fileName(entity).orElseGet(
                        () -> Headers.text(nested.getSubject()).isBlank() ? "message.eml" : Headers.text(nested.getSubject()) + ".eml"),
                        "message/rfc822", written(nested)), Optional.empty()));
            } else if (body instanceof SingleBody single) {
                leaf(entity, single);
            }
        }

        /** The plain alternative unless it is empty or a stub beside a richer HTML one; files of every alternative kept. */
        private void alternative(Multipart multipart) {
            MessageParts best = null;
            for (var part : multipart.getBodyParts()) {
                var option = new MessageParts();
                option.walk(part);
                htmlTexts.addAll(option.htmlTexts);
                files.addAll(option.files);
                if (!option.texts.isEmpty() && (best == null || richer(option, best))) {
                    best = option;
                }
            }
            if (best != null) {
                texts.addAll(best.texts);
            }
        }

        private static boolean richer(MessageParts html, MessageParts plain) {
            return letters(html.texts) > 2 * letters(plain.texts);
        }

        private static long letters(List<String> texts) {
            return texts.stream().mapToLong(t -> t.codePoints().filter(Character::isLetterOrDigit).count()).sum();
        }

        private void leaf(Entity entity, SingleBody body) {
            var type = entity.getMimeType().toLowerCase(java.util.Locale.ROOT);
            var fileName = Parts.fileName(entity);
            var asText = fileName.isEmpty() && !"attachment".equalsIgnoreCase(entity.getDispositionType());
            if (asText && type.equals("text/plain")) {
                texts.add(PlainText.tidy(Parts.plainText(entity, body)));
            } else if (asText && type.equals("text/html")) {
                var text = HtmlText.of(Parts.text(entity, body), CidMarkers::marker);
                htmlTexts.add(text);
                texts.add(text);
            } else if (!Parts.isSignatureBlob(type)) {
                files.add(new Candidate(new InboundMessage.Attachment(fileName.orElseGet(() -> Parts.defaultName(type)),
                        type, Parts.bytes(body)), Parts.contentId(entity)));
            }
        }

        String fullText() {
            return CidMarkers.strip(PlainText.tidy(String.join("\n\n", texts)));
        }

        /** Files, without the inline images that only the signature or the quoted history of the HTML showed. */
        List<InboundMessage.Attachment> attachments() {
            var shown = new HashSet<String>();
            var shownInNewText = new HashSet<String>();
            for (var html : htmlTexts) {
                shown.addAll(CidMarkers.in(html));
                shownInNewText.addAll(CidMarkers.in(ReplyText.newText(html)));
            }
            return files.stream()
                    .filter(f -> f.contentId().map(id -> !shown.contains(id) || shownInNewText.contains(id)).orElse(true))
                    .map(Candidate::attachment).toList();
        }

        private static byte[] written(Message nested) {
            var out = new ByteArrayOutputStream();
            try {
                new DefaultMessageWriter().writeMessage(nested, out);
            } catch (IOException e) {
                throw new UnreadableMessage("an attached message cannot be read", e);
            }
            return out.toByteArray();
        }
    }
}
