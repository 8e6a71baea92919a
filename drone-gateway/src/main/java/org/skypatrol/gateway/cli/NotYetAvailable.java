package org.skypatrol.gateway.cli;

/** Exit code and message for a subcommand whose issue has not landed yet: said plainly, never faked. */
final class NotYetAvailable {

    static final int EXIT_CODE = 3;

    private NotYetAvailable() {
    }

    static int report(String what, int issue) {
        System.err.println("skypatrol: '" + what + "' is not available yet: it is delivered by issue #"
                + issue + " (see README, Status).");
        return EXIT_CODE;
    }
}
