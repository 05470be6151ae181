package io.aftercare.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared SES emulator as tests see it: each through a mailbox that shows only the emails sent since it opened. */
@ExtendWith(SesEmulatorExtension.class)
class SesEmulatorExtensionTest {

    /** An address every test class could use: the mailboxes keep their emails apart. */
    private static final String SHARED = "dora@example.com";

    private static SesMailbox classMailbox;
    private SesMailbox beforeEachMailbox;

    @BeforeAll
    static void sendBeforeTheTests(SesMailbox mailbox) {
        classMailbox = mailbox;
        send(mailbox, "sent before the tests");
    }

    @BeforeEach
    void keep(SesMailbox mailbox) {
        beforeEachMailbox = mailbox;
    }

    @Test
    void aTestsMailboxShowsOnlyTheEmailsSentSinceTheTestBeganAndItsClassesThoseSinceTheClassBegan(SesMailbox mailbox) {
        send(mailbox, "sent by the test");

        assertThat(mailbox.emailsTo(SHARED)).extracting(SesEmulator.Email::subject).containsExactly("sent by the test");
        assertThat(classMailbox.emailsTo(SHARED)).extracting(SesEmulator.Email::subject)
                .containsExactly("sent before the tests", "sent by the test");
    }

    @Test
    void aTestThatAsksForItsMailboxInBeforeEachAndAgainInTheTestGetsTheSameOne(SesMailbox mailbox) {
        assertThat(mailbox).isSameAs(beforeEachMailbox).isNotSameAs(classMailbox);
    }

    private static void send(SesMailbox mailbox, String subject) {
        mailbox.client().sendEmail(email -> email.fromEmailAddress("shop@example.com")
                .destination(to -> to.toAddresses(SHARED))
                .content(content -> content.simple(message -> message.subject(s -> s.data(subject)).body(body -> body.text(t -> t.data(subject))))));
    }
}
