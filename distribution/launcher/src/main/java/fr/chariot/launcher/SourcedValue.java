package fr.chariot.launcher;

/** A setting's value as written, before expansion, with the layer it came from. */
record SourcedValue(String value, SettingOrigin origin) {
}
