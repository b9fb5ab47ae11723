package io.cephsmb.dcerpc.ndr;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An operation described once: opnum, parameters in IDL order and the return type (null for void).
 * The request stub is its [in] parameters in order, the response stub its [out] parameters in order
 * followed by the return value ([C706] 14.3.11 / 12.6.4.9).
 */
public record Operation(String name, int opnum, List<Param> params, NdrType returnType) {
  /** Key of the return value in a response map. */
  public static final String RETURN = "return";

  public Operation {
    params = List.copyOf(params);
  }

  /** Reads a request stub into a map of [in] parameters by name. */
  public Map<String, Object> decodeRequest(byte[] stub) throws NdrException {
    NdrUnmarshaller u = new NdrUnmarshaller(stub);
    Map<String, Object> values = new LinkedHashMap<>();
    for (Param p : params) {
      if (p.direction().isIn()) {
        values.put(p.name(), u.parameter(p.type()));
      }
    }
    return values;
  }

  /** Writes a request stub from [in] parameters by name. */
  public byte[] encodeRequest(Map<String, ?> values) {
    NdrMarshaller m = new NdrMarshaller();
    for (Param p : params) {
      if (p.direction().isIn()) {
        m.parameter(p.type(), values.get(p.name()));
      }
    }
    return m.toByteArray();
  }

  /** Writes a response stub from [out] parameters and {@link #RETURN} by name. */
  public byte[] encodeResponse(Map<String, ?> values) {
    NdrMarshaller m = new NdrMarshaller();
    for (Param p : params) {
      if (p.direction().isOut()) {
        m.parameter(p.type(), values.get(p.name()));
      }
    }
    if (returnType != null) {
      m.construct(returnType, values.get(RETURN));
    }
    return m.toByteArray();
  }

  /** Reads a response stub into [out] parameters and {@link #RETURN} by name. */
  public Map<String, Object> decodeResponse(byte[] stub) throws NdrException {
    NdrUnmarshaller u = new NdrUnmarshaller(stub);
    Map<String, Object> values = new LinkedHashMap<>();
    for (Param p : params) {
      if (p.direction().isOut()) {
        values.put(p.name(), u.parameter(p.type()));
      }
    }
    if (returnType != null) {
      values.put(RETURN, u.construct(returnType));
    }
    return values;
  }
}
