"""The real page in a real browser: headless Chromium against waitress on loopback."""

import shutil
import threading
from contextlib import contextmanager

import pytest
import waitress
from waitress import wasyncore

from indexer.build import update_index
from web.app import create_app

from .conftest import write

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
# Slow: each test drives headless Chromium against a served site (pyproject.toml: slow).
pytestmark = [
    pytest.mark.skipif(
        not (CHROMIUM and CHROMEDRIVER),
        reason="needs Chromium and its driver: apt-get install -y chromium chromium-driver",
    ),
    pytest.mark.slow,
]

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
RELATIONS = "سياسة/بوتين يبحث العلاقات.txt"


@contextmanager
def served(app):
    """The base URL of ``app`` served by waitress on a free loopback port, in a thread."""
    server = waitress.create_server(app, host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        # Its sockets are closed in its own loop, which then ends: closed from
        # here, one could be closed under the select the loop waits in (EBADF).
        server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))
        thread.join(timeout=10)
        assert not thread.is_alive()


@pytest.fixture
def site(seeds, index_dir):
    """The base URL of the real app, served by waitress on a free loopback port."""
    write(
        seeds,
        RELATIONS,
        "بوتين يبحث العلاقات الثنائية\n"
        "ناقش الرئيسان الْعَلَاقَاتِ الثنائية وملفات دولية في عام 2024.\n\n"
        "وقال إن الألعاب الأولمبية الشتوية ستقام في بكين.",
    )
    write(seeds, "economy.txt", "الاقتصاد ينمو\nارتفع الناتج المحلي في Saudi Aramco.")
    update_index(seeds, index_dir)
    with served(create_app(index_dir)) as url:
        yield url


@pytest.fixture
def browser(monkeypatch):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    # The driver is given, so Selenium must not look for one on the network.
    monkeypatch.setenv("SE_OFFLINE", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument("--window-size=1200,900")
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def wait_for(driver, condition):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, 15).until(lambda d: condition(d))


def test_search_from_the_home_page_shows_marked_results_right_to_left(site, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(site + "/")
    html = browser.find_element(By.TAG_NAME, "html")
    assert html.get_attribute("dir") == "rtl" and html.get_attribute("lang") == "ar"
    box = browser.switch_to.active_element  # focused on load
    assert box.get_attribute("name") == "q"

    box.send_keys("علاقات")
    box.send_keys(Keys.ENTER)
    wait_for(browser, lambda d: "/search" in d.current_url)

    assert browser.execute_script("return getComputedStyle(document.body).direction") == "rtl"
    assert browser.find_element(By.NAME, "q").get_attribute("value") == "علاقات"
    marks = [m.text for m in browser.find_elements(By.CSS_SELECTOR, ".hit mark")]
    assert "الْعَلَاقَاتِ" in marks and "العلاقات" in marks
    # The stylesheet loaded under the Content-Security-Policy: marks are coloured.
    mark = browser.find_element(By.CSS_SELECTOR, ".hit mark")
    assert mark.value_of_css_property("background-color") == "rgba(255, 230, 128, 1)"
    assert "نتيجة واحدة" in browser.find_element(By.CLASS_NAME, "stats").text

    browser.find_element(By.CSS_SELECTOR, ".hit h2 a").click()
    wait_for(browser, lambda d: "/doc/" in d.current_url)
    article = browser.find_element(By.CSS_SELECTOR, "article.document")
    assert "وقال إن الألعاب الأولمبية" in article.text
    assert "الْعَلَاقَاتِ" in [m.text for m in article.find_elements(By.TAG_NAME, "mark")]

    browser.find_element(By.CSS_SELECTOR, ".back a").click()
    wait_for(browser, lambda d: "/search" in d.current_url)
    assert browser.find_elements(By.CSS_SELECTOR, ".hit mark")


def test_a_misspelling_that_finds_nothing_shows_the_results_of_its_correction(site, browser):
    from selenium.webdriver.common.by import By

    browser.get(site + "/")
    box = browser.find_element(By.NAME, "q")
    box.send_keys("الاقتصات")
    box.submit()
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".hit mark"))
    notice = browser.find_element(By.CSS_SELECTOR, ".corrected").text
    assert "الاقتصات" in notice and "الاقتصاد" in notice
    # The box keeps what was typed; a hit opens with the correction's words marked.
    assert browser.find_element(By.NAME, "q").get_attribute("value") == "الاقتصات"
    browser.find_element(By.CSS_SELECTOR, ".hit h2 a").click()
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "mark"))


