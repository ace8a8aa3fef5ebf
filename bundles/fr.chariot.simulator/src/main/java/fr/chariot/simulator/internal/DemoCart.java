package fr.chariot.simulator.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import fr.chariot.simulator.api.SessionSummary;
import fr.chariot.simulator.api.SimulatedApns;
import fr.chariot.simulator.api.SimulatedCart;
import fr.chariot.simulator.api.SimulatedIpad;

/**
 * Enrolls a cart of simulated iPads against a running Chariot server and keeps them answering pushes.
 * <pre>java -cp &lt;classpath&gt; fr.chariot.simulator.internal.DemoCart &lt;baseUrl&gt; &lt;rne&gt; [count=19] [seedBase=1000] [apnsFolder=simulator-apns]</pre>
 * It first starts the simulated APNs and writes its CA and push certificate to {@code apnsFolder}, then waits
 * for Enter so the server can be configured with them (the profile's Topic must be the printed topic).
 */
public final class DemoCart {

    private DemoCart() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        PrintStream out = System.out;
        if (args.length < 2) {
            out.println("usage: DemoCart <baseUrl> <rne> [count=19] [seedBase=1000] [apnsFolder=simulator-apns]");
            System.exit(2);
        }
        URI base = URI.create(args[0]);
        String rne = args[1];
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 19;
        long seedBase = args.length > 3 ? Long.parseLong(args[3]) : 1000;
        Path folder = Path.of(args.length > 4 ? args[4] : "simulator-apns").toAbsolutePath();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (SimulatedApns apns = SimulatedApns.start()) {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("apns-server-ca.pem"), apns.serverCaPem());
            Path push = folder.resolve("push-certificate-and-key.pem");
            Files.deleteIfExists(push);
            Files.createFile(push, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(push, apns.pushCertificatePem());
            out.printf("Simulated APNs: %s:%d, topic %s%n  trust   %s%n  upload  %s%n", apns.host(), apns.port(),
                apns.topic(), folder.resolve("apns-server-ca.pem"), push);
            out.println("Configure the server with these, then press Enter to enroll " + count + " iPads of " + rne);
            in.readLine();

            SimulatedCart cart = SimulatedCart.create(rne, count, seedBase);
            cart.enrollAll(base, apns);
            for (SimulatedIpad ipad : cart.ipads()) {
                out.printf("  %-26s %-13s %-18s %-16s battery %.0f%%%n", ipad.udid(), ipad.serialNumber(),
                    ipad.role(), ipad.deviceName(), ipad.batteryLevel() * 100);
            }
            for (SessionSummary summary : cart.connectAll()) {
                out.printf("  %s first session: %s%n", summary.udid(), summary.requestTypes());
            }
            out.println("Enrolled. The iPads answer pushes until you press Enter.");
            in.readLine();
            out.printf("Pushes accepted %d, ignored (wrong PushMagic) %d, rejected %d%n", apns.totalPushesAccepted(),
                apns.pushesIgnored(), apns.pushesRejected());
        }
    }
}
