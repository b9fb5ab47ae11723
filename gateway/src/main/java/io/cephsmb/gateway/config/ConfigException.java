package io.cephsmb.gateway.config;

import io.cephsmb.omapkv.Errno;
import io.cephsmb.omapkv.KvException;

/** A configuration change that cannot be made: the user or share exists, or does not. */
public class ConfigException extends KvException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(Errno.EINVAL, message);
  }
}
