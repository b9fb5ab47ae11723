/**
 * [C706] chapter 14 NDR 2.0 (little-endian) marshalling driven by a declarative type model: an
 * interface is described once as {@link io.cephsmb.dcerpc.ndr.NdrType} values and {@link
 * io.cephsmb.dcerpc.ndr.Operation}s, and one engine walks the description to marshal Java values
 * (numbers, strings, lists, maps, {@link io.cephsmb.dcerpc.ndr.UnionValue}, {@link
 * io.cephsmb.dcerpc.ndr.ContextHandle}) and back.
 */
package io.cephsmb.dcerpc.ndr;
