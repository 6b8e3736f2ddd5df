"""Other ways Arabic writes a foreign name: the spellings a transliteration allows.

Arabic has no fixed spelling for a foreign name. Writers differ in which vowels
they write with a long letter (ترمب and ترامب 'Trump', كرونا and كورونا, نتنياهو
and نتانياهو), in the letter for /g/ (غوارديولا, جوارديولا, and قوقل beside
غوغل), and in whether a silent French h is written (أولاند, هولاند 'Hollande').
``respellings`` gives a term's candidates under those differences; most are other
words or none, and only evidence (search/variants.py) tells which are the same
name.
"""

# Letters written for a long vowel, or left out for a short one.
VOWEL_LETTERS = "اوي"
# Letters written for /g/: ج (as in Egypt), غ, ق (as in the Gulf).
G_LETTERS = "جغق"
# A silent initial h is written ه, or not at all: أولاند and هولاند (after
# normalisation ا and ه).
SILENT_H = ("ا", "ه")
# Shorter terms have too many neighbours to tell apart: every three-letter root
# gains or loses a vowel letter (قطر, قطار).
MIN_LETTERS = 4


def respellings(term: str) -> set[str]:
    """Terms that write ``term`` (a normalised term) another way a transliteration
    may: a vowel letter inside it added or left out, another letter for /g/, a
    silent initial h written or not. Empty for terms of fewer than MIN_LETTERS."""
    if len(term) < MIN_LETTERS:
        return set()
    found = set()
    for i in range(1, len(term)):
        for vowel in VOWEL_LETTERS:
            found.add(term[:i] + vowel + term[i:])
        if i < len(term) - 1 and term[i] in VOWEL_LETTERS:
            found.add(term[:i] + term[i + 1 :])
    for i, letter in enumerate(term):
        if letter in G_LETTERS:
            found.update(term[:i] + other + term[i + 1 :] for other in G_LETTERS)
    if term[0] in SILENT_H:
        found.update(h + term[1:] for h in SILENT_H)
    found.discard(term)
    return found
