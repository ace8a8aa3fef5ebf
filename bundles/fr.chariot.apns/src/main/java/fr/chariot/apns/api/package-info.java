/**
 * Apple Push Notification service for MDM: the push certificate (its UID is the MDM topic) and the pushes that
 * wake devices so they connect and fetch their commands.
 */
@Export
@Version("1.0.0")
package fr.chariot.apns.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
