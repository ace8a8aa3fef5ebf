package fr.chariot.webconsole.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code fr.chariot.webconsole}; optional, every key has a default. */
@ObjectClassDefinition(id = ConsoleConfig.PID, name = "Chariot web console", description = "Console sessions")
@interface ConsoleConfig {

    String PID = "fr.chariot.webconsole";

    @AttributeDefinition(min = "1", description = "A session ends after this many minutes without a request")
    int sessionIdleMinutes() default 30;

    @AttributeDefinition(min = "1", description = "A session ends this many hours after its login, however busy")
    int sessionMaxHours() default 12;
}
