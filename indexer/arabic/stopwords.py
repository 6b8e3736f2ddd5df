"""The Arabic stopword list, compared after normalisation."""
from functools import lru_cache
from importlib import resources

from .normalize import normalize


@lru_cache(maxsize=1)
def stopwords():
    """The normalised stopwords as a frozenset."""
    text = resources.files(__package__).joinpath("stopwords.txt").read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    return frozenset(normalize(w) for w in lines if w and not w.startswith("#"))


def is_stopword(term):
    """True when a normalised term is a function word."""
    return term in stopwords()
