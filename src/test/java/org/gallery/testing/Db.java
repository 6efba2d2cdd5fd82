package org.gallery.testing;

/** The databases every integration test runs against. */
public enum Db {
    SQLITE, POSTGRES
}
