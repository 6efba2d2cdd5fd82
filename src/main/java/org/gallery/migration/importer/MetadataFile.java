package org.gallery.migration.importer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gallery.shared.Names;
import org.gallery.tag.TagService;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One metadata file of the old system ({@code X.json} next to {@code X.zip}): read, checked and turned into photoset
 * fields. Known fields are {@code url}, {@code date}, {@code year}, {@code original_filename}, {@code actors} and
 * {@code tags}; every other field, and a known one whose value cannot be understood, is kept as it is in the
 * photoset's {@code extra}. A UTF-8 byte order mark, CRLF line ends and (with a warning) Windows-1252 text are fine.
 */
final class MetadataFile {

    static final int MAX_NAME = 200;
    static final int MAX_URL = 2048;
    static final int MAX_ORIGINAL = 1024;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** The photoset fields a file gives; lists and values are clean, ready for the photoset service. */
    record Fields(String sourceUrl, String date, Integer year, String originalFilename, List<String> actors,
            List<String> tags, Map<String, Object> extra) {
    }

    private final String fileName;
    private final String baseName;
    private final String sha256;
    private final Fields fields;
    private final String error;
    private final List<String> warnings;

    private MetadataFile(String fileName, String sha256, Fields fields, String error, List<String> warnings) {
        this.fileName = fileName;
        this.baseName = baseName(fileName);
        this.sha256 = sha256;
        this.fields = fields;
        this.error = error;
        this.warnings = List.copyOf(warnings);
    }

    /** The file's name in the metadata folder. */
    String fileName() {
        return fileName;
    }

    /** The name without {@code .json} (and without an archive extension before it: {@code X.zip.json}), NFC. */
    String baseName() {
        return baseName;
    }

    String sha256() {
        return sha256;
    }

    /** Null when the file is malformed. */
    Fields fields() {
        return fields;
    }

    boolean malformed() {
        return error != null;
    }

    String error() {
        return error;
    }

    List<String> warnings() {
        return warnings;
    }

    static MetadataFile read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return parse(file.getFileName().toString(), bytes);
    }

    static MetadataFile parse(String fileName, byte[] bytes) {
        String name = Names.clean(fileName);
        String sha = sha256(bytes);
        List<String> warnings = new ArrayList<>();
        String text;
        try {
            text = decode(bytes, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            try {
                text = decode(bytes, WINDOWS_1252);
                warnings.add("not UTF-8; read as Windows-1252 text");
            } catch (CharacterCodingException again) {
                return new MetadataFile(name, sha, null, "not readable as text", warnings);
            }
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            return new MetadataFile(name, sha, null, "malformed JSON: " + firstLine(e.getOriginalMessage()) + location(e), warnings);
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            return new MetadataFile(name, sha, null, "malformed JSON: expected an object { ... } at the top level", warnings);
        }
        return new MetadataFile(name, sha, fields((ObjectNode) root, warnings), null, warnings);
    }

    private static Fields fields(ObjectNode root, List<String> warnings) {
        Map<String, Object> extra = new LinkedHashMap<>();
        String url = null;
        String date = null;
        Integer year = null;
        Integer dateYear = null;
        String original = null;
        List<String> actors = null;
        List<String> tags = null;
        for (var entry : root.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            switch (key.toLowerCase(Locale.ROOT)) {
                case "url" -> {
                    url = text(value, MAX_URL);
                    if (url == null && !isEmpty(value)) {
                        warnings.add("url is not a usable text (kept in extra)");
                        extra.put(key, plain(value));
                    }
                }
                case "original_filename" -> {
                    original = text(value, MAX_ORIGINAL);
                    if (original == null && !isEmpty(value)) {
                        warnings.add("original_filename is not a usable text (kept in extra)");
                        extra.put(key, plain(value));
                    }
                }
                case "date" -> {
                    OldDates.Parsed parsed = value.isIntegralNumber() ? number(value.asLong())
                            : value.isString() ? OldDates.parse(value.asString()) : null;
                    if (parsed != null) {
                        date = parsed.date() == null ? null : parsed.date().toString();
                        dateYear = parsed.year();
                    } else if (!isEmpty(value)) {
                        warnings.add("date " + value + " is not a date in a known format (kept in extra)");
                        extra.put(key, plain(value));
                    }
                }
                case "year" -> {
                    year = value.isNumber() || value.isString() ? OldDates.year(value.asString()) : null;
                    if (year == null && !isEmpty(value)) {
                        warnings.add("year " + value + " is not a four-digit year (kept in extra)");
                        extra.put(key, plain(value));
                    }
                }
                case "actors" -> actors = names("actors", value, warnings);
                case "tags" -> tags = names("tags", value, warnings);
                default -> extra.put(key, plain(value));
            }
        }
        return new Fields(url, date, year != null ? year : dateYear, original, actors, tags, extra.isEmpty() ? null : extra);
    }

    private static OldDates.Parsed number(long n) {
        String digits = Long.toString(n);
        return digits.length() == 8 ? OldDates.parse(digits) : OldDates.parse(n);
    }

    /** A list of names, or one comma-separated text; blank names dropped, over-long ones dropped with a warning. */
    private static List<String> names(String field, JsonNode value, List<String> warnings) {
        List<String> raw = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (item.isString() || item.isNumber()) {
                    raw.add(item.asString());
                } else if (item.isObject() && item.get("name") != null && item.get("name").isString()) {
                    raw.add(item.get("name").asString());
                } else if (!item.isNull()) {
                    warnings.add(field + ": ignored " + item + " (not a name)");
                }
            }
        } else if (value.isString()) {
            raw.addAll(List.of(value.asString().split("[,;]")));
        } else if (!value.isNull()) {
            warnings.add(field + ": ignored " + value + " (expected a list of names)");
            return null;
        } else {
            return null;
        }
        List<String> kept = new ArrayList<>();
        for (String r : raw) {
            String clean = Names.clean(r.replaceAll("\\p{Cntrl}", " "));
            if (clean.isEmpty()) {
                continue;
            }
            if (clean.codePointCount(0, clean.length()) > TagService.MAX_LENGTH) {
                warnings.add(field + ": '" + clean.substring(0, 20) + "...' is longer than " + TagService.MAX_LENGTH
                        + " characters; left out");
                continue;
            }
            kept.add(clean);
        }
        return TagService.clean(kept, field);
    }

    private static String text(JsonNode value, int max) {
        if (!value.isString() && !value.isNumber()) {
            return null;
        }
        String s = value.asString().replaceAll("\\p{Cntrl}", "").strip();
        return s.isEmpty() || s.length() > max ? null : s;
    }

    private static boolean isEmpty(JsonNode value) {
        return value.isNull() || value.isString() && value.asString().isBlank();
    }

    private static Object plain(JsonNode value) {
        return JSON.convertValue(value, Object.class);
    }

    private static String decode(byte[] bytes, Charset charset) throws CharacterCodingException {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }

    static String baseName(String fileName) {
        String name = Names.clean(fileName);
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) {
            name = name.substring(0, name.length() - 5);
            lower = lower.substring(0, lower.length() - 5);
        }
        for (String archive : new String[] {".zip", ".rar"}) {
            if (lower.endsWith(archive) && name.length() > archive.length()) {
                name = name.substring(0, name.length() - archive.length());
                break;
            }
        }
        return Names.clean(name);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static String location(JacksonException e) {
        var loc = e.getLocation();
        return loc == null || loc.getLineNr() < 0 ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
