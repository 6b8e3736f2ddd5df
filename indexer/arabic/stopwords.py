"""The Arabic stopword list, matched on words as written.

Stopwords are compared before letter forms are folded, as Lucene's ArabicAnalyzer
does: folding ى into ي first made the name «علي» the preposition «على», and
«آلية» the pronoun form «إليه». Only marks, tatweel and the hamza of أ and إ before
the last letter are set aside, and a final ي may be written ى (فى, الذى), as Egyptian print writes it.
"""

from functools import lru_cache
from importlib import resources

from .normalize import normalize, written_letters

# آ is kept (آية, a verse, is not أية, which), and so is a final أ (هنأ, congratulated,
# is not هنا, here): the hamza people leave out is the one that starts a syllable.
_ALEFS = str.maketrans("أإ", "اا")


def key(word: str) -> str:
    """The form in which a word is compared with the list."""
    letters = written_letters(word)
    return letters[:-1].translate(_ALEFS) + letters[-1:]


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The stopwords, as keys, with the ى spelling of a final ي."""
    text = resources.files(__package__).joinpath("stopwords.txt").read_text(encoding="utf-8")
    found: set[str] = set()
    for line in text.splitlines():
        word = key(line.strip())
        if word and not line.startswith("#"):
            found.add(word)
            if word.endswith("ي"):
                found.add(word[:-1] + "ى")
    return frozenset(found)


def is_stopword(word: str) -> bool:
    """True when ``word``, as written, is a function word."""
    return key(word) in stopwords()


@lru_cache(maxsize=1)
def stopword_forms() -> frozenset[str]:
    """The stopwords as normalisation writes them: إليه as اليه, which آلية is too."""
    return frozenset(normalize(word) for word in stopwords())
