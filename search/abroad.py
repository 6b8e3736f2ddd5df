"""Another country's office: «وزير الصحة» is not «وزير الصحة الكوري».

News names its own country's offices and institutions bare (وزير الصحة, مجلس
الوزراء, الحرس الوطني) and another country's with that country's adjective after
them: وزير الصحة الكوري 'the Korean health minister', مجلس الوزراء البحريني 'the
Bahraini cabinet'. By the query's words alone the two cannot be told apart. A
document that writes the query's words only with another country's adjective
after them is about that country's.

Which country is the collection's own is read from it: the one whose adjective's
term the most documents hold. A Saudi archive writes «السعودي» after its own
offices too (مجلس الوزراء السعودي), and names Saudi Arabia more than any other
country; an Egyptian archive «المصري».
"""

from collections.abc import Callable, Sequence

from indexer.arabic.chain import Step
from indexer.arabic.normalize import normalize

from .mentions import terms_of

# Countries' adjectives (nisba), masculine, each country's spellings together;
# the feminine (الكورية) and other spellings of the same letters (الكورى) are
# derived. Regions (الخليجي, الأوروبي, العربي) are left out: they name a body of
# many countries (مجلس التعاون الخليجي), not another country's office.
ADJECTIVES = (
    "السعودي",
    "المصري",
    "الأمريكي الأميركي",
    "البريطاني",
    "الفرنسي",
    "الألماني",
    "الروسي",
    "الصيني",
    "الياباني",
    "الكوري",
    "الهندي",
    "الإيراني",
    "التركي",
    "العراقي",
    "السوري",
    "اللبناني",
    "الأردني",
    "الفلسطيني",
    "الإسرائيلي",
    "الليبي",
    "التونسي",
    "الجزائري",
    "المغربي",
    "الموريتاني",
    "السوداني",
    "الصومالي",
    "اليمني",
    "العماني",
    "الإماراتي",
    "القطري",
    "البحريني",
    "الكويتي",
    "اليوناني",
    "الإيطالي",
    "الإسباني",
    "البرتغالي",
    "الهولندي",
    "البلجيكي",
    "السويسري",
    "السويدي",
    "النرويجي",
    "الدنماركي",
    "النمساوي",
    "البولندي",
    "الأوكراني",
    "الباكستاني",
    "الأفغاني",
    "البنغلاديشي",
    "الإندونيسي",
    "الماليزي",
    "الفلبيني",
    "التايلندي",
    "الأسترالي",
    "الكندي",
    "المكسيكي",
    "البرازيلي",
    "الأرجنتيني",
    "الكوبي",
    "الفنزويلي",
    "الإثيوبي",
    "النيجيري",
)


# {written form, as normalisation writes it: its country's first spelling}
_FORMS = {
    normalize(spelling + ending): country.split()[0]
    for country in ADJECTIVES
    for spelling in country.split()
    for ending in ("", "ة")
}


def home(frequency: Callable[[str], int], term_of: Step) -> str | None:
    """The adjective of the collection's own country: the one whose term is in
    the most documents (``frequency``); None for a collection that names none."""
    counts = {
        country.split()[0]: sum(map(frequency, set(terms_of(country.split(), term_of))))
        for country in ADJECTIVES
    }
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else None


def abroad(texts: Sequence[str], last: int, own: str | None) -> bool:
    """Whether the word of ``texts`` after the one at ``last`` is the adjective of
    a country other than ``own`` (``home``'s)."""
    after = last + 1
    if after >= len(texts):
        return False
    adjective = _FORMS.get(normalize(texts[after]))
    return adjective is not None and adjective != own
