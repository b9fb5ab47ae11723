package io.cephsmb.dcerpc.ndr;

/** The value of a discriminated union: its discriminant and the value of the selected arm. */
public record UnionValue(long discriminant, Object arm) {}
