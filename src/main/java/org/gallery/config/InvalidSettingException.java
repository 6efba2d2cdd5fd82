package org.gallery.config;

/** A setting has a value Gallery cannot use; the message is one line naming the variable and what is accepted. */
public class InvalidSettingException extends RuntimeException {

    public InvalidSettingException(String variable, String value, String accepted) {
        super(variable + "=" + quote(value) + " is not valid: " + accepted);
    }

    private static String quote(String value) {
        return value == null ? "(empty)" : "'" + value + "'";
    }
}
