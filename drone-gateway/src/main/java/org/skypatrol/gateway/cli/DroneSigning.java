package org.skypatrol.gateway.cli;

import java.util.function.UnaryOperator;

import org.skypatrol.protocols.mavlink.MavlinkFrame;

/** The simulator's frame signer from {@code --sign KEY}. */
final class DroneSigning {

    private DroneSigning() {
    }

    static UnaryOperator<MavlinkFrame> signer(String key, boolean v1) {
        if (v1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new SimulateDroneCommand()),
                    "--sign needs MAVLink 2 (MAVLink 1 frames cannot be signed)");
        }
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new SimulateDroneCommand()),
                "--sign is not available yet: it arrives with the protocol library's signing (issue 2)");
    }
}
