package io.aftercare.domain.access;

import io.aftercare.domain.EmailAddress;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.Role;
import java.util.regex.Pattern;

/** A person's membership of a shop: their role there and the language their staff emails are written in. */
public record Member(ShopId shop, EmailAddress email, Role role, Language language) {

    /** The shape of {@link #id()}: {@link io.aftercare.domain.Sha256#shortHex}'s 32 lowercase hex digits. */
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

    /** Whether the text can be a member's id at all (whether it is one, the shop's members say). */
    public static boolean isId(String text) {
        return ID.matcher(text).matches();
    }

    /** How the API names a member: the hash of their address, which it never shows whole. */
    public String id() {
        return email.hash();
    }
}
