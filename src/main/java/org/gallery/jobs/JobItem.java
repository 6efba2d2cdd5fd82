package org.gallery.jobs;

import java.util.UUID;

/**
 * One unit of a job's work, in the order it was planned: usually an image. {@code plan} is what the submitter
 * decided for it up front and {@code result} what processing recorded (both handler-defined text, may be null).
 */
public record JobItem(int seq, UUID itemId, String plan, String result) {
}
