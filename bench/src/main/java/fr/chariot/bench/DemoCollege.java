package fr.chariot.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import fr.chariot.simulator.api.SimulatedApns;
import fr.chariot.simulator.api.SimulatedCart;
import fr.chariot.simulator.api.SimulatedIpad;

/**
 * Fills a demo college with a cart of simulated iPads on a running Chariot, so a person can look at a realistic
 * server: the assembled distribution is started with a simulated APNs, the college is created, the cart (a shared
 * teacher iPad and student Shared iPads) enrolls, three students log in, and every iPad answers a first
 * DeviceInformation. The server then keeps running, the iPads answering its pushes, until Enter is pressed.
 *
 * <pre>mvn -B -q -f bench/pom.xml compile exec:java -Dbench.main=fr.chariot.bench.DemoCollege [-Ddemo.ipads=19]</pre>
 */
public final class DemoCollege {

    private static final String RNE = "0750001A";

    private DemoCollege() {
    }

    public static void main(String[] args) throws Exception {
        int ipads = Integer.getInteger("demo.ipads", 19);
        Path distribution = Path.of(System.getProperty("bench.dist", "target/dist/chariot-0.1.0-SNAPSHOT"));
        try (SimulatedApns apns = SimulatedApns.start();
                Server server = Server.start(distribution, Path.of("target/demo").toAbsolutePath(), "-Xmx1g", apns.port(),
                        apns.serverCaPem())) {
            server.awaitUp(Duration.ofSeconds(60));
            server.createSite(RNE, "Collège de démonstration");
            server.installPushCertificate(apns.pushCertificatePem());
            SimulatedCart cart = SimulatedCart.create(RNE, ipads, 7500);
            System.out.println("Enrolling a cart of " + ipads + " iPads in college " + RNE + "...");
            cart.enrollAll(URI.create(server.baseUrl()), apns);
            int student = 0;
            for (SimulatedIpad ipad : cart.ipads()) {
                if (ipad.sharedIpad() && student < 3) {
                    student++;
                    ipad.loginUser("eleve" + student + "@demo.college.fr", "Élève " + student);
                }
                server.queueDeviceInformation(ipad.udid());
            }
            System.out.println();
            System.out.println("Demo college " + RNE + " is ready on " + server.baseUrl());
            System.out.println("  administrator: admin / " + Server.ADMIN_PASSWORD);
            System.out.println("  token:   curl -s -u admin:" + Server.ADMIN_PASSWORD + " -X POST " + server.baseUrl()
                    + "/api/v1/auth/token");
            System.out.println("  devices: curl -s -H 'Authorization: Bearer <token>' '" + server.baseUrl()
                    + "/api/v1/devices?site=" + RNE + "'");
            System.out.println("  server folder (data, logs): " + server.home());
            System.out.println("Press Enter to stop the server.");
            System.in.read();
        }
    }
}
