package io.aftercare.domain.shop;

import io.aftercare.domain.InvalidInput;
import io.aftercare.domain.Limits;
import java.util.Optional;
import java.util.regex.Pattern;

/** How the shop's emails look: its logo, its accent colour, and the signature under every email. */
public record Branding(Optional<String> logoUrl, String accentColor, Optional<String> signature) {

    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    public static final Branding DEFAULT = new Branding(Optional.empty(), "#0f766e", Optional.empty());

    public Branding {
        if (logoUrl.isPresent() && (!logoUrl.get().startsWith("https://") || !Limits.fits(logoUrl.get(), 2_000))) {
            throw new InvalidInput("branding.logoUrl", "the logo URL must start with https:// (at most 2000 bytes)");
        }
        if (accentColor == null || !COLOR.matcher(accentColor).matches()) {
            throw new InvalidInput("branding.accentColor", "the accent colour must look like #0f766e");
        }
        if (signature.isPresent() && !Limits.fits(signature.get(), 2_000)) {
            throw new InvalidInput("branding.signature", "the signature must be at most 2000 bytes (UTF-8)");
        }
    }
}
