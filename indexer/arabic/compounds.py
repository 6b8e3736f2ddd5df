"""Names written as one word or two: عبدالله and عبد الله, عبدالعزيز and عبد العزيز.

A name of the form «عبد» + a divine name is written both ways (in the evaluation
collection, عبدالعزيز in 4,121 files and عبد العزيز in 859), and a reader takes
them for one name. Analysis joins the two words into one, at index and query
time alike, so each spelling finds the other. What is joined: «عبد», alone or
after one joined و/ف/ب/ل/ك (وعبد الله), followed by a word that starts with the
article (الله, الرحمن, العزيز) or by «ربه» (عبد ربه).
"""

from collections.abc import Iterable, Iterator, Sequence

from .normalize import normalize
from .tokenize import words

ABD = "عبد"
PROCLITICS = frozenset("وفبلك")
# Second halves that do not start with the article.
WITHOUT_ARTICLE = frozenset({"ربه"})
# Longer than «وعبد» with a mark or two on each letter, a word is not one.
LONGEST = 12


def starts_compound(word: str) -> bool:
    """True for «عبد» as written, alone or after one proclitic."""
    # Every word of every document is asked: letters first, normalising after.
    if len(word) > LONGEST or "ع" not in word or "ب" not in word or "د" not in word:
        return False
    folded = normalize(word)
    return folded == ABD or (len(folded) == 4 and folded[0] in PROCLITICS and folded[1:] == ABD)


def ends_compound(word: str) -> bool:
    """True for a word that completes «عبد» into a name."""
    folded = normalize(word)
    return (folded.startswith("ال") and len(folded) > 3) or folded in WITHOUT_ARTICLE


def is_compound(term: str) -> bool:
    """True for the term of a joined name (عبدالعزيز), which a text may write as two
    words."""
    return term.startswith(ABD) and len(term) > len(ABD) + 1


def joins(first: str, second: str) -> bool:
    """True where ``first`` is «عبد» and ``second`` completes it into a name."""
    return starts_compound(first) and ends_compound(second)


def pairs(texts: Sequence[str]) -> list[int]:
    """Where ``texts`` (words, in order) hold a name in two words: each i whose
    text and the next join. Pairs never overlap: a second half never starts a name."""
    return [
        i
        for i, text in enumerate(texts[:-1])
        # A letter tested inline first: indexing asks this of every word, and a
        # call per word costs more than the rest.
        if "ع" in text and joins(text, texts[i + 1])
    ]


def joined_words(texts: list[str]) -> list[str]:
    """``texts`` with each name in two words as one; ``texts`` itself where there
    is none (most documents)."""
    found = pairs(texts)
    if not found:
        return texts
    out: list[str] = []
    last = 0
    for i in found:
        out += texts[last:i]
        out.append(texts[i] + texts[i + 1])
        last = i + 2
    return out + texts[last:]


def joined_spans(spans: Iterable[tuple[str, int, int]]) -> Iterator[tuple[str, int, int]]:
    """``(surface, start, end)`` spans (``tokenize.words``) with each name in two
    words as one span: the two surfaces joined, from the first's start to the
    second's end. Read one span ahead, so a long text is never held whole."""
    pending = None
    for span in spans:
        if pending is not None and joins(pending[0], span[0]):
            yield pending[0] + span[0], pending[1], span[2]
            pending = None
            continue
        if pending is not None:
            yield pending
        pending = span
    if pending is not None:
        yield pending


def joined_text(text: str) -> str:
    """``text`` with the spaces inside each name in two words removed: a query
    parser that splits on spaces must see the name as one word to analyse it as
    one. Only spaces are removed; a name split by anything else is left as typed."""
    spans = list(words(text))
    out, last = [], 0
    for i in pairs([surface for surface, _, _ in spans]):
        end, start = spans[i][2], spans[i + 1][1]
        if text[end:start].isspace():
            out.append(text[last:end])
            last = start
    return "".join(out) + text[last:]
