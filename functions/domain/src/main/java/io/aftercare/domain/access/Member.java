package io.aftercare.domain.access;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.Role;

/** A person's membership of a shop: their role there and the language their staff emails are written in. */
public record Member(ShopId shop, EmailAddress email, Role role, Language language) {

    /** How the API names a member: the hash of their address, which it never shows whole. */
    public String id() {
        return email.hash();
    }
}
