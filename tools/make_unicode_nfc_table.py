#!/usr/bin/python3
"""Writes the Unicode tables Shoebox needs for NFC normalisation.

The product builds with InvariantGlobalization, under which string.Normalize leaves text untouched, so Shoebox
carries its own NFC (the CLIP tokenizer, Takeout file-name matching). This dumps Python's unicodedata (Unicode
Character Database, Unicode License V3) into src/Shoebox.Core/Data/unicode_nfc.txt.gz. Hangul syllables are algorithmic and left out.

Line formats (code points in hex):
  c FIRST LAST CLASS   canonical combining class of a range (only non-zero classes are listed)
  d CP FIRST [SECOND]  canonical decomposition (one level) of a character NFC recomposes
  n CP FIRST [SECOND]  canonical decomposition of a character NFC never recomposes (singletons, exclusions)
"""

import gzip
import os
import sys
import unicodedata

OUT = os.path.join("src", "Shoebox.Core", "Data", "unicode_nfc.txt.gz")


def is_hangul_syllable(cp):
    return 0xAC00 <= cp <= 0xD7A3


def main():
    lines = [f"# Unicode {unicodedata.unidata_version} canonical data for NFC; see tools/make_unicode_nfc_table.py"]

    run = None
    for cp in range(sys.maxunicode + 1):
        ccc = unicodedata.combining(chr(cp))
        if run and run[2] == ccc and run[1] == cp - 1:
            run[1] = cp
            continue
        if run and run[2]:
            lines.append(f"c {run[0]:04X} {run[1]:04X} {run[2]}")
        run = [cp, cp, ccc]
    if run and run[2]:
        lines.append(f"c {run[0]:04X} {run[1]:04X} {run[2]}")

    for cp in range(sys.maxunicode + 1):
        if is_hangul_syllable(cp):
            continue
        decomposition = unicodedata.decomposition(chr(cp))
        if not decomposition or decomposition.startswith("<"):
            continue
        parts = decomposition.split()
        recomposes = len(parts) == 2 and unicodedata.normalize("NFC", unicodedata.normalize("NFD", chr(cp))) == chr(cp)
        lines.append(("d " if recomposes else "n ") + f"{cp:04X} " + " ".join(parts))

    with gzip.GzipFile(OUT, "wb", mtime=0) as f:
        f.write(("\n".join(lines) + "\n").encode("ascii"))


if __name__ == "__main__":
    main()
