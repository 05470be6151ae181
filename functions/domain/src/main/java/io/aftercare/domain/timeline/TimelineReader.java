package io.aftercare.domain.timeline;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.Page;
import io.aftercare.domain.PageRequest;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.customer.CustomerSummary;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.OrderState;
import java.util.Optional;

/** Port: reading what was recorded. Timelines come newest first. */
public interface TimelineReader {

    Page<TimelineEntry> orderTimeline(ShopId shop, OrderId order, PageRequest page);

    Page<TimelineEntry> customerTimeline(ShopId shop, EmailAddress customer, PageRequest page);

    Page<TimelineEntry> ticketTimeline(ShopId shop, String ticketId, PageRequest page);

    /** A return's own timeline: its steps, where it stands, what could not be applied, and when it got stuck. */
    Page<TimelineEntry> returnTimeline(ShopId shop, OrderId order, String returnId, PageRequest page);

    /** The shop's own timeline: its audit trail of sign-ins, members, roles and tokens. */
    Page<TimelineEntry> shopTimeline(ShopId shop, PageRequest page);

    Optional<OrderState> order(ShopId shop, OrderId order);

    /** The order as every write that ended before this read left it (strongly consistent): for a check that must see what raced it. */
    Optional<OrderState> orderAsWritten(ShopId shop, OrderId order);

    Optional<CustomerSummary> customer(ShopId shop, EmailAddress customer);
}
