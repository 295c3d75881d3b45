#!/usr/bin/python3
"""Builds the SentencePiece fixture for the tokenizer tests.

Trains a tiny unigram model with SigLIP's special-token layout (<pad> = 0, </s> = 1, <unk> = 2,
no <s>) on a corpus this script writes itself, then records what the reference library makes of
a set of awkward inputs. The C# tokenizer must reproduce those ids exactly.

Needs Debian's python3-sentencepiece (apt-get install python3-sentencepiece); run it with
/usr/bin/python3 from the repository root. Output goes to
tests/Shoebox.Tests/Models/Tokenizers/Fixtures/.
"""

import itertools
import json
import os
import re
import string
import tempfile

import sentencepiece as spm

OUT_DIR = os.path.join("tests", "Shoebox.Tests", "Models", "Tokenizers", "Fixtures")
MODEL_NAME = "tiny-unigram"

SUBJECTS = [
    "a cat", "the dog", "my grandmother", "two children", "a red bicycle", "the old harbour",
    "a birthday cake", "our garden", "the mountains", "a sleepy puppy", "the city at night",
    "a crowded beach", "an empty street", "the kitchen table", "a wedding party", "café owners",
    "the naïve painter", "a crème brûlée", "eleven seagulls", "the school bus",
]
VERBS = [
    "sitting on", "running across", "looking at", "standing near", "hiding under",
    "photographed in front of", "walking through", "sleeping beside", "laughing about",
]
PLACES = [
    "the sofa", "a sunny meadow", "the frozen lake", "the train station", "a snowy forest",
    "the living room", "a rainy window", "the football pitch", "the museum entrance",
    "grandpa's boat", "a market in summer", "the hotel lobby",
]
EXTRA = [
    "Screenshot of a chat from 2019, funny meme with white text.",
    "Holiday photos: Paris, Rome, Zürich and São Paulo.",
    "Receipt scanned on 12.03.2021 - total 45.90 euros!",
    "Is this the best picture ever? Yes, it is.",
    "When you realise it's Monday again...",
    "Family dinner; everyone is smiling (except the cat).",
    "Numbers 0 1 2 3 4 5 6 7 8 9 appear in many captions.",
]
# A loose paragraph so the trainer sees enough distinct words for a few hundred pieces.
PROSE = """
Every autumn we drive north to the lighthouse, where the wind bends the grass flat and the
gulls complain about everything. Uncle Herbert insists on carrying his heavy tripod up the
spiral staircase, although his quick snapshots with the phone always turn out sharper.
Afterwards we queue for chips and vinegar, argue about which postcard to send, and watch
fishermen untangle orange nets while the ferry blows its horn. Somebody always forgets a
jacket; somebody else photographs the puddles because the reflections look dramatic.
Later, scrolling through hundreds of blurry pictures, we keep only the ones with genuine
expressions: surprise, boredom, mischief, delight, and the occasional yawn of a toddler.
Quirky vintage jukebox, zigzag wallpaper, exquisite marmalade, jovial waxwork, frozen yoghurt.
"""

# Cases for the comparison: plain text, case, whitespace, NFKC-affected characters, characters the
# model never saw (CJK, emoji, symbols), runs of unknowns, text that already holds the space symbol.
CASES = [
    "a photo of a cat",
    "A Photo Of A Dog",
    "the dog sitting on the sofa",
    "   leading and   trailing spaces   ",
    "tabs\tand\nnewlines\r\nmixed",
    "",
    "     ",
    "café crème brûlée",
    "the naïve façade",
    "combining e\u0301 accent",
    "\ufb01sh and \ufb02owers",
    "fullwidth \uff21\uff22\uff23 \uff11\uff12\uff13",
    "numbers 2024 and 3.14",
    "don't stop, it's grandpa's boat",
    "punctuation!!! ... ??? ,,, ;;;",
    "\u6771\u4eac\u306e\u732b",
    "emoji \U0001f431\U0001f436 party \U0001f389",
    "unknown \u2206 \u25ca symbols",
    "\u2581already\u2581escaped",
    "zero\u200bwidth space",
    "no\u00a0break\u2003em space",
    "supercalifragilisticexpialidocious",
    "Z",
    "x",
]


# Extra cases for the SigLIP path: case, punctuation and leading oddities that canonicalisation must absorb.
SIGLIP_CASES = CASES + [
    "A Photo, of a CAT!",
    "grandpa's \"boat\" (2019)...",
    "\u200bcat at the start",
    "  --  dash first",
    "!!!",
]


def siglip_reference(model_bytes, text):
    """What Hugging Face's SiglipTokenizer gives (without padding), re-created without transformers installed.

    It loads the model with add_dummy_prefix off; appending a second normalizer_spec holding only that field does
    the same, since protobuf merges repeated message fields. The text gets lowercased, loses ASCII punctuation and
    extra whitespace, is prefixed with the space symbol and then with "<unk>", whose pieces are dropped again.
    """
    no_dummy_prefix = model_bytes + bytes([0x1A, 0x02, 0x18, 0x00])
    sp = spm.SentencePieceProcessor(model_proto=no_dummy_prefix)
    text = ("\u2581" + text.replace("\u2581", " ")).lower()
    text = text.translate(str.maketrans("", "", string.punctuation))
    text = re.sub(r"\s+", " ", text).strip()
    pieces = sp.encode("<unk>" + text)
    unk_length = len(sp.encode("<unk>"))
    return pieces[unk_length:] + [sp.eos_id()]


def write_corpus(path):
    lines = []
    for subject, verb, place in itertools.product(SUBJECTS, VERBS, PLACES):
        lines.append(f"{subject} {verb} {place}.")
    for i, line in enumerate(lines):
        if i % 3 == 0:
            lines[i] = line.capitalize()
    lines.extend(EXTRA * 20)
    lines.extend(line.strip() for line in PROSE.strip().splitlines() * 10)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = os.path.join(tmp, "corpus.txt")
        write_corpus(corpus)
        prefix = os.path.join(tmp, MODEL_NAME)
        spm.SentencePieceTrainer.train(
            input=corpus,
            model_prefix=prefix,
            model_type="unigram",
            vocab_size=300,
            character_coverage=1.0,
            pad_id=0,
            eos_id=1,
            unk_id=2,
            bos_id=-1,
            num_threads=1,
            minloglevel=2,
        )
        with open(prefix + ".model", "rb") as f:
            model_bytes = f.read()

    with open(os.path.join(OUT_DIR, MODEL_NAME + ".model"), "wb") as f:
        f.write(model_bytes)

    sp = spm.SentencePieceProcessor(model_proto=model_bytes)
    cases = [
        {"text": text, "ids": sp.encode(text), "pieces": sp.encode(text, out_type=str)}
        for text in CASES
    ]
    reference = {
        "generator": f"sentencepiece {spm.__version__}",
        "model": MODEL_NAME + ".model",
        "vocab_size": sp.get_piece_size(),
        "pad_id": sp.pad_id(),
        "eos_id": sp.eos_id(),
        "unk_id": sp.unk_id(),
        "bos_id": sp.bos_id(),
        "cases": cases,
        "siglip_cases": [
            {"text": text, "ids": siglip_reference(model_bytes, text)} for text in SIGLIP_CASES
        ],
    }
    with open(os.path.join(OUT_DIR, MODEL_NAME + ".json"), "w", encoding="utf-8") as f:
        json.dump(reference, f, ensure_ascii=True, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
