package io.aftercare.domain.email;

import io.aftercare.domain.ShopId;
import io.aftercare.domain.timeline.EntryKind;
import io.aftercare.domain.timeline.EntryText;
import io.aftercare.domain.timeline.Phrase;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineAppender;
import io.aftercare.domain.timeline.TimelineEntry;
import java.util.Optional;
import java.util.function.Function;

/**
 * Acts on SES's reports: a permanent bounce or a complaint suppresses the address for the shop for good (mailing
 * it again would hurt the shop's sending reputation); a delivery, a soft bounce, a delay and a reject (SES refused to
 * send it: a failed email) go on the timeline.
 */
public final class MailboxEvents {

    private final RecipientStore recipients;
    private final TimelineAppender timeline;

    public MailboxEvents(RecipientStore recipients, TimelineAppender timeline) {
        this.recipients = recipients;
        this.timeline = timeline;
    }

    /** @return whether the event was about mail Aftercare sent */
    public boolean handle(MailboxEvent event) {
        if (event.shop().isEmpty() || !ShopId.isValid(event.shop().get())) {
            return false;
        }
        ShopId shop = new ShopId(event.shop().get());
        Optional<Subject> subject = event.about();
        for (var recipient : event.recipients()) {
            Subject about = subject.orElse(Subject.customer(recipient));
            String entryId = "mailbox-" + event.actionId().orElse("email") + "-" + event.type().name().toLowerCase(java.util.Locale.ROOT)
                    + "-" + recipient.hash().substring(0, 8);
            Function<Phrase, EntryText.Phrased> text = phrase -> {
                var said = phrase == Phrase.MAIL_DELIVERED ? EntryText.of(phrase) : EntryText.of(phrase).text("detail", event.detail());
                return event.kind().map(kind -> said.with("email", kind.code())).orElse(said);
            };
            switch (event.type()) {
                case HARD_BOUNCE -> recipients.suppress(shop, recipient, Suppression.BOUNCED, event.at(), new TimelineEntry(entryId, about, event.at(),
                        EntryKind.EMAIL_BOUNCED, text.apply(Phrase.MAIL_BOUNCED).text("to", recipient.masked()), Optional.empty()));
                case COMPLAINT -> recipients.suppress(shop, recipient, Suppression.COMPLAINED, event.at(), new TimelineEntry(entryId, about, event.at(),
                        EntryKind.EMAIL_COMPLAINED, text.apply(Phrase.MAIL_COMPLAINED), Optional.empty()));
                case SOFT_BOUNCE -> timeline.write(shop, new TimelineEntry(entryId, about, event.at(), EntryKind.EMAIL_BOUNCED,
                        text.apply(Phrase.MAIL_SOFT_BOUNCED).text("to", recipient.masked()), Optional.empty()), recipient.hash());
                case DELIVERED -> timeline.write(shop, new TimelineEntry(entryId, about, event.at(), EntryKind.EMAIL_DELIVERED,
                        text.apply(Phrase.MAIL_DELIVERED), Optional.empty()), recipient.hash());
                case REJECTED -> timeline.write(shop, new TimelineEntry(entryId, about, event.at(), EntryKind.EMAIL_FAILED,
                        text.apply(Phrase.MAIL_REJECTED).text("to", recipient.masked()), Optional.empty()), recipient.hash());
                case DELAYED -> timeline.write(shop, new TimelineEntry(entryId, about, event.at(), EntryKind.EMAIL_DELAYED,
                        text.apply(Phrase.MAIL_DELAYED).text("to", recipient.masked()), Optional.empty()), recipient.hash());
                case OTHER -> { }
            }
        }
        return true;
    }
}
