package fr.chariot.itests.support;

import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import fr.chariot.launcher.ChariotSettings;

/**
 * A fresh copy of the assembled distribution for one test (so tests never share data or hot/), and the
 * properties bin/chariot would give its JVM and framework, computed by the launcher's own code.
 */
public final class TestHome {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    public final Path home;
    public final int port;

    private TestHome(Path home, int port) {
        this.home = home;
        this.port = port;
    }

    /** Copies the distribution unpacked by the build ({@code chariot.dist}) into a new folder. */
    public static TestHome copyOfDistribution(String name) throws IOException {
        Path dist = Path.of(System.getProperty("chariot.dist"));
        Path work = Path.of(System.getProperty("chariot.itest.work"));
        Files.createDirectories(work);
        Path home = Files.createTempDirectory(work, name + "-");
        try (Stream<Path> files = Files.walk(dist)) {
            for (Path source : files.sorted(Comparator.naturalOrder()).toList()) {
                Path target = home.resolve(dist.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        Files.createDirectories(home.resolve("hot"));
        return new TestHome(home, freePort());
    }

    public Path hot() {
        return home.resolve("hot");
    }

    public Path log() {
        return home.resolve("logs").resolve("chariot.log");
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The environment that points the server at this copy's own port. */
    public Map<String, String> environment() {
        return Map.of("CHARIOT_HTTP_PORT", Integer.toString(port), "CHARIOT_PUBLIC_URL", baseUrl());
    }

    /** The JVM system properties the launcher would set for this copy. */
    public Map<String, String> systemProperties() throws Exception {
        Properties noOverrides = new Properties();
        noOverrides.setProperty(ChariotSettings.HOME, home.toString());
        return ChariotSettings.resolve(home, environment(), noOverrides).systemProperties();
    }

    /**
     * The framework properties of {@code etc/config.properties} that matter once bundles are provisioned by the
     * test container rather than by Felix Main (its auto-deploy and storage keys are left out).
     */
    public Map<String, String> frameworkProperties() throws Exception {
        Properties config = new Properties();
        try (Reader in = Files.newBufferedReader(home.resolve("etc/config.properties"))) {
            config.load(in);
        }
        Map<String, String> system = systemProperties();
        Map<String, String> result = new LinkedHashMap<>();
        for (String key : config.stringPropertyNames()) {
            if (List.of("felix.fileinstall.", "org.osgi.service.http.", "org.apache.felix.http.", "chariot.").stream()
                    .anyMatch(key::startsWith)) {
                result.put(key, substitute(config.getProperty(key), system));
            }
        }
        return result;
    }

    private static String substitute(String value, Map<String, String> variables) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = variables.get(m.group(1));
            if (replacement == null) {
                throw new IllegalStateException("etc/config.properties uses ${" + m.group(1) + "}, which no setting defines");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
