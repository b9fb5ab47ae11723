package io.cephsmb.omapkv;

/**
 * One holder of a cls_lock lock.
 *
 * @param client the holder's entity name, e.g. {@code client.4123}
 * @param cookie the holder's cookie
 * @param address the holder's address in the form {@link RadosClient#address()} gives and {@link
 *     RadosClient#blocklistAdd} takes, e.g. {@code 127.0.0.1:0/1880531641}
 * @param tag the lock's tag
 * @param exclusive whether the lock is exclusive
 */
public record Locker(String client, String cookie, String address, String tag, boolean exclusive) {}
