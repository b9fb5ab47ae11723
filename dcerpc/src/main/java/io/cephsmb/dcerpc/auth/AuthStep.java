package io.cephsmb.dcerpc.auth;

import io.cephsmb.dcerpc.pdu.Octets;

/** The result of one authentication leg: the token to return (maybe empty), and whether done. */
public record AuthStep(Octets token, boolean established) {}
