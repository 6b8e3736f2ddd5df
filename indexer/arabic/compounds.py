"""Names and words written as one word or two: عبدالله and عبد الله, أبوظبي and
أبو ظبي, فيسبوك and فيس بوك.

Three kinds are written both ways, often in one paper and another, and a reader
takes each for one word:

- «عبد» + a divine name (in the evaluation collection, عبدالعزيز in 4,121 files
  and عبد العزيز in 859): «عبد» followed by a word that starts with the article
  (الله, الرحمن, العزيز) or by «ربه» (عبد ربه);
- a kunya or a place of «أبو» (أبوظبي in 223 files and أبو ظبي in 45, أبوبكر
  in 40 and أبو بكر in 116, أبوعريش and أبو عريش in some 30 each): «أبو»
  followed by any word but a function word, a number or an «عبد» name, which
  is joined first (أبو عبد الله is أبو + عبدالله). Its other cases, أبي and
  أبا (علي بن أبي طالب, إن أبا بكر), are also "my father" and "refused": they
  join only a word general text writes with «أبو» as one word (أبوطالب,
  أبوهريرة), and the joined word is written with «أبو», so أبي بكر is أبو بكر;
- a word written in two parts: a foreign name or word (فيسبوك in 398 files and
  فيس بوك in 78, كيلومتر and كيلو متر, بلايستيشن and بلاي ستيشن, نيوجيرسي), or
  one a typist split (المت سارع). Two words are joined where general text (the
  lexicon) writes them as one word often: at least JOINED_SHARE as often as the
  rarer part alone, and JOINED_LEAST times a billion words. Each part needs
  PART_LETTERS letters: shorter ones are heads of names (آل خليفة is not الخليفة,
  the caliph; بن, أم) and spelled-out letters (اس اس is not أساس); and a
  common word (PART_MOST) starts none.

Analysis joins the two words into one, at index and query time alike, so each
spelling finds the other; «عبد» or «أبو» may follow one joined و/ف/ب/ل/ك
(وعبد الله, وأبو بكر), and a first part whatever general text joins to it
(والفيس بوك).
"""

import lzma
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .lexicon import frequency
from .normalize import normalize
from .stopwords import is_stopword
from .tokenize import words

ABD = "عبد"
# أبو after normalisation (أبي and أبا, its other cases, fold otherwise).
ABU = "ابو"
HEADS = (ABD, ABU)
# «أبو» in the genitive and the accusative (علي بن أبي طالب, عن أبي هريرة, إن أبا
# بكر), folded: also "my father" (أبي) and "refused" (أبى, أبا), so these join
# only a word with which general text (the lexicon) writes «أبو» as one word.
ABU_CASES = frozenset({"ابي", "ابا"})
PROCLITICS = frozenset("وفبلك")
# Second halves of «عبد» that do not start with the article.
WITHOUT_ARTICLE = frozenset({"ربه"})
# Longer than «وعبد» with a mark or two on each letter, a word is not one; nor
# longer than «وأبي» with a mark on most letters, a case of «أبو».
LONGEST = 12
CASE_LONGEST = 7
# A word in two parts: each part has this many letters, and general text writes
# the whole this often (per billion words, and against the rarer part). Read in
# the evaluation collection (bench/README.md): at these, 1,271 joins of 127
# pairs, one pair wrong (تمد يدها, "extends her hand", as تمديدها, "its extension").
PART_LETTERS = 3
JOINED_LEAST = 100
JOINED_SHARE = 0.1
# A word this common alone (per billion words) starts no word in two parts: it
# is a word of its own where it stands (نور الدين, محمد علي), and the test is
# asked of every word that could start one.
PART_MOST = 50_000
# The first parts, derived from the lexicon with the figures above
# (``python -m indexer.arabic.build_lexicon --first-parts``).
FIRST_PARTS = "first_parts.txt.xz"


def _head(word: str) -> str | None:
    """«عبد» or «أبو» (in any case: أبي, أبا) if ``word`` is one, alone or after
    one proclitic; the folded form of its case, not «أبو», for the other cases."""
    # Every word of every document is asked: letters first, normalising after.
    if (
        len(word) > LONGEST
        or "ب" not in word
        or (
            "ع" not in word
            and "و" not in word
            and (word[-1] not in "ياى" or len(word) > CASE_LONGEST)
        )
    ):
        return None
    folded = _folded(word)
    if len(folded) == 4 and folded[0] in PROCLITICS:
        folded = folded[1:]
    return folded if folded in HEADS or folded in ABU_CASES else None


