package fr.chariot.protocol.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code fr.chariot.protocol}; every key has a default. */
@ObjectClassDefinition(id = ProtocolConfig.PID, name = "Chariot MDM protocol")
@interface ProtocolConfig {

    String PID = "fr.chariot.protocol";

    @AttributeDefinition(description = "Largest request body a device may send, in bytes")
    int maxBodyBytes() default 1 << 20;

    @AttributeDefinition(description = "Days a completed command stays in the history before it is pruned")
    int commandRetentionDays() default 30;

    @AttributeDefinition(description = "Hours an enrollment profile's SCEP challenge stays valid")
    int challengeValidityHours() default 24;
}
