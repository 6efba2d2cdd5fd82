package org.gallery.migration.importer;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dates the old system's metadata files contain: ISO dates and date-times ({@code 2024-07-14},
 * {@code 2024-07-14T10:00:00Z}, {@code 2024-07-14 10:00}), {@code DD/MM/YYYY} (also with dots or dashes, and
 * {@code MM/DD/YYYY} when only that reading is a date), {@code YYYY/MM/DD}, {@code YYYYMMDD}, English month names
 * ({@code 14 July 2024}, {@code 14th Jul 2024}, {@code July 14, 2024}), a month and year or a year alone (a year
 * but no date), and Unix times in seconds or milliseconds.
 */
final class OldDates {

    /** What a value says: a whole date (its year too), or only a year. */
    record Parsed(LocalDate date, Integer year) {
        static Parsed of(LocalDate date) {
            return new Parsed(date, date.getYear());
        }
    }

    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ].*)?");
    private static final Pattern YMD = Pattern.compile("(\\d{4})[/.](\\d{1,2})[/.](\\d{1,2})");
    private static final Pattern DMY = Pattern.compile("(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})");
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile(
            "(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?[\\s.-]+([A-Za-z]+)\\.?,?[\\s.-]+(\\d{4})");
    private static final Pattern MONTH_DAY_YEAR = Pattern.compile(
            "([A-Za-z]+)\\.?[\\s.-]+(\\d{1,2})(?:st|nd|rd|th)?,?[\\s.-]+(\\d{4})");
    private static final Pattern MONTH_YEAR = Pattern.compile("([A-Za-z]+)\\.?,?\\s+(\\d{4})");
    private static final Pattern WEEKDAY = Pattern.compile(
            "(?i)^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\\.?,?\\s+");

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("january", 1), Map.entry("feb", 2), Map.entry("february", 2),
            Map.entry("mar", 3), Map.entry("march", 3), Map.entry("apr", 4), Map.entry("april", 4),
            Map.entry("may", 5), Map.entry("jun", 6), Map.entry("june", 6), Map.entry("jul", 7), Map.entry("july", 7),
            Map.entry("aug", 8), Map.entry("august", 8), Map.entry("sep", 9), Map.entry("sept", 9),
            Map.entry("september", 9), Map.entry("oct", 10), Map.entry("october", 10), Map.entry("nov", 11),
            Map.entry("november", 11), Map.entry("dec", 12), Map.entry("december", 12));

    private OldDates() {
    }

    /** The date in {@code text}, or null when it is none of the known forms (or not a real calendar date). */
    static Parsed parse(String text) {
        if (text == null) {
            return null;
        }
        String s = WEEKDAY.matcher(text.strip().replaceAll("\\s+", " ")).replaceFirst("");
        if (s.isEmpty()) {
            return null;
        }
        Matcher m;
        if ((m = ISO.matcher(s)).matches() || (m = YMD.matcher(s)).matches() || (m = COMPACT.matcher(s)).matches()) {
            return date(m.group(1), m.group(2), m.group(3));
        }
        if ((m = DMY.matcher(s)).matches()) {
            int first = Integer.parseInt(m.group(1));
            int second = Integer.parseInt(m.group(2));
            // DD/MM/YYYY as the old files write it; MM/DD/YYYY only when the day cannot be first
            return second > 12 && first <= 12 ? date(m.group(3), m.group(1), m.group(2)) : date(m.group(3), m.group(2), m.group(1));
        }
        if ((m = DAY_MONTH_YEAR.matcher(s)).matches()) {
            Integer month = month(m.group(2));
            return month == null ? null : date(m.group(3), month.toString(), m.group(1));
        }
        if ((m = MONTH_DAY_YEAR.matcher(s)).matches()) {
            Integer month = month(m.group(1));
            return month == null ? null : date(m.group(3), month.toString(), m.group(2));
        }
        if ((m = MONTH_YEAR.matcher(s)).matches()) {
            return month(m.group(1)) == null ? null : year(Integer.parseInt(m.group(2)));
        }
        if (YEAR.matcher(s).matches()) {
            return year(Integer.parseInt(s));
        }
        return null;
    }

    /** A number in a date field: a year, or a Unix time in seconds or milliseconds. */
    static Parsed parse(long number) {
        if (number >= 1000 && number <= 9999) {
            return year((int) number);
        }
        if (number >= 100_000_000L) {
            try {
                Instant instant = number >= 100_000_000_000L ? Instant.ofEpochMilli(number) : Instant.ofEpochSecond(number);
                return check(LocalDate.ofInstant(instant, ZoneOffset.UTC));
            } catch (DateTimeException e) {
                return null;
            }
        }
        return null;
    }

    /** A year given on its own, as a number or text; null when it is not a four-digit year. */
    static Integer year(String text) {
        String s = text == null ? "" : text.strip();
        if (s.endsWith(".0")) {
            s = s.substring(0, s.length() - 2);
        }
        return YEAR.matcher(s).matches() ? Integer.valueOf(s) : null;
    }

    private static Parsed date(String year, String month, String day) {
        try {
            return check(LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day)));
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static Parsed check(LocalDate date) {
        return date.getYear() < 1000 || date.getYear() > 9999 ? null : Parsed.of(date);
    }

    private static Parsed year(int year) {
        return year < 1000 || year > 9999 ? null : new Parsed(null, year);
    }

    private static Integer month(String name) {
        return MONTHS.get(name.toLowerCase(Locale.ROOT));
    }
}
