/**
 * Typed calls of the object classes a stock Ceph OSD loads ({@code osd class default list}):
 * cls_version ({@link io.cephsmb.omapkv.cls.ClsVersion}) and cls_cmpomap ({@link
 * io.cephsmb.omapkv.cls.ClsCmpOmap}), with their inputs and outputs in Ceph's little-endian
 * encoding ({@link io.cephsmb.omapkv.cls.CephEncoding}). cls_lock is in the store API itself.
 */
package io.cephsmb.omapkv.cls;
