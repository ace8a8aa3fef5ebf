package fr.chariot.groups.internal.service;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the groups service (PID {@value #PID}). */
@ObjectClassDefinition(id = GroupsConfig.PID, name = "Chariot groups",
        description = "Static and smart device groups")
public @interface GroupsConfig {

    String PID = "fr.chariot.groups";

    @AttributeDefinition(name = "Time zone",
            description = "Time zone of the colleges: where the day of a before / after date criterion starts")
    String timeZone() default "Europe/Paris";

    @AttributeDefinition(name = "Time criteria recompute (minutes)",
            description = "How often smart groups whose criteria depend on the clock (N days ago, stale) are "
                    + "recomputed, since no inventory event announces that time passed")
    int timeRecomputeMinutes() default 60;
}
