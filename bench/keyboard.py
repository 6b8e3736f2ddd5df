#!/usr/bin/env python3
"""Queries typed on the wrong keyboard layout: how often «هل تقصد» converts them right.

    .venv/bin/python bench/keyboard.py

The Arabic words of 500 titles (fixed seed) are typed on the Latin layout (each
letter's key on the Arabic 101 layout), searched, and right when the suggestion
is the title's words; the same titles typed right must get no conversion. Real
Latin words (names, acronyms: LATIN below) must not be converted (goal: at
most 2 %).
"""

import random
import re

from common import require_shared
from quality import build_index

from search import keyboard
from search.engine import Engine

LATIN = """OPEC FIFA NASA NATO UEFA ISIS BBC CNN Google Apple Samsung Aramco SABIC iPhone
Twitter WhatsApp Facebook YouTube Instagram Snapchat Microsoft Windows Android Obama
Putin Merkel London Paris Dubai Riyadh Jeddah Mecca Madinah Hilal Nassr Ahli Ittihad
Messi Ronaldo Barcelona Madrid Chelsea Arsenal Toyota Hyundai Nissan Boeing Airbus
Saudi Arabia Kingdom Vision Oil Gold Dollar Euro Bitcoin Internet Email Online Mobile
Amazon Netflix Uber Careem Visa Mastercard Nokia Sony Intel Oracle Cisco IBM HP Dell
Formula Olympic Marathon Expo Summit Forum Festival Cinema Museum Hotel Mall Tower
Reuters AFP Bloomberg Forbes Times Post Guardian Economist Hajj Umrah Ramadan Eid
Shell Total BP Exxon Chevron KAUST KFUPM STC Mobily Zain SAMA Tadawul Almarai""".split()


def main():
    require_shared()
    index_dir = build_index("bahth")
    engine = Engine(index_dir)
    searcher = engine.searcher()
    rng = random.Random(18)
    docnums = list(searcher.reader().all_doc_ids())
    titles = []
    while len(titles) < 500:
        title = searcher.stored_fields(rng.choice(docnums))["title"]
        words = [w for w in title.split() if re.fullmatch("[ء-غف-ي]+", w)]
        if words:
            titles.append(" ".join(words))

    def suggested(text):
        return engine.suggestion(engine.search(text, per_page=1))

    right = wrong_way = 0
    for arabic in titles:
        right += suggested(keyboard.keys_for(arabic)) == arabic
        typed_right = suggested(arabic)
        wrong_way += typed_right is not None and typed_right == keyboard.converted(arabic)
    print(
        f"titles typed on the Latin layout, converted right: {right} of {len(titles)} "
        f"({right / len(titles):.1%})"
    )
    print(f"titles typed right, converted all the same: {wrong_way} of {len(titles)}")
    converted = [w for w in LATIN if (s := suggested(w)) and s == keyboard.converted(w)]
    print(
        f"real Latin words converted: {len(converted)} of {len(LATIN)} "
        f"({len(converted) / len(LATIN):.1%}) {' '.join(converted)}"
    )


if __name__ == "__main__":
    main()
