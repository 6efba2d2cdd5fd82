#!/usr/bin/env python3
"""Makes the tiny CLIP-shaped models the tests load, and the reference values the Java code is checked against.

The models have random weights and are a few kilobytes: they prove loading, preprocessing, tokenising, batching,
storage and search, never the quality of real embeddings. Their contract is that of the common ONNX exports:

    visual/model.onnx     pixel_values float32 [N, 3, S, S]  ->  image_embeds float32 [N, D]
    textual/model.onnx    input_ids    int64   [N, L]        ->  text_embeds  float32 [N, D]
    visual/preprocess_cfg.json, textual/tokenizer.json (Hugging Face format, CLIP byte-level BPE), config.json

The vocabulary is CLIP's construction (the 256 byte symbols, the same with the end-of-word mark, merges learnt
from a text, then the two special tokens) on a small text instead of CLIP's 49,408 tokens, so the token ids in
reference.json come from the reference algorithm (openai/CLIP's simple_tokenizer, written out below) on that
vocabulary. The reference pixel tensor follows Pillow's bicubic resampling (separable, antialiased, rounded to
bytes after each pass) and torchvision's Resize(shortest side) and CenterCrop.

Needs onnx and numpy only:  python3 scripts/make_tiny_clip.py src/test/resources/tiny-clip
"""
import html
import json
import os
import re
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

SIZE = 224
DIM = 16
CONTEXT = 77
MEAN = [0.48145466, 0.4578275, 0.40821073]
STD = [0.26862954, 0.26130258, 0.27577711]
MERGES = 400
CORPUS = """a photo of a cat sitting on a red sofa. a dog running on the beach at sunset.
the mountains under snow, a lake with a boat. two children playing football in the park.
a bowl of fruit on a wooden table; apples, oranges and bananas. the city at night with lights.
a portrait of a woman smiling. an old car parked in the street. birds flying over the sea.
a green forest after rain, a red bicycle, a blue door, a yellow flower in a garden.
photos of cats and dogs, the beach, the sea, the sunset, the mountains, the snow, the lake."""


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


BYTE_ENCODER = bytes_to_unicode()
# CLIP's pattern with \p{L} as [^\W\d_] and \p{N} as \d: the same on the ASCII and Latin text used here
PATTERN = re.compile(r"""<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[^\W\d_]+|\d|(?:[^\s\w]|_)+""",
                     re.IGNORECASE)


def clean(text):
    text = html.unescape(html.unescape(text)).strip()
    return re.sub(r"\s+", " ", text).strip().lower()


def words(text):
    return ["".join(BYTE_ENCODER[b] for b in token.encode("utf-8")) for token in PATTERN.findall(clean(text))]


def learn_merges(text, count):
    """Byte-pair merges learnt from text, most frequent pair first (ties by first appearance)."""
    vocab = {}
    for w in words(text):
        key = tuple(w[:-1]) + (w[-1] + "</w>",)
        vocab[key] = vocab.get(key, 0) + 1
    merges = []
    for _ in range(count):
        pairs = {}
        for word, freq in vocab.items():
            for a, b in zip(word, word[1:]):
                pairs[(a, b)] = pairs.get((a, b), 0) + freq
        if not pairs:
            break
        best = max(pairs, key=lambda p: pairs[p])
        merges.append(best)
        merged = {}
        for word, freq in vocab.items():
            out, i = [], 0
            while i < len(word):
                if i < len(word) - 1 and (word[i], word[i + 1]) == best:
                    out.append(word[i] + word[i + 1])
                    i += 2
                else:
                    out.append(word[i])
                    i += 1
            merged[tuple(out)] = freq
        vocab = merged
    return merges


