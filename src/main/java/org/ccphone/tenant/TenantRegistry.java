package org.ccphone.tenant;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * All tenants, loaded from the {@code *.json} files of the configured folders. A file that does not
 * hold gives an unusable tenant with its problems, never a failed start.
 */
@ApplicationScoped
public class TenantRegistry {
  private static final Logger LOG = Logger.getLogger(TenantRegistry.class.getName());

  private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();

  public Optional<Tenant> find(String appId) {
    return Optional.ofNullable(tenants.get(appId));
  }

  public Collection<Tenant> all() {
    return List.copyOf(tenants.values());
  }

  /** Records problems found after loading (a procedure that does not fit, a failed migration). */
  public void report(String appId, List<String> problems) {
    tenants.computeIfPresent(appId, (id, t) -> t.withProblems(problems));
    problems.forEach(p -> LOG.severe("tenant " + appId + " is unhealthy: " + p));
  }

  /** Reads every tenant file of the folders; later folders add tenants, a repeated appId is a problem. */
  public void load(List<Path> folders) {
    for (Path folder : folders) {
      if (!Files.isDirectory(folder)) {
        LOG.warning("tenant folder " + folder.toAbsolutePath() + " does not exist");
        continue;
      }
      try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
        for (Path file : files) {
          add(read(file));
        }
      } catch (IOException e) {
        LOG.log(Level.SEVERE, "cannot list tenant folder " + folder, e);
      }
    }
  }

  void add(Tenant tenant) {
    Tenant previous = tenants.putIfAbsent(tenant.appId(), tenant);
    if (previous != null) {
      report(tenant.appId(), List.of("appId is defined by more than one tenant file"));
    } else if (tenant.usable()) {
      LOG.info("tenant " + tenant.appId() + " loaded");
    } else {
      tenant.problems().forEach(p -> LOG.severe("tenant " + tenant.appId() + " is unhealthy: " + p));
    }
  }

  static Tenant read(Path file) {
    String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      TenantConfig config = TenantConfigParser.parse(reader, stem);
      return new Tenant(config.appId(), config, List.of());
    } catch (TenantConfigException e) {
      return new Tenant(e.appId(), null, e.problems());
    } catch (IOException e) {
      return new Tenant(stem, null, List.of("cannot read " + file + ": " + e.getMessage()));
    }
  }
}
