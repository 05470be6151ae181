package io.aftercare.devkit;

import java.net.URI;
import java.util.List;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * What one test sees of the test JVM's shared SES emulator (one test class, when asked for in {@code @BeforeAll}): the
 * emails sent since it began, so that two classes sending to the same address cannot read each other's.
 */
public final class SesMailbox {

    private final SesEmulator emulator;
    /** The emulator's store only grows, in the order it received: what it held before this mailbox opened is another test's. */
    private final int before;

    SesMailbox(SesEmulator emulator) {
        this.emulator = emulator;
        this.before = emulator.emails().size();
    }

    public URI endpoint() {
        return emulator.endpoint();
    }

    public SesV2Client client() {
        return emulator.client();
    }

    /** The emails sent since this mailbox opened, in the order the emulator received them. */
    public List<SesEmulator.Email> emails() {
        var all = emulator.emails();
        return List.copyOf(all.subList(before, all.size()));
    }

    /** The emails to {@code address} sent since this mailbox opened. */
    public List<SesEmulator.Email> emailsTo(String address) {
        return emails().stream().filter(e -> e.to().contains(address)).toList();
    }
}
