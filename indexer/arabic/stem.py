"""Light stemming of normalised Arabic words: strip a proclitic and suffixes, never roots.

The rules start from Larkey's Light10, as Lucene's ArabicStemmer implements it, and add
what it misses (see ``BAHTH``). Input is a word already passed through ``normalize``,
so alef forms are plain ا, ة is ه and ى is ي.
"""
from dataclasses import dataclass, replace
from functools import lru_cache

ARTICLE = "ال"


@dataclass(frozen=True)
class LightStemmer:
    """One proclitic is stripped, then each suffix of ``suffixes`` in turn.

    ``min_stem`` is the shortest stem a prefix or suffix may leave; a single-letter
    proclitic (و) needs one letter more, as in Lucene. ``pronouns`` are object and
    possessive suffixes tried first, and only where a stem of ``min_stem + 2`` letters
    remains, since shorter words end in هم/كم/نا by chance (متهم، مساهم، محاكم).
    """

    prefixes: tuple
    suffixes: tuple
    pronouns: tuple = ()
    repeat_article: bool = False
    min_stem: int = 2

    @lru_cache(maxsize=200_000)  # news text repeats its words
    def stem(self, word):
        if not self._arabic(word):
            return word
        return self._strip_suffixes(self.strip_prefix(word))

    def strip_prefix(self, word):
        """The word without its proclitic; what a prefix query (العلا*) may still use."""
        if not self._arabic(word):
            return word
        for prefix in self.prefixes:
            need = self.min_stem + (1 if len(prefix) == 1 else 0)
            if word.startswith(prefix) and len(word) - len(prefix) >= need:
                word = word[len(prefix):]
                break
        # «الألعاب» folds to «الالعاب»: the article stripped above may hide a second
        # ال that was really أل (أ folded into ا). Stripping it too makes «ألعاب»,
        # «الألعاب» and «العاب» one term, as «التزام» and «الالتزام» are.
        if self.repeat_article and word.startswith(ARTICLE) and len(word) - 2 > self.min_stem:
            word = word[2:]
        return word

    def _arabic(self, word):
        return len(word) > self.min_stem and word.isalpha() and not word.isascii()

    def _strip_suffixes(self, word):
        for suffix in self.pronouns:
            if word.endswith(suffix) and len(word) - len(suffix) >= self.min_stem + 2:
                word = word[: -len(suffix)]
                break
        for suffix in self.suffixes:
            if word.endswith(suffix) and len(word) - len(suffix) >= self.min_stem:
                word = word[: -len(suffix)]
        return word


# Lucene's ArabicStemmer lists, after normalisation (ة and ية are written ه and يه).
LIGHT10 = LightStemmer(
    prefixes=("ال", "وال", "بال", "كال", "فال", "لل", "و"),
    suffixes=("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"),
)

BAHTH = LightStemmer(
    prefixes=("وبال", "وكال", "ولل", "وال", "بال", "كال", "فال", "لل", "ال", "و"),
    suffixes=LIGHT10.suffixes,
    pronouns=("هما", "هم", "كم", "نا"),
    repeat_article=True,
)

# Prepositions and conjunctions written joined to the next word (لكأس، بمصر). Light
# stemming leaves them, since «فريق» or «لبنان» would lose a letter of their own;
# search tries the shorter term only where the index confirms it (search/scoring.py).
PROCLITICS = "بلكف"
_PROCLITIC = LightStemmer(prefixes=tuple(PROCLITICS), suffixes=())


def without_proclitic(term):
    """``term`` without a leading ب/ل/ك/ف, or None if it has none or too little
    would be left (by the stemmer's own rule for a single-letter proclitic)."""
    shorter = _PROCLITIC.strip_prefix(term)
    return shorter if shorter != term else None


# Named so the benchmarks can compare them; "bahth" is the one in use.
STEMMERS = {
    "bahth": BAHTH,
    "bahth-nopronouns": replace(BAHTH, pronouns=()),
    "light10": LIGHT10,
}
