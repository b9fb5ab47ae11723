package io.cephsmb.vfs;

/**
 * File-system usage as {@code statvfs(3)} reports it (FILE_FS_SIZE/FULL_SIZE information).
 *
 * @param blockSize the fundamental block size ({@code f_frsize}) the block counts are in
 * @param totalBlocks size of the file system in blocks
 * @param freeBlocks free blocks
 * @param availableBlocks free blocks available to unprivileged users
 * @param totalFiles inodes (for CephFS: the number of files in the file system)
 * @param freeFiles free inodes; -1 when there is no limit (CephFS)
 * @param maxNameLength longest name component
 */
public record VfsStatFs(
    long blockSize,
    long totalBlocks,
    long freeBlocks,
    long availableBlocks,
    long totalFiles,
    long freeFiles,
    long maxNameLength) {}