def _completes_abd(word: str) -> bool:
    folded = _folded(word)
    return (folded.startswith("ال") and len(folded) > 3) or folded in WITHOUT_ARTICLE


def _completes_abu(word: str) -> bool:
    folded = _folded(word)
    return (
        len(folded) > 1
        and folded.isalpha()
        and not folded.isascii()
        and not is_stopword(word)
        and not folded.startswith(ABD)
        and _head(word) is None
    )


@lru_cache(maxsize=1)
def first_parts() -> dict[str, str]:
    """{first part: the letters its second parts start with} of the lexicon's
    words that may be written in two, each first part as normalised and as typed
    with a hamza on its first alef: indexing asks this of every pair of words,
    and must not normalise them to ask it. Read from FIRST_PARTS, which
    ``derive_first_parts`` writes (deriving it costs 0.3 s, a third of a search
    from the command line)."""
    raw = resources.files(__package__).joinpath(FIRST_PARTS).read_bytes()
    found: dict[str, str] = {}
    for line in lzma.decompress(raw).decode("utf-8").splitlines():
        first, letters = line.split("\t")
        for typed in _seats(first[0]):
            found[typed + first[1:]] = letters
    return found


def derive_first_parts(lexicon: dict[str, int]) -> dict[str, str]:
    """{first part, normalised: the letters its second parts start with} for
    the words of ``lexicon`` (``{word: per billion}``) that may be written in two."""
    starts: defaultdict[str, set[str]] = defaultdict(set)
    count = lexicon.get  # 1.2 million lookups: bound once
    for word, joined in lexicon.items():
        if joined < JOINED_LEAST or len(word) < 2 * PART_LETTERS:
            continue
        # The rarer part is written at most this often alone.
        most = joined / JOINED_SHARE
        for i in range(PART_LETTERS, len(word) - PART_LETTERS + 1):
            first = word[:i]
            alone = count(first, 0)
            if alone < PART_MOST and (alone <= most or count(word[i:], 0) <= most):
                starts[first].add(word[i])
    return {first: "".join(sorted(_seats("".join(letters)))) for first, letters in starts.items()}


def write_first_parts(parts: dict[str, str]) -> None:
    """Writes ``derive_first_parts``'s table to FIRST_PARTS, beside this module."""
    lines = [f"{first}\t{letters}" for first, letters in sorted(parts.items())]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    out = Path(__file__).with_name(FIRST_PARTS)
    out.write_bytes(lzma.compress(data, preset=9 | lzma.PRESET_EXTREME))


def _seats(letters: str) -> str:
    """``letters`` and, with a bare alef, the alefs with a hamza typed for it."""
    return letters + "أإآ" if "ا" in letters else letters


# The words that may start a name or a word in two, and the words after them,
# are common words over and over: each is normalised once. Over 8,000 files
# 86 % of asks are answered here (72 % with 4,096 kept); full, about 17 MB.
@lru_cache(maxsize=1 << 16)
def _folded(word: str) -> str:
    return normalize(word)


def _completes_parts(first: str, second: str) -> bool:
    """True where ``first`` (one of ``first_parts``) and ``second`` are two parts
    of one word, as the lexicon writes it."""
    a, b = _folded(first), _folded(second)
    joined = frequency(a + b)
    return (
        joined >= JOINED_LEAST
        and len(b) >= PART_LETTERS  # ``first``, from first_parts, has enough
        and b.isalpha()
        and not b.isascii()
        and joined >= JOINED_SHARE * min(frequency(a), frequency(b))
        and not is_stopword(first)
        and not is_stopword(second)
    )


