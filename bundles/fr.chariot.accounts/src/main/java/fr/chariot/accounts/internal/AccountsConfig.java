package fr.chariot.accounts.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code fr.chariot.accounts}; optional, every key has a default. */
@ObjectClassDefinition(id = AccountsConfig.PID, name = "Chariot accounts",
        description = "Console and REST API users")
@interface AccountsConfig {

    String PID = "fr.chariot.accounts";

    @AttributeDefinition(min = "1", description = "How long a REST API bearer token is accepted, in minutes "
            + "(default 720: a working day)")
    int tokenLifetimeMinutes() default 720;
}
