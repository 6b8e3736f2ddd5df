"""Queries typed on the wrong keyboard layout: «هل تقصد» with the converted text."""

import pytest

from indexer.build import update_index
from search import keyboard
from search.engine import Engine
from web.app import create_app

from .conftest import write


@pytest.mark.parametrize(
    "typed,meant",
    [
        ("hgvdhq", "الرياض"),
        ("HGVDHQ", "الرياض"),
        ("hgl;m", "المكة"),
        ("ساخخلمث", "shoogle"),
        ("ذبخخ", None),  # ذ is ` on the Latin layout: no word
    ],
)
def test_keys_are_read_in_the_other_layout(typed, meant):
    assert keyboard.converted(typed) == meant


def test_arabic_letters_are_typed_by_their_keys():
    assert keyboard.keys_for("الرياض") == "hgvdhq"
    assert keyboard.keys_for("لأن") == "Gk"
    assert keyboard.converted(keyboard.keys_for("وزارة الصحة")) == "وزارة الصحة"


@pytest.fixture
def engine(seeds, index_dir):
    for i in range(12):
        write(seeds, f"riyadh{i}.txt", f"خبر {i}\nأمطار في الرياض اليوم {i}.")
    write(seeds, "opec.txt", "أوبك\nاجتماع منظمة OPEC في فيينا.")
    write(seeds, "google.txt", "شركة\nأعلنت Google و google عن خدمة.")
    for i in range(9):
        write(seeds, f"google{i}.txt", f"تقنية {i}\nمحرك google للبحث {i}.")
    write(seeds, "ibm.txt", "شركة\nأعلنت IBM عن حاسوب، وقالت هلا إن الهلا هلا.")
    for i in range(30):
        write(seeds, f"hala{i}.txt", f"خبر {i}\nقالت هلا إن الطقس حار.")
    update_index(seeds, index_dir)
    return Engine(index_dir)


def suggested(engine, text):
    return engine.suggestion(engine.search(text))


def test_a_query_typed_on_the_wrong_layout_gets_the_converted_one(engine):
    assert suggested(engine, "hgvdhq") == "الرياض"
    assert suggested(engine, "لخخلمث") == "google"


def test_real_latin_words_and_arabic_typed_right_are_left_alone(engine):
    assert suggested(engine, "OPEC") is None  # found as typed
    assert suggested(engine, "IBM") is None  # an acronym, though هلاة is commoner
    assert suggested(engine, "FIFA") is None  # found neither way
    assert suggested(engine, "الرياض") is None


def test_the_results_page_shows_the_conversions_results(engine):
    client = create_app(engine.index_dir).test_client()
    html = client.get("/search?q=hgvdhq").get_data(as_text=True)
    assert 'class="notice corrected"' in html and "الرياض" in html and 'class="hits"' in html
    body = client.get("/api/search?q=hgvdhq").get_json()
    assert (body["query"], body["corrected_from"], body["suggestion"]) == ("الرياض", "hgvdhq", None)
    assert body["total"]
