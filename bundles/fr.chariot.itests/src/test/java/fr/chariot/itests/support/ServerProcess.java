package fr.chariot.itests.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The real {@code bin/chariot} of a test's copy of the distribution, run as an operator would run it. */
public final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final Path output;

    private ServerProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code bin/chariot} with the given environment added to this JVM's, its output kept in a file. */
    public static ServerProcess start(TestHome home, Map<String, String> environment, String outputName)
            throws IOException {
        Path output = home.home.resolve(outputName);
        ProcessBuilder builder = new ProcessBuilder(home.home.resolve("bin/chariot").toString())
                .directory(home.home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        builder.environment().put("CHARIOT_JAVA_OPTS", "-Xmx256m");
        return new ServerProcess(builder.start(), output);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGTERM, as a service manager does, and waits for the process to end. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/chariot did not stop within " + timeout + " of SIGTERM");
        }
        return process.exitValue();
    }

    /** Kills the JVM with SIGKILL: no shutdown hook runs, as in a power cut or an OOM kill. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public int waitForExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("bin/chariot is still running after " + timeout);
        }
        return process.exitValue();
    }

    public String output() throws IOException {
        return Files.readString(output);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
