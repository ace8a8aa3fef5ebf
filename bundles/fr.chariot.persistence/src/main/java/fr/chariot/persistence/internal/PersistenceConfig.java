package fr.chariot.persistence.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code fr.chariot.persistence}; the distribution sets it in {@code etc/cm/}. */
@ObjectClassDefinition(id = PersistenceConfig.PID, name = "Chariot persistence",
        description = "Where Chariot keeps its database, and how many connections the server may use at once")
@interface PersistenceConfig {

    String PID = "fr.chariot.persistence";

    @AttributeDefinition(description = "Data folder; the Derby database lives in <dataFolder>/derby/chariot. "
            + "A relative path is resolved against chariot.home")
    String dataFolder() default "data";

    @AttributeDefinition(description = "Folder that receives online backups; empty means <dataFolder>/backups")
    String backupFolder() default "";

    @AttributeDefinition(description = "Most connections open at once", min = "1", max = "200")
    int poolSize() default 16;
}
