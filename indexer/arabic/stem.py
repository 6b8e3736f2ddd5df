"""Light stemming of normalised Arabic words: strip a proclitic and suffixes, never roots.

The rules start from Larkey's Light10, as Lucene's ArabicStemmer implements it, and add
what it misses (see ``BAHTH``). Input is a word already passed through ``normalize``,
so alef forms are plain ا, ة is ه and ى is ي.

Light10 strips letters by their shape alone, so وزير loses its و (and no longer meets
الوزير), لبنان its ان (becoming لبن, 'milk') and أمين its ين. bahth strips a single
joined letter, and a suffix, only where general usage says the shorter word is the
word meant (``Evidence``).
"""

from collections.abc import Callable
from dataclasses import dataclass, replace

from .lexicon import frequency
from .normalize import strip_marks
from .stopwords import stopword_forms

ARTICLE = "ال"
TEH = "ت"
# ة, as normalisation writes it.
TEH_MARBUTA = "ه"
# An ending that follows the noun's ة written ت: حكومته is حكومة + ه.
PRONOUNS = ("هما", "هم", "كم", "نا", "ها", "ه", "ي")
LONG_PRONOUNS = PRONOUNS[:5]
SEATED_HAMZA = "ئؤ"
HAMZA = "ء"
# Alef with a hamza or madda, as written.
HAMZA_ALEFS = "أإآ"
# The accusative ending of an indefinite noun (عاماً, written عاما once marks are gone).
ACCUSATIVE = "ا"


@dataclass(frozen=True)
class Evidence:
    """Decides, from how often words are written, whether letters are a clitic.

    ``frequency(word)`` counts a normalised word in general text. A word is counted
    with and without the article, since most nouns are written both ways.
    """

    frequency: Callable[[str], int] = frequency
    # A word written less often than this (per billion words) is no evidence that
    # a proclitic was joined to it: rare forms are often pieces of other words.
    common: int = 1000
    # The word without a joined ب/ل/ك/ف is written at least twice as often as
    # with it (منطقة 13 times بمنطقة); و joins verbs at the start of most news
    # sentences, so وأضاف is written three times as often as أضاف.
    proclitic_share: float = 2.0
    waw_share: float = 0.2
    # A joined و/ف/ب/ل/ك never takes the article (البمنطقة is not written), so a
    # word written with it at least this share as often as without is a word of
    # its own (البلدية, البطاقة, الكمال, الكابل, الواحد, الوصيف), however common
    # the rest (لدي, طاقة, مال, إبل, أحد, صيف). وأدى ('and he performed') would
    # fold into وادي ('valley') and keep its و, but its written hamza shows the
    # conjunction first (``conjunction_before_hamza``); written without it, وادى
    # (15 of the collection's words, against 542 وادي) keeps its و.
    article_share: float = 0.1
    # و/ف/ب/ك joined to the article (والمنطقة, بالرياض) are clitics unless the word
    # is written as it is and its rest with the article less than this share as
    # often: فالنسيا 9,120 times a billion words, النسيا never; والدته, بالتيمور.
    article_clitic_share: float = 0.2
    # A suffix is stripped when the shorter word is written at least this share as
    # often as the longer (طرف 24 times as often as طرفان; لبن 8 % as often as لبنان).
    suffix_share: float = 0.3
    # A stem of three letters is ambiguous more often (سلم/سلمان, جد/جدة): the
    # shorter word must be written this many times as often, unless the suffix
    # is a pronoun of two letters or more (زوجها), which no name ends in by chance.
    short_suffix_share: float = 2.0
    # A feminine ة is part of another word when the word without it is written
    # this many times as often (سعود 110 times سعودة, حرب 107 times حربة; a
    # pronoun ه: وقت 69 times وقته).
    feminine_share_max: float = 100.0
    # An accusative alef is stripped when the word without it is this much commoner
    # (عام 5 times عاما; سوري 0.7 times سوريا, كرون 2.7 times كرونا).
    accusative_share: float = 3.0

    def count(self, word: str) -> int:
        return self.frequency(word) + self.frequency(ARTICLE + word)

    def knows(self, word: str) -> bool:
        """Whether ``word`` is written often enough to be evidence."""
        return self.count(word) >= self.common

    def is_proclitic(self, word: str) -> bool:
        """True when the first letter of ``word`` is a joined و/ف/ب/ل/ك rather than
        its own: the rest is a common word (قال for وقال, منطقة for بمنطقة), written
        alone more often than the whole word takes the article or a conjunction
        (الوزير, ووزير) and far more often than the whole word (كورونا is not ك +
        ورونا); a word that takes the article is its own (واحد, وادي, وصيف);
        and never ك before a function word (``_likeness_before_function_word``)."""
        rest, own = word[1:], self.frequency(word)
        if _likeness_before_function_word(word[0], rest):
            return False
        alone = self.count(rest)
        whole = self.frequency(ARTICLE + word) + self.frequency("و" + word)
        if not self.knows(rest):
            # No evidence for the rest: و, the commonest, is a conjunction unless
            # the word is known on its own, as Light10 has it.
            return word[0] == "و" and not own and not whole
        if own and self.frequency(ARTICLE + word) >= self.article_share * own:
            return False
        share = self.waw_share if word[0] == "و" else self.proclitic_share
        return alone > whole and alone >= share * own

    def is_article_proclitic(self, word: str, prefix: str) -> bool:
        """True when ``prefix`` (a و/ف/ب/ك joined to the article: وال, بال) opens
        ``word`` as clitics: the word is not written as it is, or its rest with the
        article is written at least ``article_clitic_share`` as often; never ك
        before a function word (``_likeness_before_function_word``)."""
        own = self.frequency(word)
        rest = ARTICLE + word[len(prefix) :]
        if _likeness_before_function_word(prefix[-len(ARTICLE) - 1], rest):
            return False
        return not own or self.frequency(rest) >= self.article_clitic_share * own

    def stem_for(self, word: str, stem: str, suffix: str) -> str | None:
        """The stem ``word`` has without ``suffix`` (``stem`` is what is left), or None
        if the suffix belongs to the word. A plural in ات or a ت before a pronoun
        may stand for the noun's ة (وزارات, حكومته), which is then the stem
        (``_stems_before``)."""
        best = max(_stems_before(stem, suffix), key=self.count)
        whole = self.count(word)
        if not whole:
            return best
        short = len(stem) <= 3 and suffix not in LONG_PRONOUNS
        share = self.short_suffix_share if short else self.suffix_share
        if suffix == ACCUSATIVE:
            share = self.accusative_share
        if suffix == TEH_MARBUTA and self.count(best) > self.feminine_share_max * whole:
            return None
        return best if self.count(best) >= share * whole else None