def test_the_results_fit_a_phone_screen(site, browser):
    browser.set_window_size(400, 800)
    browser.get(site + "/search?q=" + "العلاقات الثنائية 2024")
    width = browser.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert width[0] <= width[1]


def test_a_facet_narrows_its_chip_widens_and_a_sort_orders_by_date(site, browser):
    from selenium.webdriver.common.by import By

    browser.get(site + "/search?q=" + "العلاقات الناتج")

    def hits(d):
        return [h.text for h in d.find_elements(By.CSS_SELECTOR, ".hit .path")]

    assert sorted(hits(browser)) == sorted([RELATIONS, "economy.txt"])
    # The facets stand on the right of the results, as Arabic reads.
    facets = browser.find_element(By.CSS_SELECTOR, "aside.facets")
    found = browser.find_element(By.CSS_SELECTOR, ".found")
    assert facets.rect["x"] > found.rect["x"]
    facets.find_element(By.LINK_TEXT, "سياسة").click()
    wait_for(browser, lambda d: hits(d) == [RELATIONS])
    chip = browser.find_element(By.CSS_SELECTOR, ".chip")
    assert "سياسة" in chip.text
    chip.click()
    wait_for(browser, lambda d: len(hits(d)) == 2 and not d.find_elements(By.CSS_SELECTOR, ".chip"))
    browser.find_element(By.LINK_TEXT, "الأحدث").click()
    wait_for(browser, lambda d: "sort=newest" in d.current_url)
    assert browser.find_element(By.CSS_SELECTOR, ".sorts .current").text == "الأحدث"
    assert len(hits(browser)) == 2


def test_the_document_page_finds_inside_it_and_steps_through_the_matches(site, browser):
    from urllib.parse import quote

    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(site + "/doc/" + quote(RELATIONS))
    box = browser.find_element(By.ID, "find-q")
    box.send_keys("الثنائية العلاقات")
    box.send_keys(Keys.ENTER)
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".find .matches"))
    marks = [m.text for m in browser.find_elements(By.CSS_SELECTOR, "article.document mark")]
    assert marks == ["العلاقات", "الثنائية", "الْعَلَاقَاتِ", "الثنائية"]
    status = browser.find_element(By.CSS_SELECTOR, ".find .matches")

    def current(d):
        return [
            m.get_attribute("id")
            for m in d.find_elements(By.CSS_SELECTOR, "article.document mark.current")
        ]

    assert current(browser) == ["m1"] and "١ من ٤" in status.text

    browser.find_element(By.CSS_SELECTOR, ".find a.next").click()
    assert current(browser) == ["m2"] and "٢ من ٤" in status.text
    assert browser.current_url.endswith("at=2#m2")  # the address names the match shown
    # Enter again in the box, its query unchanged, steps on; Shift+Enter steps back.
    box = browser.find_element(By.ID, "find-q")
    box.send_keys(Keys.ENTER)
    assert current(browser) == ["m3"]
    box.send_keys(Keys.SHIFT, Keys.ENTER)
    assert current(browser) == ["m2"]
    for _ in range(2):
        browser.find_element(By.CSS_SELECTOR, ".find a.prev").click()
    assert current(browser) == ["m4"] and "٤ من ٤" in status.text  # round to the last
    # The box stays in view while the text scrolls to a match.
    assert (
        browser.execute_script("return getComputedStyle(document.querySelector('.find')).position")
        == "sticky"
    )

    # A new query in the box searches again.
    box = browser.find_element(By.ID, "find-q")
    box.clear()
    box.send_keys("بكين")
    box.send_keys(Keys.ENTER)
    wait_for(browser, lambda d: "%D8%A8%D9%83%D9%8A%D9%86" in d.current_url)
    assert [m.text for m in browser.find_elements(By.CSS_SELECTOR, "article.document mark")] == [
        "بكين"
    ]


