"""Names written as one word or two: عبدالله and عبد الله, أبوظبي and أبو ظبي.

Two kinds of name are written both ways, often in one paper and another, and a
reader takes each for one name:

- «عبد» + a divine name (in the evaluation collection, عبدالعزيز in 4,121 files
  and عبد العزيز in 859): «عبد» followed by a word that starts with the article
  (الله, الرحمن, العزيز) or by «ربه» (عبد ربه);
- a kunya or a place of «أبو» (أبوظبي in 223 files and أبو ظبي in 45, أبوبكر
  in 40 and أبو بكر in 116, أبوعريش and أبو عريش in some 30 each): «أبو»
  followed by any word but a function word, a number or an «عبد» name, which
  is joined first (أبو عبد الله is أبو + عبدالله). Only «أبو»: أبي and أبا,
  its other cases, are also "my father" and "refused".

Analysis joins the two words into one, at index and query time alike, so each
spelling finds the other; «عبد» or «أبو» may follow one joined و/ف/ب/ل/ك
(وعبد الله, وأبو بكر).
"""

from collections.abc import Iterable, Iterator, Sequence

from .normalize import normalize
from .stopwords import is_stopword
from .tokenize import words

ABD = "عبد"
# أبو after normalisation (أبي and أبا, its other cases, fold otherwise).
ABU = "ابو"
HEADS = (ABD, ABU)
PROCLITICS = frozenset("وفبلك")
# Second halves of «عبد» that do not start with the article.
WITHOUT_ARTICLE = frozenset({"ربه"})
# Longer than «وعبد» with a mark or two on each letter, a word is not one.
LONGEST = 12


def _head(word: str) -> str | None:
    """«عبد» or «أبو» if ``word`` is one, alone or after one proclitic."""
    # Every word of every document is asked: letters first, normalising after.
    if len(word) > LONGEST or "ب" not in word or ("ع" not in word and "و" not in word):
        return None
    folded = normalize(word)
    if len(folded) == 4 and folded[0] in PROCLITICS:
        folded = folded[1:]
    return folded if folded in HEADS else None


def _completes_abd(word: str) -> bool:
    folded = normalize(word)
    return (folded.startswith("ال") and len(folded) > 3) or folded in WITHOUT_ARTICLE


def _completes_abu(word: str) -> bool:
    folded = normalize(word)
    return (
        len(folded) > 1
        and folded.isalpha()
        and not folded.isascii()
        and not is_stopword(word)
        and not folded.startswith(ABD)
        and _head(word) is None
    )


def is_compound(term: str) -> bool:
    """True for the term of a joined name (عبدالعزيز, ابوظبي), which a text may
    write as two words."""
    return any(term.startswith(head) and len(term) > len(head) + 1 for head in HEADS)


def joins(first: str, second: str) -> bool:
    """True where ``first`` is «عبد» or «أبو» and ``second`` completes it into a name."""
    head = _head(first)
    if head == ABD:
        return _completes_abd(second)
    return head == ABU and _completes_abu(second)


def pairs(texts: Sequence[str]) -> list[int]:
    """Where ``texts`` (words, in order) hold a name in two words: each i whose
    text and the next join. Pairs never overlap: a second half never starts a name."""
    return [
        i
        for i, text in enumerate(texts[:-1])
        # A letter tested inline first: indexing asks this of every word, and a
        # call per word costs more than the rest.
        if "ب" in text and joins(text, texts[i + 1])
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
