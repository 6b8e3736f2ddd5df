"""Conflation parity with Lucene: Lucene's own Arabic test cases, run through bahth.

The cases are data in ``tests/data/lucene_arabic_cases.tsv``, taken from apache/lucene's
TestArabicNormalizationFilter, TestArabicStemFilter and TestArabicAnalyzer (Apache-2.0;
the file's header names the paths and commits). Each row is ``suite, input, expected``:
Lucene's term(s) for the input, empty where Lucene drops the word as a stopword.

bahth need not produce Lucene's terms, only conflate as Lucene does. Within each suite
(one Lucene pipeline, so terms of different suites are not compared):

- every pair of inputs Lucene maps to one term, bahth maps to one term;
- every pair Lucene keeps apart, bahth keeps apart;
- each input has bahth's term of Lucene's output word (Lucene's outputs here are
  fixed points of its own pipeline, so in Lucene each input meets its output too);
- bahth keeps, as one term, every word Lucene keeps;
- a word Lucene keeps is not merged with a word Lucene drops as a stopword. Whether bahth
  drops that stopword too is not checked: bahth's stopword list is its own.

Suites whose Lucene pipeline has no stopword step (the filters alone, or the analyzer
with an empty stopword set) are run through bahth's chain without its stopword step,
``arabic_analyzer(stop=False)``, so that a word bahth lists as a stopword (علِي is على
after normalisation) is compared by its term instead of vanishing. The suites
``analyzer`` and ``analyzer-customstop`` run through bahth's default analyzer.

Counts (``test_the_cases_are_all_there`` fails if the data shrinks):
63 cases in 7 suites, 60 of them words Lucene keeps and 3 words it drops
(ما, الذين, and "The" under a custom stopword set);
394 pairs of kept words: 75 that Lucene merges, 319 that it keeps apart (two of which
bahth merges on purpose: the accusative alef, see MEANT_MERGES);
29 pairs of a kept word and a dropped one; input/output conflations for the outputs
that are words (58 of 60); 60 kept words.
"""

import itertools
from pathlib import Path

import pytest

from indexer.analysis import analyze, arabic_analyzer

CASES_FILE = Path(__file__).parent / "data" / "lucene_arabic_cases.tsv"

# Suites whose Lucene pipeline removes stopwords; the others have no stopword step.
WITH_STOPWORDS = {"analyzer", "analyzer-customstop"}
WITHOUT_STOPWORDS = {
    "normalization",
    "stem",
    "stem-keyword",
    "analyzer-nostop",
    "analyzer-exclusion",
}

EXPECTED_COUNTS = {
    "cases": 63,
    "kept": 60,
    "dropped": 3,
    "merged_pairs": 75,
    "apart_pairs": 319,
    "stopword_pairs": 29,
}

ANALYZERS = {True: arabic_analyzer(), False: arabic_analyzer(stop=False)}


def read_cases(path=CASES_FILE):
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        suite, text, expected = line.split("\t")
        if (suite, text, expected) == ("suite", "input", "expected"):
            continue
        cases.append(
            {"line": number, "suite": suite, "input": text, "expected": tuple(expected.split())}
        )
    return cases


CASES = read_cases()
KEPT = [c for c in CASES if c["expected"]]
DROPPED = [c for c in CASES if not c["expected"]]


def bahth_terms(suite, text):
    """bahth's terms for ``text`` as the suite's pipeline is compared: a tuple, empty if dropped."""
    analyzer = ANALYZERS[suite in WITH_STOPWORDS]
    return tuple(t["term"] for t in analyze(text, analyzer))


# Buckwalter transliteration, so that test ids stay readable ASCII (pytest escapes Arabic).
_BUCKWALTER = dict(
    zip(
        "ءآأؤإئابةتثجحخدذرزسشصضطظعغـفقكلمنهوىيًٌٍَُِّْ٠١٢٣٤٥٦٧٨٩",
        "'|>&<}AbptvjHxd*rzs$SDTZEg_fqklmnhwYyFNKaui~o0123456789",
    )
)


def _ascii(text):
    return "".join(_BUCKWALTER.get(ch, ch if ch.isascii() else f"U+{ord(ch):04X}") for ch in text)


def _case_id(case):
    return f"{case['suite']}:{_ascii(case['input'])}"


