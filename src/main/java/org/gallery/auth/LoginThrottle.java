package org.gallery.auth;

import java.time.Duration;
import java.util.Locale;
import org.gallery.cache.SharedCounters;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing, per account and per client address: after a few failures each further one makes
 * the next attempt wait twice as long (2 s, 4 s, 8 s ... at most 15 minutes). Counts are shared by every instance
 * when Redis is configured. A success clears the account's count, not the address's.
 */
@Component
class LoginThrottle {

    static final int ACCOUNT_FREE_FAILURES = 4;
    static final int ADDRESS_FREE_FAILURES = 19;
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final long MAX_WAIT_SECONDS = 900;

    private final SharedCounters counters;

    LoginThrottle(SharedCounters counters) {
        this.counters = counters;
    }

    /** How long this attempt must wait; zero when it may go ahead. */
    Duration wait(String name, String address) {
        Duration account = counters.remaining(blockKey(accountKey(name)));
        Duration client = counters.remaining(blockKey(addressKey(address)));
        return account.compareTo(client) >= 0 ? account : client;
    }

    void failed(String name, String address) {
        count(accountKey(name), ACCOUNT_FREE_FAILURES);
        count(addressKey(address), ADDRESS_FREE_FAILURES);
    }

    void succeeded(String name) {
        counters.delete(accountKey(name));
        counters.delete(blockKey(accountKey(name)));
    }

    private void count(String key, int free) {
        long failures = counters.increment(key, WINDOW);
        if (failures > free) {
            long seconds = Math.min(MAX_WAIT_SECONDS, 1L << Math.min(20, failures - free));
            counters.flag(blockKey(key), Duration.ofSeconds(seconds));
        }
    }

    private static String accountKey(String name) {
        return "login:account:" + (name == null ? "" : name.strip().toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "login:address:" + address;
    }

    private static String blockKey(String key) {
        return key + ":wait";
    }
}
