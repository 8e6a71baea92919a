package org.skypatrol.gateway.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** {@code skypatrol scene}: Scene tools: check a scene file and render its zones over a frame. */
@Command(name = "scene", mixinStandardHelpOptions = true, description = "Scene tools: check a scene file and render its zones over a frame.")
final class SceneCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return NotYetAvailable.report("scene", 5);
    }
}