def conjunction_before_hamza(word: str) -> str:
    """``word`` without a joined و written before a hamza on alef (وأدى, وإرث,
    وأحد), which is the conjunction: once ``normalize`` has folded the hamza, وأدى
    ('and he performed') is وادي ('valley'), which keeps its و. Any other word as
    it is. Runs on the word as written, before ``normalize``."""
    letters = strip_marks(word)
    if len(letters) > 2 and letters[0] == "و" and letters[1] in HAMZA_ALEFS:
        return letters[1:]
    return word


def _likeness_before_function_word(letter: str, rest: str) -> bool:
    """Whether ``letter``, joined to ``rest``, would be ك ('like') before a
    function word's form. ك is joined to nouns, never to a function word: كاليه
    is Calais, not ك + إليه nor ك + ال + يه, however common إليه is (with آلية,
    which folds alike; the collection writes كاليه 19 times to كآلية's once),
    and كلها is كل + ها, not ك + لها. ب and و do join آلية: بآلية, وآلية."""
    return letter == "ك" and rest in stopword_forms()


def _stems_before(stem: str, suffix: str) -> list[str]:
    """What ``stem`` may stand for before ``suffix``: itself; the noun's ة, which a
    suffix turns into ت (حكومته, دورتين) and ات replaces (وزارات); a final hamza,
    which a suffix seats on ى or و (لقائه, مائها)."""
    found = [stem]
    if suffix == "ات":
        found.append(stem + TEH_MARBUTA)
    elif stem.endswith(TEH):
        found.append(stem[:-1] + TEH_MARBUTA)
    elif stem[-1] in SEATED_HAMZA:
        found.append(stem[:-1] + HAMZA)
    return found