class SimpleTokenizer:
    """openai/CLIP simple_tokenizer.py, on a given merge list."""

    def __init__(self, merges):
        vocab = list(BYTE_ENCODER.values())
        vocab = vocab + [v + "</w>" for v in vocab]
        vocab += ["".join(m) for m in merges]
        vocab += ["<|startoftext|>", "<|endoftext|>"]
        self.encoder = dict(zip(vocab, range(len(vocab))))
        self.ranks = dict(zip(merges, range(len(merges))))

    def bpe(self, token):
        word = tuple(token[:-1]) + (token[-1] + "</w>",)
        while len(word) > 1:
            pairs = set(zip(word, word[1:]))
            bigram = min(pairs, key=lambda p: self.ranks.get(p, float("inf")))
            if bigram not in self.ranks:
                break
            first, second = bigram
            new, i = [], 0
            while i < len(word):
                try:
                    j = word.index(first, i)
                    new.extend(word[i:j])
                    i = j
                except ValueError:
                    new.extend(word[i:])
                    break
                if word[i] == first and i < len(word) - 1 and word[i + 1] == second:
                    new.append(first + second)
                    i += 2
                else:
                    new.append(word[i])
                    i += 1
            word = tuple(new)
        return word

    def encode(self, text, context=CONTEXT):
        ids = [self.encoder[t] for w in words(text) for t in self.bpe(w)]
        ids = [self.encoder["<|startoftext|>"]] + ids[: context - 2] + [self.encoder["<|endoftext|>"]]
        return ids + [0] * (context - len(ids))


def cubic(x, a=-0.5):
    x = abs(x)
    if x < 1:
        return ((a + 2) * x - (a + 3)) * x * x + 1
    if x < 2:
        return (((x - 5) * x + 8) * x - 4) * a
    return 0.0


def resample_axis(src, out_size):
    """Pillow's ImagingResample on axis 0 of an array of bytes: antialiased bicubic, rounded and clipped to bytes."""
    in_size = src.shape[0]
    scale = in_size / out_size
    filterscale = max(scale, 1.0)
    support = 2.0 * filterscale
    out = np.zeros((out_size,) + src.shape[1:], dtype=np.float64)
    for x in range(out_size):
        center = (x + 0.5) * scale
        xmin = max(int(center - support + 0.5), 0)
        xmax = min(int(center + support + 0.5), in_size)
        w = np.array([cubic((i - center + 0.5) / filterscale) for i in range(xmin, xmax)])
        w = w / w.sum() if w.sum() != 0 else w
        out[x] = np.tensordot(w, src[xmin:xmax].astype(np.float64), axes=(0, 0))
    return np.clip(np.floor(out + 0.5), 0, 255).astype(np.uint8)


def preprocess(rgb):
    """torchvision Resize(SIZE) on the shortest side (bicubic), CenterCrop(SIZE), ToTensor, Normalize."""
    h, w = rgb.shape[:2]
    if w <= h:
        nw, nh = SIZE, int(SIZE * h / w)
    else:
        nh, nw = SIZE, int(SIZE * w / h)
    img = rgb
    if (nh, nw) != (h, w):
        img = resample_axis(img.transpose(1, 0, 2), nw).transpose(1, 0, 2)  # horizontal pass first, as Pillow
        img = resample_axis(img, nh)
    top, left = int(round((nh - SIZE) / 2.0)), int(round((nw - SIZE) / 2.0))
    img = img[top:top + SIZE, left:left + SIZE].astype(np.float32) / 255.0
    return ((img - np.array(MEAN, np.float32)) / np.array(STD, np.float32)).transpose(2, 0, 1)


