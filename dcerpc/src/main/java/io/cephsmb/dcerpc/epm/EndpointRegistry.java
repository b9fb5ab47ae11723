package io.cephsmb.dcerpc.epm;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The endpoints the endpoint mapper knows; services register and unregister at any time. */
public final class EndpointRegistry {
  private final CopyOnWriteArrayList<Endpoint> endpoints = new CopyOnWriteArrayList<>();

  /** Adds an endpoint (a second registration of an equal endpoint is ignored). */
  public void register(Endpoint e) {
    endpoints.addIfAbsent(e);
  }

  /** Removes an endpoint; true if it was registered. */
  public boolean unregister(Endpoint e) {
    return endpoints.remove(e);
  }

  /** Every endpoint, in registration order. */
  public List<Endpoint> all() {
    return List.copyOf(endpoints);
  }
}
