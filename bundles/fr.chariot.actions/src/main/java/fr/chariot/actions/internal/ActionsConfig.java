package fr.chariot.actions.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code fr.chariot.actions}; every key has a default. */
@ObjectClassDefinition(id = ActionsConfig.PID, name = "Chariot group actions")
@interface ActionsConfig {

    String PID = "fr.chariot.actions";

    @AttributeDefinition(description = "Days a group action's report is kept; older reports are removed hourly")
    int retentionDays() default 90;
}
