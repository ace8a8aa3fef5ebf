package fr.chariot.runtime.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code fr.chariot.server}: what the server says about itself to devices, people and probes. */
@ObjectClassDefinition(name = "Chariot server",
        description = "How iPads and browsers reach this server, and which Chariot version it is")
@interface ServerConfig {

    String PID = "fr.chariot.server";

    @AttributeDefinition(description = "Base URL iPads and browsers use to reach the server, e.g. "
            + "https://mdm.college.fr; enrollment profiles point there. A trailing slash is ignored")
    String publicUrl();

    @AttributeDefinition(description = "Chariot's version, as shown by GET /health")
    String version();
}
