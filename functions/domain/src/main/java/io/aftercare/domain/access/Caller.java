package io.aftercare.domain.access;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.shop.Role;

/** Who made a request, once their credential has been checked. */
public sealed interface Caller {

    /** How the audit trail names them: never a whole address. */
    String audit();

    /** The deployment's admin token: bootstrap and break-glass. */
    record BreakGlass() implements Caller {
        @Override
        public String audit() {
            return "admin token";
        }
    }

    /** A person signed in through a link; {@code sessionHash} names their session. */
    record Person(EmailAddress email, String sessionHash, boolean secondFactor) implements Caller {
        @Override
        public String audit() {
            return email.masked();
        }
    }

    /** An integration's API token, valid in one shop with one role. */
    record Token(ShopId shop, String id, String name, Role role) implements Caller {
        @Override
        public String audit() {
            return "token " + name;
        }
    }
}
