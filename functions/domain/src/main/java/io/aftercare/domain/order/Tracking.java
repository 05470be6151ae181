package io.aftercare.domain.order;

import java.util.Optional;

/** A parcel's carrier, tracking number and link, each when the platform knows it. */
public record Tracking(Optional<String> company, Optional<String> number, Optional<String> url) {

    public boolean isEmpty() {
        return company.isEmpty() && number.isEmpty() && url.isEmpty();
    }

    public String describe() {
        return String.join(" ", company.orElse(""), number.orElse("")).trim();
    }
}