def written_apart(term: str, text: str) -> bool:
    """True where ``text`` may write ``term`` as two words: ``term`` is a joined
    name (عبدالعزيز, ابوظبي), or a word in two parts whose first part ``text``
    writes before a space (فيسبوك in «على الفيس بوك»). Most long words could be
    written in two (a typist's مست شفى); only a text that writes a first part
    apart is read word by word for them."""
    if any(term.startswith(head) and len(term) > len(head) + 1 for head in HEADS):
        return True
    return any(
        typed + first[1:] + " " in text
        for first in _first_parts_of(term)
        for typed in _seats(first[0])
    )


def _first_parts_of(term: str) -> Iterator[str]:
    """The first parts ``term`` may be joined from (فيس of فيسبوك)."""
    firsts = first_parts()
    for i in range(PART_LETTERS, len(term) - PART_LETTERS + 1):
        if term[i] in firsts.get(term[:i], ""):
            yield term[:i]


def joins(first: str, second: str) -> bool:
    """True where ``first`` is «عبد» or «أبو» and ``second`` completes it into a
    name, or the two are parts of one word."""
    return _joins_name(first, second) or (
        second[:1] in first_parts().get(first, "") and _completes_parts(first, second)
    )


def _joins_name(first: str, second: str) -> bool:
    head = _head(first)
    if head == ABD:
        return _completes_abd(second)
    if head in ABU_CASES:
        return _completes_abu(second) and frequency(ABU + _folded(second)) > 0
    return head == ABU and _completes_abu(second)


def joined(first: str, second: str) -> str:
    """The one word ``first`` and ``second`` (which join) make: written together,
    «أبو» in any case written «أبو», so أبي بكر is أبو بكر."""
    if first[-1] in "ياى" and _head(first) in ABU_CASES:
        return first[:-1] + "و" + second
    return first + second


def splits(term: str) -> bool:
    """True where ``term`` may be a word in two parts, joined."""
    return next(_first_parts_of(term), None) is not None


def pairs(texts: Sequence[str], parts: bool = True) -> list[int]:
    """Where ``texts`` (words, in order) hold a name or a word in two: each i
    whose text and the next join, read from the left (a second part starts
    nothing). Without ``parts``, names only."""
    firsts = first_parts() if parts else {}
    found = [
        i
        for i, text in enumerate(texts[:-1])
        # Tested inline first: indexing asks this of every word, and a call per
        # word costs more than the rest.
        if ("ب" in text and _joins_name(text, texts[i + 1]))
        or (
            text in firsts
            and texts[i + 1][:1] in firsts[text]
            and _completes_parts(text, texts[i + 1])
        )
    ]
    kept: list[int] = []
    for i in found:
        if not kept or kept[-1] != i - 1:
            kept.append(i)
    return kept


def joined_words(texts: list[str], parts: bool = True) -> list[str]:
    """``texts`` with each name, and each word in two parts (unless not
    ``parts``), as one; ``texts`` itself where there is none (most documents)."""
    found = pairs(texts, parts)
    if not found:
        return texts
    out: list[str] = []
    last = 0
    for i in found:
        out += texts[last:i]
        out.append(joined(texts[i], texts[i + 1]))
        last = i + 2
    return out + texts[last:]


def joined_spans(spans: Iterable[tuple[str, int, int]]) -> Iterator[tuple[str, int, int]]:
    """``(surface, start, end)`` spans (``tokenize.words``) with each name in two
    words as one span: the two surfaces joined, from the first's start to the
    second's end. Read one span ahead, so a long text is never held whole."""
    pending = None
    for span in spans:
        if pending is not None and joins(pending[0], span[0]):
            yield joined(pending[0], span[0]), pending[1], span[2]
            pending = None
            continue
        if pending is not None:
            yield pending
        pending = span
    if pending is not None:
        yield pending


def joined_text(text: str) -> str:
    """``text`` with the spaces inside each name in two words removed (and «أبو»
    written so in any case): a query parser that splits on spaces must see the
    name as one word to analyse it as one. Only spaces are removed; a name split
    by anything else is left as typed."""
    spans = list(words(text))
    out, last = [], 0
    for i in pairs([surface for surface, _, _ in spans]):
        (first, begin, end), (second, start, _) = spans[i], spans[i + 1]
        if text[end:start].isspace():
            whole = joined(first, second)
            out.append(text[last:begin] + whole[: len(whole) - len(second)])
            last = start
    return "".join(out) + text[last:]
