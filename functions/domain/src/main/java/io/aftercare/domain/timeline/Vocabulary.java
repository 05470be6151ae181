package io.aftercare.domain.timeline;

import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.action.Reason;
import io.aftercare.domain.email.EmailCategory;
import io.aftercare.domain.order.FulfilmentStatus;
import io.aftercare.domain.order.ReturnEvent;
import io.aftercare.domain.order.ShipmentStatus;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.ticket.Priority;
import io.aftercare.domain.ticket.SlaTarget;
import io.aftercare.domain.ticket.TicketStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The fixed sets a timeline entry's codes come from; each value has a text in every language's messages. */
public enum Vocabulary {
    REASON(Reason.class), EMAIL(ActionKind.class), CATEGORY(EmailCategory.class), FULFILMENT(FulfilmentStatus.class),
    SHIPMENT(ShipmentStatus.class), RETURN(ReturnEvent.class), LANGUAGE(Language.class), PRIORITY(Priority.class),
    TICKET_STATUS(TicketStatus.class), SLA(SlaTarget.class), NPS(null);

    private final Class<? extends Enum<?>> values;

    Vocabulary(Class<? extends Enum<?>> values) {
        this.values = values;
    }

    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every code it holds, as stored. */
    public List<String> codes() {
        if (values == null) {
            return List.of("promoter", "passive", "detractor");
        }
        return Arrays.stream(values.getEnumConstants()).map(Enum::name).toList();
    }

    /** For the sets that are not enums (a survey answer's group). */
    public EntryParam.Code code(String value) {
        if (!codes().contains(value)) {
            throw new IllegalArgumentException(value + " is not a " + slug());
        }
        return new EntryParam.Code(slug(), value);
    }

    public EntryParam.Code code(Enum<?> value) {
        if (value.getDeclaringClass() != values) {
            throw new IllegalArgumentException(value + " is not a " + slug());
        }
        return new EntryParam.Code(slug(), value.name());
    }
}