def _pair_id(pair):
    a, b = pair
    return f"{a['suite']}:{_ascii(a['input'])}~{_ascii(b['input'])}"


def _pairs(cases):
    for _suite, group in itertools.groupby(
        sorted(cases, key=lambda c: (c["suite"], c["line"])), key=lambda c: c["suite"]
    ):
        yield from itertools.combinations(list(group), 2)


KEPT_PAIRS = list(_pairs(KEPT))
MERGED = [p for p in KEPT_PAIRS if p[0]["expected"] == p[1]["expected"]]
APART = [p for p in KEPT_PAIRS if p[0]["expected"] != p[1]["expected"]]
STOPWORD_PAIRS = [
    (kept, dropped) for dropped in DROPPED for kept in KEPT if kept["suite"] == dropped["suite"]
]


def _describe(case):
    lucene = " ".join(case["expected"]) or "(dropped)"
    bahth = " ".join(bahth_terms(case["suite"], case["input"])) or "(dropped)"
    return f"{case['input']} (line {case['line']}): Lucene {lucene}, bahth {bahth}"


def test_the_cases_are_all_there():
    counts = {
        "cases": len(CASES),
        "kept": len(KEPT),
        "dropped": len(DROPPED),
        "merged_pairs": len(MERGED),
        "apart_pairs": len(APART),
        "stopword_pairs": len(STOPWORD_PAIRS),
    }
    assert counts == EXPECTED_COUNTS
    assert {c["suite"] for c in CASES} == WITH_STOPWORDS | WITHOUT_STOPWORDS
    assert not {c["suite"] for c in DROPPED} - WITH_STOPWORDS  # only a stop step drops


@pytest.mark.parametrize("pair", MERGED, ids=_pair_id)
def test_every_pair_lucene_merges_bahth_merges(pair):
    a, b = pair
    assert bahth_terms(a["suite"], a["input"]) == bahth_terms(b["suite"], b["input"]), (
        f"Lucene merges, bahth keeps apart: {_describe(a)}; {_describe(b)}"
    )


# Where bahth merges on purpose what Lucene's normalisation filter alone keeps
# apart: the accusative alef of an indefinite noun (ولداً is ولد).
MEANT_MERGES = {frozenset({"ولداً", "ولدٍ"}), frozenset({"ولداً", "ولدٌ"})}


@pytest.mark.parametrize(
    "pair",
    [p for p in APART if frozenset({p[0]["input"], p[1]["input"]}) not in MEANT_MERGES],
    ids=_pair_id,
)
def test_every_pair_lucene_keeps_apart_bahth_keeps_apart(pair):
    a, b = pair
    assert bahth_terms(a["suite"], a["input"]) != bahth_terms(b["suite"], b["input"]), (
        f"Lucene keeps apart, bahth merges: {_describe(a)}; {_describe(b)}"
    )


# Light10 leaves stem fragments that are no word (امريكي → امريك, where bahth keeps
# the adjective امريكي); the inputs still conflate with each other, checked above.
FRAGMENTS = {"امريك"}


@pytest.mark.parametrize(
    "case",
    [c for c in KEPT if len(c["expected"]) == 1 and c["expected"][0] not in FRAGMENTS],
    ids=_case_id,
)
def test_each_input_meets_lucenes_output_word(case):
    (output,) = case["expected"]
    assert bahth_terms(case["suite"], case["input"]) == bahth_terms(case["suite"], output), (
        f"{_describe(case)}; bahth's term of {output}: {bahth_terms(case['suite'], output)}"
    )


@pytest.mark.parametrize("case", KEPT, ids=_case_id)
def test_bahth_keeps_every_word_lucene_keeps(case):
    assert len(bahth_terms(case["suite"], case["input"])) == len(case["expected"]), _describe(case)


@pytest.mark.parametrize("pair", STOPWORD_PAIRS, ids=_pair_id)
def test_a_word_lucene_keeps_is_not_merged_with_a_stopword(pair):
    kept, dropped = pair
    stop_terms = bahth_terms(dropped["suite"], dropped["input"])
    # bahth may keep a word Lucene drops; it must then stay apart from the kept word.
    assert not stop_terms or stop_terms != bahth_terms(kept["suite"], kept["input"]), (
        f"merged with a Lucene stopword: {_describe(kept)}; {_describe(dropped)}"
    )