@dataclass(frozen=True)
class LightStemmer:
    """One proclitic is stripped, then each suffix of ``suffixes`` in turn.

    ``min_stem`` is the shortest stem a prefix or suffix may leave; a single-letter
    proclitic (و) needs one letter more, as in Lucene. ``pronouns`` are object and
    possessive suffixes tried first, and only where a stem of ``min_stem + 2`` letters
    remains, since shorter words end in هم/كم/نا by chance (متهم، مساهم، محاكم).
    With ``evidence``, single letters of ``proclitics`` and every suffix are
    stripped only where it says so, and a suffix never leaves fewer than three
    letters.
    """

    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    pronouns: tuple[str, ...] = ()
    repeat_article: bool = False
    min_stem: int = 2
    proclitics: str = ""
    evidence: Evidence | None = None

    # Not cached here: the chain caches each word's term within a byte budget
    # (chain.py), which hostile words cannot grow.
    def stem(self, word: str) -> str:
        if not self._arabic(word):
            return word
        return self._strip_suffixes(self.strip_prefix(word))

    def strip_prefix(self, word: str) -> str:
        """The word without its proclitic; what a prefix query (العلا*) may still use."""
        if not self._arabic(word):
            return word
        for prefix in self.prefixes:
            need = self.min_stem + (1 if len(prefix) == 1 else 0)
            if (
                word.startswith(prefix)
                and len(word) - len(prefix) >= need
                and self._clitics(word, prefix)
            ):
                word = self._article_or_lam(word, prefix)
                break
        else:
            word = self._strip_proclitics(word)
        # «الألعاب» folds to «الالعاب»: the article stripped above may hide a second
        # ال that was really أل (أ folded into ا). Stripping it too makes «ألعاب»,
        # «الألعاب» and «العاب» one term, as «التزام» and «الالتزام» are; down to
        # the shortest stem the article itself leaves, so «الآلاف» meets «آلاف».
        if self.repeat_article and word.startswith(ARTICLE) and len(word) - 2 >= self.min_stem:
            word = word[2:]
        return word

    def _clitics(self, word: str, prefix: str) -> bool:
        """Whether ``prefix`` opens ``word`` as clitics. The article alone, and لل
        (whose rest ``_article_or_lam`` decides), are taken by their shape; a
        letter joined to the article only where the evidence says so."""
        if not self.evidence or not prefix.endswith(ARTICLE) or prefix == ARTICLE:
            return True
        return self.evidence.is_article_proclitic(word, prefix)

    def _article_or_lam(self, word: str, prefix: str) -> str:
        # للجنة is ل + لجنة (ل + اللجنة loses an alef and an lam), not ل + ال + جنة;
        # the evidence tells which of the two words is meant.
        rest = word[len(prefix) :]
        if self.evidence and prefix.endswith("لل"):
            with_lam = word[len(prefix) - 1 :]
            if self.evidence.count(with_lam) > self.evidence.count(rest):
                return with_lam
        return rest

    def _strip_proclitics(self, word: str) -> str:
        # و or ف, then ب, ل or ك: وبمنطقة, فلكل.
        for letters in ("وفبلك", "بلك"):
            if (
                word[0] in letters
                and word[0] in self.proclitics
                and len(word) - 1 >= self.min_stem + 1
                and self.evidence is not None
                and self.evidence.is_proclitic(word)
            ):
                word = word[1:]
            else:
                break
        return word

    def _arabic(self, word: str) -> bool:
        return len(word) > self.min_stem and word.isalpha() and not word.isascii()

    def _strip_suffixes(self, word: str) -> str:
        if self.evidence:
            word = self._strip(word, ACCUSATIVE, 3) or word
        for suffix in self.pronouns:
            if (shorter := self._strip(word, suffix, self.min_stem + 2)) is not None:
                word = shorter
                break
        for suffix in self.suffixes:
            if (shorter := self._strip(word, suffix, self.min_stem)) is not None:
                word = shorter
        return word

    def _strip(self, word: str, suffix: str, min_stem: int) -> str | None:
        """``word`` without ``suffix``, or None if it does not end so or keeps it."""
        if not word.endswith(suffix):
            return None
        if self.evidence and min_stem < 3:
            min_stem = 3
        if len(word) - len(suffix) < min_stem:
            return None
        stem = word[: -len(suffix)]
        return self.evidence.stem_for(word, stem, suffix) if self.evidence else stem


# Lucene's ArabicStemmer lists, after normalisation (ة and ية are written ه and يه).
LIGHT10 = LightStemmer(
    prefixes=("ال", "وال", "بال", "كال", "فال", "لل", "و"),
    suffixes=("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"),
)

# Prepositions and conjunctions written joined to the next word (لكأس، بمصر, وقال).
PROCLITICS = "وفبلك"

BAHTH = LightStemmer(
    prefixes=("وبال", "وكال", "ولل", "وال", "بال", "كال", "فال", "لل", "ال"),
    suffixes=LIGHT10.suffixes,
    pronouns=("هما", "هم", "كم", "نا"),
    repeat_article=True,
    proclitics=PROCLITICS,
    evidence=Evidence(),
)

_PROCLITIC = LightStemmer(prefixes=tuple("بلكف"), suffixes=())


def without_proclitic(term: str) -> str | None:
    """``term`` without a leading ب/ل/ك/ف, or None if it has none or too little
    would be left (by the stemmer's own rule for a single-letter proclitic)."""
    shorter = _PROCLITIC.strip_prefix(term)
    return shorter if shorter != term else None


# Named so the benchmarks can compare them; "bahth" is the one in use.
STEMMERS = {
    "bahth": BAHTH,
    "bahth-nopronouns": replace(BAHTH, pronouns=()),
    "bahth-noevidence": replace(
        BAHTH, prefixes=BAHTH.prefixes + ("و",), proclitics="", evidence=None
    ),
    "light10": LIGHT10,
}


def unconfirmed_proclitic(term: str) -> str | None:
    """``without_proclitic(term)`` where the lexicon knows too little of the rest
    to have decided (a rare name: لنيمار), for the index to decide; None where
    analysis decided from the evidence (بطاقة is its own word, not ب + طاقة)."""
    shorter = without_proclitic(term)
    evidence = BAHTH.evidence
    if shorter is None or (evidence is not None and evidence.knows(shorter)):
        return None
    return shorter
