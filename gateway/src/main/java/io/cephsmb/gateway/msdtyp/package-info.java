/**
 * [MS-DTYP] security data types: {@link io.cephsmb.gateway.msdtyp.Sid} (2.4.2), {@link
 * io.cephsmb.gateway.msdtyp.Ace} (2.4.4), {@link io.cephsmb.gateway.msdtyp.Acl} (2.4.5) and {@link
 * io.cephsmb.gateway.msdtyp.SecurityDescriptor} (2.4.6, self-relative form), immutable, with
 * checking decoders ({@link io.cephsmb.gateway.msdtyp.DtypException} for malformed input).
 */
package io.cephsmb.gateway.msdtyp;
