package org.gallery.search.embedding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * CLIP's byte-level BPE tokenizer (openai/CLIP {@code simple_tokenizer.py}), read from a Hugging Face
 * {@code tokenizer.json}: text cleaned (HTML entities, white space) and lower-cased, split by CLIP's pattern, each
 * piece's UTF-8 bytes mapped to CLIP's byte symbols with {@code </w>} closing the word, then merged by rank.
 * Ids are {@code <|startoftext|>}, the tokens, {@code <|endoftext|>}, padded with 0 to the context length (open_clip's
 * convention; the models pool at the end-of-text token, which has the highest id).
 */
final class ClipTokenizer {

    private static final Pattern PIECES = Pattern.compile(
            "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|amp|lt|gt|quot|apos|nbsp);");
    private static final String[] BYTE_SYMBOLS = byteSymbols();

    private final Map<String, Integer> vocab;
    private final Map<String, Integer> ranks;
    private final int startOfText;
    private final int endOfText;
    private final Map<String, int[]> cache = new java.util.concurrent.ConcurrentHashMap<>();

    private ClipTokenizer(Map<String, Integer> vocab, Map<String, Integer> ranks) {
        this.vocab = vocab;
        this.ranks = ranks;
        this.startOfText = require("<|startoftext|>");
        this.endOfText = require("<|endoftext|>");
    }

    static ClipTokenizer load(Path tokenizerJson) throws IOException {
        JsonNode model = JsonMapper.builder().build().readTree(tokenizerJson.toFile()).path("model");
        if (!"BPE".equals(model.path("type").asString(""))) {
            throw new EmbeddingException(tokenizerJson + " is not a BPE tokenizer (CLIP's); SigLIP's SentencePiece "
                    + "tokenizer is not supported");
        }
        Map<String, Integer> vocab = new HashMap<>();
        model.path("vocab").properties().forEach(e -> vocab.put(e.getKey(), e.getValue().asInt()));
        Map<String, Integer> ranks = new HashMap<>();
        for (JsonNode merge : model.path("merges")) {
            String pair = merge.isArray() ? merge.get(0).asString() + " " + merge.get(1).asString() : merge.asString();
            ranks.putIfAbsent(pair, ranks.size());
        }
        return new ClipTokenizer(vocab, ranks);
    }

    private int require(String token) {
        Integer id = vocab.get(token);
        if (id == null) {
            throw new EmbeddingException("The tokenizer has no " + token + " token: not a CLIP vocabulary");
        }
        return id;
    }

    /** Exactly {@code context} ids; a longer text is cut, keeping the end-of-text token last. */
    long[] encode(String text, int context) {
        List<Integer> ids = new ArrayList<>();
        Matcher m = PIECES.matcher(clean(text));
        while (m.find()) {
            for (int id : bpe(symbols(m.group()))) {
                ids.add(id);
            }
        }
        long[] out = new long[context];
        out[0] = startOfText;
        int n = Math.min(ids.size(), context - 2);
        for (int i = 0; i < n; i++) {
            out[i + 1] = ids.get(i);
        }
        out[n + 1] = endOfText;
        return out;
    }

    static String clean(String text) {
        String t = unescape(unescape(text)).strip();
        return t.replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
    }

    private static String unescape(String text) {
        return ENTITY.matcher(text).replaceAll(e -> Matcher.quoteReplacement(switch (e.group(1)) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> "\u00a0";
            default -> {
                String n = e.group(1);
                int code = n.startsWith("#x") || n.startsWith("#X") ? Integer.parseInt(n.substring(2), 16)
                        : Integer.parseInt(n.substring(1));
                yield Character.isValidCodePoint(code) ? Character.toString(code) : e.group();
            }
        }));
    }

    private static String symbols(String piece) {
        var out = new StringBuilder();
        for (byte b : piece.getBytes(StandardCharsets.UTF_8)) {
            out.append(BYTE_SYMBOLS[b & 0xff]);
        }
        return out.toString();
    }

    private int[] bpe(String token) {
        return cache.computeIfAbsent(token, t -> {
            List<String> word = new ArrayList<>();
            int[] cps = t.codePoints().toArray();
            for (int i = 0; i < cps.length; i++) {
                word.add(Character.toString(cps[i]) + (i == cps.length - 1 ? "</w>" : ""));
            }
            while (word.size() > 1) {
                int best = Integer.MAX_VALUE;
                String first = null;
                String second = null;
                for (int i = 0; i + 1 < word.size(); i++) {
                    Integer rank = ranks.get(word.get(i) + " " + word.get(i + 1));
                    if (rank != null && rank < best) {
                        best = rank;
                        first = word.get(i);
                        second = word.get(i + 1);
                    }
                }
                if (first == null) {
                    break;
                }
                List<String> merged = new ArrayList<>(word.size());
                for (int i = 0; i < word.size(); i++) {
                    if (i + 1 < word.size() && word.get(i).equals(first) && word.get(i + 1).equals(second)) {
                        merged.add(first + second);
                        i++;
                    } else {
                        merged.add(word.get(i));
                    }
                }
                word = merged;
            }
            return word.stream().mapToInt(s -> {
                Integer id = vocab.get(s);
                if (id == null) {
                    throw new EmbeddingException("The tokenizer's vocabulary has no entry for " + s);
                }
                return id;
            }).toArray();
        });
    }

    /** CLIP's (GPT-2's) printable stand-ins for the 256 byte values. */
    private static String[] byteSymbols() {
        List<Integer> bs = new ArrayList<>();
        for (int b = '!'; b <= '~'; b++) {
            bs.add(b);
        }
        for (int b = 0xa1; b <= 0xac; b++) {
            bs.add(b);
        }
        for (int b = 0xae; b <= 0xff; b++) {
            bs.add(b);
        }
        String[] out = new String[256];
        for (int b : bs) {
            out[b] = Character.toString(b);
        }
        int n = 0;
        for (int b = 0; b < 256; b++) {
            if (out[b] == null) {
                out[b] = Character.toString(256 + n++);
            }
        }
        return Arrays.copyOf(out, 256);
    }
}
