package org.gallery.photoset;

/** Filters, sort and page of the photoset list. */
public record PhotosetQuery(String q, Integer year, String tag, String actor, String sort, String order,
        Integer limit, String cursor) {
}