def test_image(width, height):
    """A picture with colour gradients and sharp edges, the same in Java's test (TinyClipReference)."""
    y, x = np.mgrid[0:height, 0:width]
    r = (x * 255 // max(width - 1, 1))
    g = (y * 255 // max(height - 1, 1))
    b = ((x // 7 + y // 5) % 2) * 200 + 20
    return np.stack([r, g, b], axis=-1).astype(np.uint8)


def save(model, path):
    model.opset_import[0].version = 17
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, path)


def main(out):
    rng = np.random.default_rng(20240601)
    os.makedirs(os.path.join(out, "visual"), exist_ok=True)
    os.makedirs(os.path.join(out, "textual"), exist_ok=True)

    patch = 16
    conv_w = rng.normal(0, 0.05, (8, 3, patch, patch)).astype(np.float32)
    proj_v = rng.normal(0, 0.5, (8, DIM)).astype(np.float32)
    visual = helper.make_graph([
        helper.make_node("Conv", ["pixel_values", "conv_w"], ["patches"], strides=[patch, patch]),
        helper.make_node("Relu", ["patches"], ["active"]),
        helper.make_node("GlobalAveragePool", ["active"], ["pooled"]),
        helper.make_node("Flatten", ["pooled"], ["flat"]),
        helper.make_node("MatMul", ["flat", "proj_v"], ["image_embeds"]),
    ], "tiny_clip_visual",
        [helper.make_tensor_value_info("pixel_values", TensorProto.FLOAT, ["batch", 3, SIZE, SIZE])],
        [helper.make_tensor_value_info("image_embeds", TensorProto.FLOAT, ["batch", DIM])],
        [numpy_helper.from_array(conv_w, "conv_w"), numpy_helper.from_array(proj_v, "proj_v")])
    save(helper.make_model(visual, producer_name="make_tiny_clip"), os.path.join(out, "visual", "model.onnx"))

    merges = learn_merges(CORPUS, MERGES)
    tok = SimpleTokenizer(merges)
    vocab_size = len(tok.encoder)
    table = rng.normal(0, 0.5, (vocab_size, DIM)).astype(np.float32)
    textual = helper.make_graph([
        helper.make_node("Gather", ["table", "input_ids"], ["tokens"]),
        helper.make_node("ReduceMean", ["tokens"], ["text_embeds"], axes=[1], keepdims=0),
    ], "tiny_clip_textual",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", CONTEXT])],
        [helper.make_tensor_value_info("text_embeds", TensorProto.FLOAT, ["batch", DIM])],
        [numpy_helper.from_array(table, "table")])
    textual_model = helper.make_model(textual, producer_name="make_tiny_clip")
    textual_model.opset_import[0].version = 17
    save(textual_model, os.path.join(out, "textual", "model.onnx"))

    with open(os.path.join(out, "textual", "tokenizer.json"), "w") as f:
        json.dump({"version": "1.0", "added_tokens": [
            {"id": tok.encoder["<|startoftext|>"], "content": "<|startoftext|>", "special": True},
            {"id": tok.encoder["<|endoftext|>"], "content": "<|endoftext|>", "special": True}],
            "model": {"type": "BPE", "end_of_word_suffix": "</w>", "vocab": tok.encoder,
                      "merges": [a + " " + b for a, b in merges]}}, f, ensure_ascii=False)
    with open(os.path.join(out, "visual", "preprocess_cfg.json"), "w") as f:
        json.dump({"size": [SIZE, SIZE], "mode": "RGB", "mean": MEAN, "std": STD, "interpolation": "bicubic",
                   "resize_mode": "shortest", "fill_color": 0}, f, indent=2)
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump({"embed_dim": DIM, "vision_cfg": {"image_size": SIZE, "patch_size": patch},
                   "text_cfg": {"context_length": CONTEXT, "vocab_size": vocab_size}}, f, indent=2)

    texts = ["a photo of a cat", "A dog, running on the BEACH at sunset!", "the sea's waves don't stop",
             "zebra xylophone 2024", "caf\u00e9 &amp; cr\u00e8me", "  two   children\tplaying  "]
    ids = [tok.encode(t) for t in texts]
    image = test_image(300, 240)
    pixels = preprocess(image)
    feats = np.maximum(0, np.einsum("ocij,chiwj->ohw", conv_w,
                                    pixels.reshape(3, SIZE // patch, patch, SIZE // patch, patch)))
    image_embed = feats.mean(axis=(1, 2)) @ proj_v
    text_embeds = [table[np.array(i)].mean(axis=0) for i in ids]
    unit = lambda v: (v / np.linalg.norm(v)).round(6).tolist()
    with open(os.path.join(out, "reference.json"), "w") as f:
        json.dump({"texts": texts, "token_ids": [i[:next(k for k in range(CONTEXT, 0, -1) if i[k - 1] != 0)]
                                                  for i in ids],
                   "image": [300, 240], "pixel_sums": pixels.sum(axis=(1, 2)).round(4).tolist(),
                   "pixel_samples": {f"{c},{y},{x}": round(float(pixels[c, y, x]), 5)
                                     for c in range(3) for y in (0, 37, 111, 200, 223) for x in (0, 59, 112, 223)},
                   "image_embedding": unit(image_embed), "text_embeddings": [unit(v) for v in text_embeds]}, f,
                  indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "src/test/resources/tiny-clip")
