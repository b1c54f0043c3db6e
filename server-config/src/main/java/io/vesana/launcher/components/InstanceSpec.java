package io.vesana.launcher.components;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one Payara Micro JVM hosts.
 *
 * @param name instance name, also the name of its log file and temp directory
 * @param port the HTTP port
 * @param applications the WARs, with the context root each declares
 * @param postBootCommands asadmin commands run after boot, if any
 * @param environment variables only this instance gets (on top of the shared ones)
 */
public record InstanceSpec(
    String name,
    int port,
    List<Application> applications,
    Optional<Path> postBootCommands,
    Map<String, String> environment) {

  /** A WAR and the context root it is served under (declared inside the WAR). */
  public record Application(Path war, String contextRoot) {}
}
