package io.aftercare.domain.action;

import io.aftercare.domain.ShopId;

/** Which action: enough to find and claim it. */
public record ActionRef(ShopId shop, String actionId) {
}
