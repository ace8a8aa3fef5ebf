package fr.chariot.groups.api;

/** How a group's members are decided. */
public enum GroupType {
    /** Members are added and removed by a person ("groupe statique"). */
    STATIC,
    /** Members are the college's devices that meet the group's criteria ("groupe intelligent"). */
    SMART
}