def test_a_hit_opened_at_its_page_starts_at_that_pages_first_match(site, browser, seeds, index_dir):
    from urllib.parse import quote

    from selenium.webdriver.common.by import By

    from . import makefiles

    (seeds / "report.pdf").write_bytes(
        makefiles.pdf(
            [
                [makefiles.visual(f"الصفحة {n}: حديث عن الزيتون والزيتون")]
                for n in ("أولى", "ثانية", "ثالثة")
            ]
        )
    )
    update_index(seeds, index_dir)
    browser.get(site + "/doc/report.pdf?q=" + quote("الزيتون") + "#page-2")

    def current(d):
        return [m.get_attribute("id") for m in d.find_elements(By.CSS_SELECTOR, "mark.current")]

    # The title (the first line) holds two, page 1 two more: page 2 starts at the fifth.
    assert len(browser.find_elements(By.CSS_SELECTOR, "h1 mark")) == 2
    assert current(browser) == ["m5"]
    browser.find_element(By.CSS_SELECTOR, ".find a.next").click()
    assert current(browser) == ["m6"]


def test_a_completion_is_chosen_with_the_keyboard_and_searched(site, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(site + "/")
    box = browser.find_element(By.NAME, "q")
    assert box.get_attribute("role") == "combobox"
    box.send_keys("والعلا")
    options = wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "[role=option]"))
    assert box.get_attribute("aria-expanded") == "true"
    assert [o.text for o in options] == ["والعلاقات"]  # the clitic typed is kept
    box.send_keys(Keys.ARROW_DOWN)
    assert box.get_attribute("aria-activedescendant") == options[0].get_attribute("id")
    assert options[0].get_attribute("aria-selected") == "true"
    box.send_keys(Keys.ENTER)
    wait_for(browser, lambda d: "/search" in d.current_url)
    assert browser.find_element(By.NAME, "q").get_attribute("value") == "والعلاقات"
    assert browser.find_elements(By.CSS_SELECTOR, ".hit mark")

    # Escape closes the list and leaves the text as typed.
    box = browser.find_element(By.NAME, "q")
    box.clear()
    box.send_keys("الاقت")
    wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "[role=option]"))
    box.send_keys(Keys.ESCAPE)
    assert box.get_attribute("aria-expanded") == "false"
    assert not browser.find_elements(By.CSS_SELECTOR, "[role=option]")
    assert box.get_attribute("value") == "الاقت"


# The examples of «طرق البحث» as a right-to-left reader sees them typed: the
# characters' order on screen, from left to right, by each one's x position.
EXAMPLES = """
return [...document.querySelectorAll('.help dt')].map(dt => {
  const kbd = dt.firstElementChild || dt;
  const text = kbd.firstChild, range = document.createRange(), at = [];
  for (let i = 0; i < text.length; i++) {
    range.setStart(text, i); range.setEnd(text, i + 1);
    at.push([range.getBoundingClientRect().left, text.data[i]]);
  }
  at.sort((a, b) => a[0] - b[0]);
  return {text: text.data, direction: getComputedStyle(kbd).direction,
          font: getComputedStyle(kbd).fontFamily, letterSpacing: getComputedStyle(kbd).letterSpacing,
          onScreen: at.map(p => p[1]).join('')};
});
"""


def test_the_search_help_shows_examples_as_the_search_box_shows_them(site, browser):
    from selenium.webdriver.common.by import By

    browser.get(site + "/")
    browser.find_element(By.CSS_SELECTOR, "details.help summary").click()
    box_font = browser.execute_script(
        "return getComputedStyle(document.querySelector('input[name=q]')).fontFamily"
    )
    examples = {e["text"]: e for e in browser.execute_script(EXAMPLES)}
    assert {"-الطقس", "العلا*", "title:الاقتصاد"} <= set(examples)
    for example in examples.values():
        assert example["font"] == box_font and "mono" not in example["font"].lower()
        assert example["letterSpacing"] == "normal"
    # The minus before the word, on its right; the star after it, on its left.
    assert examples["-الطقس"]["direction"] == "rtl"
    assert examples["-الطقس"]["onScreen"].endswith("-")
    assert examples["العلا*"]["direction"] == "rtl"
    assert examples["العلا*"]["onScreen"].startswith("*")
    # Typed with a Latin letter first, the box (dir=auto) runs it left to right.
    assert examples["title:الاقتصاد"]["direction"] == "ltr"
    assert examples["title:الاقتصاد"]["onScreen"].startswith("title:")


