"""Hypothesis strategies for hostile text: Arabic with every kind of mark and control."""

import unicodedata

from hypothesis import strategies as st


def _chars(*ranges):
    return [chr(c) for low, high in ranges for c in range(low, high + 1)]


ARABIC_LETTERS = _chars((0x0621, 0x063A), (0x0641, 0x064A), (0x0671, 0x06D3))
MARKS = _chars((0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED), (0x0300, 0x036F))
# Tatweel, zero-width space/joiners, LRM/RLM, ALM, bidi embeddings and isolates, BOM.
CONTROLS = _chars(
    (0x0640, 0x0640),
    (0x200B, 0x200F),
    (0x061C, 0x061C),
    (0x202A, 0x202E),
    (0x2066, 0x2069),
    (0xFEFF, 0xFEFF),
)
PRESENTATION_FORMS = _chars((0xFB50, 0xFB60), (0xFDF0, 0xFDFD), (0xFE70, 0xFEFC))
DIGITS = [chr(c) for c in range(0x30, 0x10000) if unicodedata.category(chr(c)) == "Nd"]
EMOJI = list("😀👍🏽👨‍👩‍👧🇸🇦❤️")
SURROGATES = _chars((0xD800, 0xD803), (0xDC00, 0xDC03), (0xDFFF, 0xDFFF))
OTHERS = list(" \t\n\r\x00\x07\x1b\x7f.,;:؟،!-_*\"'()[]{}<>&^~+/\\%")
# Letters whose case folding or compatibility form is more than one plain letter.
CASE_TRAPS = list("İıℌßẞﬃǅΐϓᾈΣς\u1100\u1161")

hostile_char = st.one_of(
    st.sampled_from(ARABIC_LETTERS),
    st.sampled_from(MARKS),
    st.sampled_from(CONTROLS),
    st.sampled_from(PRESENTATION_FORMS),
    st.sampled_from(DIGITS),
    st.sampled_from(EMOJI),
    st.sampled_from(SURROGATES),
    st.sampled_from(OTHERS),
    st.sampled_from(CASE_TRAPS),
    st.characters(),
)
# A list joined rather than st.text(alphabet=...), which in this version of hypothesis
# never drew some of the sampled characters (İ among them).
hostile_text = st.lists(hostile_char, max_size=60).map("".join)
