"""How often Arabic words are written in general text: evidence for light stemming.

Whether the first letter of وزير is the conjunction و, or the ان of لبنان a dual
ending, cannot be read from the word; it can be read from how Arabic is written.
The counts come from wordfreq's large Arabic list (CC BY-SA 4.0; see
``build_lexicon``), so a ten-file folder is analysed as well as a large one.
"""

import lzma
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def counts() -> dict[str, int]:
    """``{normalised word: occurrences per billion words}``."""
    raw = resources.files(__package__).joinpath("lexicon.txt.xz").read_bytes()
    found: dict[str, int] = {}
    count = 0
    for line in lzma.decompress(raw).decode("utf-8").splitlines():
        if line.startswith("#"):
            if line[1:].isdigit():
                count = int(line[1:])
        else:
            found[line] = count
    return found


def frequency(word: str) -> int:
    """Occurrences of the normalised ``word`` per billion words; 0 if it is rarer
    than the lexicon records."""
    return counts().get(word, 0)