BOXES = """
const box = s => { const e = document.querySelector(s); if (!e) return null;
                   const r = e.getBoundingClientRect();
                   return {left: r.left, right: r.right, top: r.top, height: r.height}; };
return {page: document.documentElement.clientWidth, scroll: document.documentElement.scrollWidth,
        form: box('header.site form.search'), found: box('.found'), facets: box('aside.facets'),
        hit: box('.hit'), window: window.innerHeight,
        lines: [...document.querySelectorAll('aside.facets section')].map(s =>
          s.getBoundingClientRect().height / parseFloat(getComputedStyle(s).lineHeight))};
"""


@pytest.mark.parametrize("width", [1920, 1280])
def test_wide_screens_show_facets_beside_a_centred_results_column(site, browser, width):
    browser.set_window_size(width, 900)
    browser.get(site + "/search?q=" + "العلاقات OR الاقتصاد")
    b = browser.execute_script(BOXES)
    # Facets on the right, beside the results, the two centred as one block.
    assert b["facets"]["left"] > b["found"]["right"]
    assert abs(b["found"]["left"] - (b["page"] - b["facets"]["right"])) < 2
    # The results keep a readable measure however wide the screen, and the
    # search box stands over them, edge to edge.
    assert 600 < b["found"]["right"] - b["found"]["left"] <= 800
    assert abs(b["form"]["right"] - b["found"]["right"]) < 2
    assert abs(b["form"]["left"] - b["found"]["left"]) < 2


def test_on_a_phone_facets_are_one_line_each_and_the_results_start_on_screen(site, browser):
    browser.set_window_size(390, 844)
    browser.get(site + "/search?q=" + "العلاقات OR الاقتصاد")
    b = browser.execute_script(BOXES)
    assert b["scroll"] <= b["page"]
    assert b["lines"] and all(n < 1.6 for n in b["lines"]), b["lines"]
    assert b["hit"]["top"] < b["window"] / 2


@pytest.fixture
def pdf_site(seeds, index_dir):
    """A site over one two-page PDF, its seeds folder given so originals download."""
    from . import makefiles

    (seeds / "تقارير").mkdir()
    (seeds / "تقارير" / "الزراعة.pdf").write_bytes(
        makefiles.pdf(
            [[makefiles.visual("مقدمة عن الري")], [makefiles.visual("حصاد الزيتون في الجوف")]],
            info={"Title": "تقرير الزراعة"},
        )
    )
    update_index(seeds, index_dir)
    with served(create_app(index_dir, seeds)) as url:
        yield url


def test_a_pdf_hit_shows_its_page_and_its_document_page_offers_the_original(
    pdf_site, seeds, browser
):
    import urllib.request

    from selenium.webdriver.common.by import By

    browser.get(pdf_site + "/search?q=الزيتون")
    page = wait_for(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".page"))[0]
    assert page.text == "صفحة ٢"
    title = browser.find_element(By.LINK_TEXT, "تقرير الزراعة")
    title.click()
    # The title leads to the passage's page of the document.
    wait_for(browser, lambda d: d.current_url.endswith("#page-2"))
    marker = browser.find_element(By.ID, "page-2")
    assert marker.text == "صفحة ٢" and "الزيتون" in browser.find_element(By.TAG_NAME, "body").text
    link = browser.find_element(By.CSS_SELECTOR, "a.download")
    assert link.text == "تنزيل الملف الأصلي"
    with urllib.request.urlopen(link.get_attribute("href"), timeout=10) as response:
        assert response.headers["Content-Type"] == "application/pdf"
        assert response.headers["Content-Disposition"].startswith("attachment")
        assert response.read() == (seeds / "تقارير" / "الزراعة.pdf").read_bytes()
