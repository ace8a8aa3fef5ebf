package fr.chariot.runtime.internal;

import java.io.File;
import java.io.IOException;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in the log when a {@code .jar} in the hot-deploy folder is not a bundle. FileInstall offers each file to its
 * installers and, when none accepts it, retries silently at every poll: an operator who dropped a truncated or
 * wrong file would never learn why nothing happened. This installer accepts exactly those files, and only
 * reports them; installing nothing, it leaves everything else as it was.
 */
@Component
public class InvalidBundleReporter implements ArtifactInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(InvalidBundleReporter.class);

    @Override
    public boolean canHandle(File artifact) {
        return artifact.getName().endsWith(".jar") && problem(artifact).isPresent();
    }

    @Override
    public void install(File artifact) {
        report(artifact);
    }

    @Override
    public void update(File artifact) {
        report(artifact);
    }

    @Override
    public void uninstall(File artifact) {
        LOG.info("{} is gone from the hot-deploy folder", artifact);
    }

    private static void report(File artifact) {
        problem(artifact).ifPresent(problem -> LOG.error("{} is not a valid bundle: {}. Nothing was installed or "
                + "changed; replace it with a valid bundle jar, or remove it.", artifact, problem));
    }

    /** @return why the file is not a bundle, or empty when it is one */
    static Optional<String> problem(File file) {
        try (JarFile jar = new JarFile(file)) {
            Manifest manifest = jar.getManifest();
            if (manifest == null) {
                return Optional.of("it has no META-INF/MANIFEST.MF");
            }
            if (manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME) == null) {
                return Optional.of("its manifest has no Bundle-SymbolicName (a plain jar, not an OSGi bundle)");
            }
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.of("it cannot be read as a jar (" + e.getMessage() + ")");
        }
    }
}
