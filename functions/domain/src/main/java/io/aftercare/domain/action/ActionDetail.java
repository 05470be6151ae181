package io.aftercare.domain.action;

import io.aftercare.domain.shop.SlaTarget;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Optional;
import java.util.Set;

/**
 * What tells several actions of one kind on one subject apart, kept on the action as typed attributes and read back
 * from them. The action id carries it too ({@link #idPart()}), only to keep the id unique: nothing reads it there.
 */
public sealed interface ActionDetail {

    /** The id's part after the subject: {@code first-response~p2}. */
    String idPart();

    /** A deadline planned under one plan of the ticket's: it is stale once the ticket is planned anew. */
    sealed interface Planned extends ActionDetail {
        int plan();
    }

    /** An SLA warning or breach notice about the latest clock of {@code target}. */
    record SlaDeadline(SlaTarget target, int plan) implements Planned {
        @Override
        public String idPart() {
            return target.slug() + "~p" + plan;
        }
    }

    /** A rung of the escalation ladder. */
    record Escalation(int level, int plan) implements Planned {
        @Override
        public String idPart() {
            return level + "~p" + plan;
        }
    }

    /**
     * A note that mentions members, by the ticket version it was written on: who wrote it (as timelines name them)
     * and the mentioned members' ids (their addresses' hashes, never an address), resolved against the shop's members
     * when it is sent, so someone removed meanwhile is not emailed.
     */
    record Mention(long version, String by, Set<String> members) implements ActionDetail {
        public Mention {
            if (members.isEmpty()) {
                throw new IllegalArgumentException("a mention names at least one member");
            }
            members = Set.copyOf(members);
        }

        @Override
        public String idPart() {
            return Long.toString(version);
        }
    }

    /** An agent's reply, stored with the ticket version it answered. */
    record Reply(long version) implements ActionDetail {
        @Override
        public String idPart() {
            return Long.toString(version);
        }
    }

    /**
     * A ticket's resolution, by the version that resolved it and when: the satisfaction survey asks about that one, so
     * a ticket reopened and resolved again asks once, about the last.
     */
    record Resolution(long version, Instant at) implements ActionDetail {
        @Override
        public String idPart() {
            return Long.toString(version);
        }
    }

    /** The return a customer's email about one of its steps tells of. */
    record OfReturn(String returnId) implements ActionDetail {
        @Override
        public String idPart() {
            return returnId;
        }
    }

    /** The refund a customer's refund email tells of. */
    record OfRefund(String refundId) implements ActionDetail {
        @Override
        public String idPart() {
            return refundId;
        }
    }

    /**
     * A privacy request's job: the request it does (one job per request), the customer's hash (none for a shop's
     * erasure) and the orders the platform named as theirs (their ids).
     */
    record Privacy(String request, Optional<String> customer, Set<String> orders) implements ActionDetail {
        public Privacy {
            orders = Set.copyOf(orders);
        }

        @Override
        public String idPart() {
            return request;
        }
    }

    /** The ISO week a shop's weekly summary tells of, by its Monday (in the shop's time zone): one summary per shop and week. */
    record Week(LocalDate monday) implements ActionDetail {
        public Week {
            if (monday.getDayOfWeek() != DayOfWeek.MONDAY) {
                throw new IllegalArgumentException("a week starts on a Monday: " + monday);
            }
        }

        /** The week's last day. */
        public LocalDate sunday() {
            return monday.plusDays(6);
        }

        /** {@code 2026-W49}. */
        @Override
        public String idPart() {
            return "%d-W%02d".formatted(monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        }
    }
}
