package io.aftercare.domain.fakes;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.Page;
import io.aftercare.domain.PageRequest;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.customer.CustomerSummary;
import io.aftercare.domain.order.OrderId;
import io.aftercare.domain.order.OrderState;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.domain.timeline.TimelineEntry;
import io.aftercare.domain.timeline.TimelineReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Orders, customers and timeline entries put in by the test; timelines newest first, in one page. */
public final class InMemoryTimelines implements TimelineReader {

    private final Map<String, OrderState> orders = new HashMap<>();
    private final Map<String, CustomerSummary> customers = new HashMap<>();
    private final Map<String, List<TimelineEntry>> entries = new HashMap<>();

    public void put(ShopId shop, OrderState order) {
        orders.put(shop.value() + "/" + order.orderId().value(), order);
    }

    public void put(ShopId shop, CustomerSummary customer) {
        customers.put(shop.value() + "/" + customer.contact().email().hash(), customer);
    }

    public void add(ShopId shop, TimelineEntry entry) {
        entries.computeIfAbsent(key(shop, entry.subject()), k -> new ArrayList<>()).add(entry);
    }

    @Override
    public Page<TimelineEntry> orderTimeline(ShopId shop, OrderId order, PageRequest page) {
        return timeline(shop, Subject.order(order), page);
    }

    @Override
    public Page<TimelineEntry> customerTimeline(ShopId shop, EmailAddress customer, PageRequest page) {
        return timeline(shop, Subject.customer(customer), page);
    }

    @Override
    public Page<TimelineEntry> ticketTimeline(ShopId shop, String ticketId, PageRequest page) {
        return timeline(shop, new Subject(Subject.Type.TICKET, ticketId), page);
    }

    @Override
    public Page<TimelineEntry> returnTimeline(ShopId shop, OrderId order, String returnId, PageRequest page) {
        return timeline(shop, Subject.returnOf(order, returnId), page);
    }

    @Override
    public Page<TimelineEntry> shopTimeline(ShopId shop, PageRequest page) {
        return timeline(shop, Subject.shop(shop), page);
    }

    @Override
    public Optional<OrderState> order(ShopId shop, OrderId order) {
        return Optional.ofNullable(orders.get(shop.value() + "/" + order.value()));
    }

    @Override
    public Optional<OrderState> orderAsWritten(ShopId shop, OrderId order) {
        return order(shop, order);
    }

    @Override
    public Optional<CustomerSummary> customer(ShopId shop, EmailAddress customer) {
        return Optional.ofNullable(customers.get(shop.value() + "/" + customer.hash()));
    }

    private Page<TimelineEntry> timeline(ShopId shop, Subject subject, PageRequest page) {
        return new Page<>(entries.getOrDefault(key(shop, subject), List.of()).stream()
                .sorted(Comparator.comparing(TimelineEntry::at).reversed())
                .limit(page.limit())
                .toList(), Optional.empty());
    }

    private static String key(ShopId shop, Subject subject) {
        return shop.value() + "/" + subject.type() + "/" + subject.id();
    }
}
