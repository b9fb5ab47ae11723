package io.cephsmb.vfs;

/**
 * One directory entry with its attributes, as read in the same pass as the name.
 *
 * @param name the entry's name (never {@code "."} or {@code ".."})
 * @param stat its attributes, not following a symbolic link
 * @param cookie the entry's position in its {@link DirStream}: 1 for the first entry returned after
 *     opening or rewinding, then 2, 3, ... (an SMB FileIndex, informational)
 */
public record DirEntry(String name, VfsStat stat, long cookie) {}
