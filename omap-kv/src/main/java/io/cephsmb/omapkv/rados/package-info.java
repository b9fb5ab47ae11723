/**
 * The librados implementation of the {@link io.cephsmb.omapkv.ObjectStore} SPI: {@link
 * io.cephsmb.omapkv.rados.LibradosClient} connects through rados-java and reaches the rest of
 * librados (compound ops, cls_lock, watch/notify, blocklisting) with JNA on the same native
 * handles.
 */
package io.cephsmb.omapkv.rados;
