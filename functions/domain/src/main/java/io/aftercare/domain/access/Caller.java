package io.aftercare.domain.access;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.shop.Role;

/** Who made a request, once their credential has been checked. */
public sealed interface Caller {

    /** How the audit trail names them: never a whole address. */
    String audit();

    /** A name no two callers share (masked addresses can: {@code j***@shop.com}), for telling them apart; never shown. */
    String identity();

    /** The deployment's admin token: bootstrap and break-glass. */
    record BreakGlass() implements Caller {
        @Override
        public String audit() {
            return "admin token";
        }

        @Override
        public String identity() {
            return "admin";
        }
    }

    /** A person signed in through a link; {@code sessionHash} names their session. */
    record Person(EmailAddress email, String sessionHash, boolean secondFactor) implements Caller {
        @Override
        public String audit() {
            return email.masked();
        }

        @Override
        public String identity() {
            return "person " + email.hash();
        }
    }

    /** An integration's API token, valid in one shop with one role. */
    record Token(ShopId shop, String id, String name, Role role) implements Caller {
        @Override
        public String audit() {
            return "token " + name;
        }

        @Override
        public String identity() {
            return "token " + id;
        }
    }
}
