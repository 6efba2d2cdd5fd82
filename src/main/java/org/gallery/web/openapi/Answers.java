package org.gallery.web.openapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What an endpoint answers beyond what its signature shows, for the OpenAPI document. The statuses every endpoint
 * of a shape answers are added without it (400 for parameters or a body, 404 for an id in the path, 415 for a
 * body, 204 for {@code ResponseEntity<Void>}); see {@link ApiResponsesCustomizer}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Answers {

    /** The success status: 201 and 202 come with a {@code Location} header. */
    int value() default 200;

    /** Error statuses this endpoint answers besides the usual ones, each with a problem body. */
    int[] problems() default {};

    /** Media types of a binary success body (files, images, ZIPs) instead of JSON. */
    String[] binary() default {};

    /** Conditional GET: {@code ETag} on the answer, 304 for a matching {@code If-None-Match}. */
    boolean conditional() default false;

    /** {@code Range} requests: 206 with part of the body, 416 for a range outside it. */
    boolean ranges() default false;
}
