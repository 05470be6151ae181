package io.aftercare.domain.event;

/** What a platform's webhook delivery told us, in Aftercare's own terms. */
public sealed interface PlatformEvent permits OrderUpdate, CustomerUpdate, ComplaintEvent, PrivacyRequest, ReturnProgress {
}
