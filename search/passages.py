"""Which parts of a text a snippet shows.

A passage is a sentence that holds matched words, or, for a sentence too long
to show, the stretch of it around its best run of matches. The passages with the
most distinct query words win; none shows text another shows. The list of tags
that ends many news pages («سمات السعودية بوتين روسيا»), or a line of hashtags,
holds query words densely but tells a reader nothing: it is shown only if no
other sentence matches.

Plain functions over text and matched tokens (anything with ``startchar``,
``endchar`` and ``text``, the term): no Whoosh.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

# A passage holds at most this many characters, unless its matches alone are
# longer; a sentence cut to fit keeps about CONTEXT characters before its first
# match.
MAXCHARS = 240
CONTEXT = 70
# How far from a match its sentence's ends are looked for: a sentence longer than
# a passage is cut to fit anyway (and a "sentence" of 16 MiB on one line must not
# be read to its end).
REACH = MAXCHARS

# Where a sentence ends: after . ! ? ؟ … (and a closing quote or bracket) before a
# space, at a line or page break.
_END = re.compile(r"[.!?؟…]+[\"'»”)\]]*(?=\s)|[\n\f]")
_STOP = re.compile(r"[.!?؟…\n\f]")
# A line that lists tags: «سمات» (3alyoum's label) or another label at its start,
# after a sentence, or after a Twitter handle; or three or more hashtags.
_TAG_LABELS = "سمات|الوسوم|وسوم|كلمات مفتاحية|الكلمات المفتاحية|كلمات دلالية|الكلمات الدلالية"
_TAGS = re.compile(
    rf"[\s\u200e\u200f\u202a-\u202e]*(?:@\w+\s+)?(?:(?:{_TAG_LABELS})(?=[\s:])"
    r"|#\w+(?:[\s،,]+#\w+){2,}\s*$)"
)
_SPACE = re.compile(r"\s")


class Match(Protocol):
    """A matched word, as a Whoosh Token gives it."""

    text: str  # its term
    startchar: int
    endchar: int


@dataclass
class Passage:
    start: int
    end: int
    matches: list[Match] = field(default_factory=list)
    cut_before: bool = False  # it starts inside a sentence
    cut_after: bool = False
    tags: bool = False

    def rank(self) -> tuple[int, int, int]:
        """The most distinct query words first, then the most matches, the earliest."""
        return len({t.text for t in self.matches}), len(self.matches), -self.start


def best_passages(text: str, tokens: Iterable[Match], top: int = 2) -> list[Passage]:
    """The best ``top`` passages for the matched ``tokens`` (in text order), in
    text order, none overlapping another."""
    candidates = [p for sentence in _sentences(text, tokens) for p in _fit(text, sentence)]
    if not all(p.tags for p in candidates):
        candidates = [p for p in candidates if not p.tags]
    chosen: list[Passage] = []
    for passage in sorted(candidates, key=Passage.rank, reverse=True):
        if len(chosen) == top:
            break
        if not any(_overlap(passage, other) for other in chosen):
            chosen.append(passage)
    chosen.sort(key=lambda p: p.start)
    return _merged(chosen)


def _sentences(text: str, tokens: Iterable[Match]) -> list[Passage]:
    """One Passage per sentence holding tokens, with the tokens it holds."""
    found: list[Passage] = []
    for token in tokens:
        if found and token.startchar < found[-1].end:
            found[-1].matches.append(token)
            continue
        start, cut_before = _sentence_start(text, token.startchar)
        end, cut_after = _sentence_end(text, token.endchar)
        found.append(
            Passage(start, end, [token], cut_before, cut_after, _is_tags(text, start, end))
        )
    return found


def _is_tags(text: str, start: int, end: int) -> bool:
    """Whether the sentence is a list of tags: it starts as one, and ends at the
    end of its line, not with a full stop (من سمات القائد الصبر. is a sentence)."""
    return bool(_TAGS.match(text, start, end)) and text[end - 1] not in ".!?؟…"


def _sentence_start(text: str, i: int) -> tuple[int, bool]:
    """Where the sentence holding ``text[i]`` starts, and whether REACH cut it."""
    low = max(0, i - REACH)
    for stop in reversed([m.start() for m in _STOP.finditer(text, low, i)]):
        full = text[stop] not in "\n\f" and _END.match(text, stop)
        if full or text[stop] in "\n\f":
            start, cut = (full.end() if full else stop + 1), False
            break
    else:
        start, cut = low, low > 0
    while start < i and text[start].isspace():
        start += 1
    return start, cut


def _sentence_end(text: str, i: int) -> tuple[int, bool]:
    """Where the sentence holding ``text[i - 1]`` ends (after its full stop, before
    a line break), and whether REACH cut it."""
    high, at = min(len(text), i + REACH), i
    while stop := _STOP.search(text, at, high):
        full = stop.group() not in "\n\f" and _END.match(text, stop.start())
        if full or stop.group() in "\n\f":
            end, cut = (full.end() if full else stop.start()), False
            break
        at = stop.end()
    else:
        end, cut = high, high < len(text)
    while end > i and text[end - 1].isspace():
        end -= 1
    return end, cut


def _fit(text: str, sentence: Passage) -> list[Passage]:
    """The sentence as passages of at most MAXCHARS: itself, or a window around
    each run of its matches that fits in one."""
    if sentence.end - sentence.start <= MAXCHARS:
        return [sentence]
    windows, matches = [], sentence.matches
    while matches:
        run = [m for m in matches if m.endchar - matches[0].startchar <= MAXCHARS - CONTEXT]
        run = run or matches[:1]
        windows.append(_window(text, sentence, run))
        matches = matches[len(run) :]
    return windows


def _window(text: str, sentence: Passage, run: list[Match]) -> Passage:
    """A stretch of ``sentence`` of about MAXCHARS around ``run``, at word bounds."""
    first, last = run[0].startchar, run[-1].endchar
    start = max(sentence.start, first - CONTEXT)
    end = min(sentence.end, max(last, start + MAXCHARS))
    start = max(sentence.start, min(start, end - MAXCHARS))
    if start > sentence.start:
        space = _SPACE.search(text, start, first)
        start = space.end() if space else start
    if end < sentence.end:
        last_space = text.rfind(" ", last, end)
        end = last_space if last_space > 0 else end
    return Passage(
        start,
        end,
        run,
        sentence.cut_before or start > sentence.start,
        sentence.cut_after or end < sentence.end,
        sentence.tags,
    )


def _overlap(a: Passage, b: Passage) -> bool:
    return a.start < b.end and b.start < a.end


def _merged(passages: list[Passage]) -> list[Passage]:
    """Windows of one sentence that touch, as one."""
    out: list[Passage] = []
    for p in passages:
        if out and p.start <= out[-1].end + 1 and out[-1].cut_after and p.cut_before:
            last = out[-1]
            out[-1] = Passage(
                last.start,
                p.end,
                last.matches + p.matches,
                last.cut_before,
                p.cut_after,
                last.tags or p.tags,
            )
        else:
            out.append(p)
    return out
