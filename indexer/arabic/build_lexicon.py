"""Derive ``lexicon.txt.xz`` from wordfreq's large Arabic word list, and from it
the first parts of words written in two (compounds.FIRST_PARTS).

    pip install wordfreq==3.1.1 && python -m indexer.arabic.build_lexicon
    python -m indexer.arabic.build_lexicon --first-parts   # the second only

wordfreq (Robyn Speer, data CC BY-SA 4.0) counts words in Wikipedia, subtitles,
news, books, web text and social media, so it shows how Arabic is written in
general, not in one folder. Words are normalised as analysis normalises them and
their frequencies summed; those written at least MIN_PER_BILLION times in a
billion words are kept, as counts per billion, grouped under a ``#count`` line.
"""

import lzma
import re
import sys
from pathlib import Path

from . import lexicon
from .compounds import derive_first_parts, write_first_parts
from .normalize import normalize

MIN_PER_BILLION = 50
OUT = Path(__file__).with_name("lexicon.txt.xz")
HEADER = """\
# Arabic word frequencies per billion words, normalised as bahth normalises words.
# Derived from wordfreq 3.1.1 (https://github.com/rspeer/wordfreq), large Arabic list,
# by indexer/arabic/build_lexicon.py. Licence: CC BY-SA 4.0, as wordfreq's data.
"""
_ARABIC_WORD = re.compile(r"[\u0621-\u064a]+")


def frequencies() -> dict[str, int]:
    import wordfreq  # a build-time dependency only

    found: dict[str, float] = {}
    for word, share in wordfreq.get_frequency_dict("ar", wordlist="large").items():
        if _ARABIC_WORD.fullmatch(word):
            key = normalize(word)
            found[key] = found.get(key, 0.0) + share
    return {w: round(share * 1e9) for w, share in found.items() if share * 1e9 >= MIN_PER_BILLION}


def write(counts: dict[str, int], path: Path = OUT) -> None:
    lines, last = [HEADER.rstrip("\n")], None
    for word, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        if count != last:
            lines.append(f"#{count}")
            last = count
        lines.append(word)
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.write_bytes(lzma.compress(data, preset=9 | lzma.PRESET_EXTREME))


if __name__ == "__main__":
    if "--first-parts" not in sys.argv[1:]:
        counts = frequencies()
        write(counts)
        print(f"{len(counts)} words written to {OUT}")
        lexicon.counts.cache_clear()
    parts = derive_first_parts(lexicon.counts())
    write_first_parts(parts)
    print(f"{len(parts)} first parts written beside {OUT}")
