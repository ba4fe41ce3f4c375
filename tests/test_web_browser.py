"""The pages in a real browser: `sferum-deck serve` started as a curator starts it, Debian's
chromium driven by Playwright (never a downloaded browser), the downloads opened with
python-pptx, the page checked with axe-core. In CI a missing chromium fails."""
from __future__ import annotations

import contextlib
import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest
import yaml
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from conftest import IN_CI, ROOT, need_tools
from every_layout import EMPHASIS, EXAMPLE, every_layout

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
PASSWORD = "пароль-куратора"
SCHOOLS = "school_id;full_name;short_name;primary_color\r\n" \
          "s7;МАОУ «Средняя школа № 7»;Школа № 7;#1F4E79\r\n" \
          "s9;МБОУ «Гимназия № 9»;Гимназия № 9;#7A1F2B\r\n"


def _playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if IN_CI:
            pytest.fail("playwright is not installed")
        pytest.skip("playwright is not installed")
    if not Path(CHROMIUM).exists():
        need_tools("chromium")  # fails in CI, skips elsewhere
    return sync_playwright


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chromium():
    """Debian's chromium, one for the module's servers (Playwright's sync API runs once
    per thread)."""
    sync_playwright = _playwright()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@contextlib.contextmanager
def serving(folder: Path, *options: str):
    """`sferum-deck serve OPTIONS` in its own process in `folder`, as a curator runs it:
    its address."""
    port = free_port()
    env = {**os.environ, "SFERUM_DECK_PASSWORD": PASSWORD, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "sferum_deck", "serve", "--port",
                                str(port), *options, "--workers", "1"],
                               cwd=folder, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(url + "api/setup", timeout=1).read()
                break
            except OSError:
                if process.poll() is not None:
                    raise AssertionError(process.stdout.read().decode())
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
        log = process.stdout.read().decode(errors="replace")
        assert "Иванова" not in log and "+7 900" not in log  # no teacher's data in the log


@pytest.fixture(scope="module")
def server(tmp_path_factory, chromium):
    """The default topics, a list of schools."""
    folder = tmp_path_factory.mktemp("serve")
    (folder / "школы.csv").write_text(SCHOOLS, encoding="utf-8")
    with serving(folder, "--schools", "школы.csv") as url:
        yield url, chromium, folder


@contextlib.contextmanager
def teachers_page(url, browser):
    """The teacher's page with its first preview drawn; no script error on it."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.wait_for_selector("#slides li img")
    yield page
    context.close()
    assert not errors, errors


@pytest.fixture
def page(server):
    url, browser, _ = server
    with teachers_page(url, browser) as page:
        yield page


@pytest.fixture(scope="module")
def example_server(tmp_path_factory, chromium):
    """docs/example's topics (every layout) and one of emphasis and sub-items."""
    folder = every_layout(tmp_path_factory.mktemp("example"))
    with serving(folder.parent, "--content", str(folder)) as url:
        yield url, chromium, folder


def until(page, script: str, timeout: float = 15000) -> None:
    """Wait until the function `script` is true in the page. Polled from here with
    page.evaluate: Playwright's wait_for_function compiles its predicate with eval in
    older versions, which our CSP (no unsafe-eval) rightly refuses."""
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(script):
        if time.monotonic() > deadline:
            raise AssertionError(f"not true in time: {script}")
        page.wait_for_timeout(50)


def version(page) -> int:
    return int(page.get_attribute("#slides", "data-version") or 0)


def wait_for_new_preview(page, before: int) -> None:
    until(page, f"() => Number(document.getElementById('slides').dataset.version) > {before}")


def drawn(page) -> bool:
    """Every slide picture on the page is drawn (the browser decoded its SVG)."""
    return page.evaluate("[...document.querySelectorAll('#slides img')].every("
                         "i => i.complete && i.naturalWidth > 0)")


def test_form_preview_edit_download(page, tmp_path):
    until(page, "() => [...document.querySelectorAll('#slides img')].every("
                           "i => i.complete && i.naturalWidth > 0)")
    first_src = page.get_attribute("#slides img", "src")
    page.select_option("#f-school_id", "s7")
    page.fill("#f-date", "12.12.2026")
    page.fill("#f-teacher", "Иванова Мария Петровна")
    page.fill("#f-teacher_contacts", "+7 900 000-00-00")
    covers = []
    page.on("response", lambda r: covers.append(r.json()["slides"][0])
            if r.url.endswith("/api/preview") and r.ok else None)
    page.fill("#f-class", "5А")
    for _ in range(100):  # the debounced update after the last keystroke
        if any("5А класс" in c["svg"] for c in covers):
            break
        page.wait_for_timeout(50)
    cover = covers[-1]
    assert cover["kind"] == "cover" and "5А класс" in cover["svg"]
    assert "МАОУ «Средняя школа № 7»" in cover["svg"]
    until(page, f"() => document.querySelector('#slides img').src !== '{first_src}'")
    until(page, "() => [...document.querySelectorAll('#slides img')].every("
                           "i => i.complete && i.naturalWidth > 0)")

    # click a topic's slide, edit its title, apply: the preview shows it
    page.click("#slides button[data-topic='why-sferum']")
    page.wait_for_selector("#editor[open]")
    page.fill("#e-title", "Зачем нашему классу Сферум")
    before = version(page)
    page.click("#e-apply")
    wait_for_new_preview(page, before)
    assert not page.is_visible("#editor[open]")
    captions = page.locator("#slides .caption").all_inner_texts()
    assert any("Зачем нашему классу Сферум" in c for c in captions)
    assert page.locator("li[data-topic='why-sferum'] .badge").inner_text() == "изменено"

    # untick a topic: its slide goes
    before = version(page)
    page.uncheck("#t-normative-documents")
    wait_for_new_preview(page, before)
    assert page.locator("#slides button[data-topic='normative-documents']").count() == 0

    with page.expect_download() as caught:
        page.click("#get-deck")
    download = caught.value
    assert download.suggested_filename == "Собрание 5А 12.12.2026.pptx"
    path = tmp_path / "deck.pptx"
    download.save_as(path)
    prs = Presentation(path)
    cover = " ".join(s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame)
    assert "МАОУ «Средняя школа № 7»" in cover and "5А" in cover
    titles = [s.shapes.title.text for s in prs.slides if s.shapes.title is not None]
    assert "Зачем нашему классу Сферум" in titles and "Нормативные документы" not in titles

    # the entries stay in this browser: a reload shows them again
    page.reload()
    page.wait_for_selector("#slides li img")
    assert page.input_value("#f-class") == "5А"
    assert page.locator("li[data-topic='why-sferum'] .badge").count() == 1

    # and are downloaded as meeting.yaml and topics that build accepts
    with page.expect_download() as caught:
        page.click("#get-export")
    archive = tmp_path / "export.zip"
    caught.value.save_as(archive)
    zipfile.ZipFile(archive).extractall(tmp_path / "mine")
    from conftest import run_cli
    result = run_cli("build", "--meeting", str(tmp_path / "mine" / "meeting.yaml"), "--content",
                     str(tmp_path / "mine" / "slides"), "-o", str(tmp_path / "again.pptx"))
    assert result.exit_code == 0, result.output
    page.evaluate("localStorage.clear()")


def test_handout_pdf(page, tmp_path):
    need_tools("soffice")
    assert page.is_enabled("#get-handout")
    with page.expect_download(timeout=120000) as caught:
        page.click("#get-handout")
    assert caught.value.suggested_filename.startswith("Памятка для родителей")
    caught.value.save_as(tmp_path / "handout.pdf")
    assert (tmp_path / "handout.pdf").read_bytes().startswith(b"%PDF")


def test_bad_date_answered_beside_its_field(page):
    page.fill("#f-date", "31.02.2026")
    until(page, "() => document.getElementById('m-date').textContent.length > 0")
    assert page.inner_text("#m-date") == "неверная дата «31.02.2026»; нужен вид 25.12.2026"
    assert page.get_attribute("#f-date", "aria-invalid") == "true"
    assert "m-date" in page.get_attribute("#f-date", "aria-describedby")
    page.fill("#f-date", "2026-12-31")
    until(page, "() => document.getElementById('m-date').textContent === ''")
    assert page.get_attribute("#f-date", "aria-invalid") is None
    page.evaluate("localStorage.clear()")


def test_editor_message_beside_the_field(page):
    page.click("#slides button[data-topic='why-sferum']")
    page.fill("#e-title", "")
    page.click("#e-apply")
    until(page, "() => document.getElementById('em-title').textContent.length > 0")
    assert page.inner_text("#em-title") == "обязательное поле не заполнено"
    assert page.is_visible("#editor[open]")
    page.click("#e-close")
    page.evaluate("localStorage.clear()")


def big_file(size: int) -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\0" * size


def test_oversized_and_hostile_uploads(page):
    page.click("details.own summary")
    page.set_input_files("#f-logo", files=[{"name": "огромный.png", "mimeType": "image/png",
                                             "buffer": big_file(6 * 1024 * 1024)}])
    until(page, "() => document.getElementById('m-logo').textContent.length > 0")
    assert "больше 5 МБ" in page.inner_text("#m-logo")
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("ppt/presentation.xml", "<p/>")
        zf.writestr("ppt/media/x.bin", b"\0" * (600 * 1024 * 1024))
    page.set_input_files("#f-template", files=[{"name": "шаблон.pptx", "mimeType":
                                                 "application/octet-stream",
                                                 "buffer": bomb.getvalue()}])
    until(page, "() => document.getElementById('m-template').textContent.length > 0",
                           timeout=30000)
    assert "в распакованном виде занимает 600 МБ" in page.inner_text("#m-template")
    # a picture whose name climbs out of folders: only its last part is ever shown or kept
    from PIL import Image
    logo = io.BytesIO()
    Image.new("RGB", (60, 30), (10, 90, 160)).save(logo, "PNG")
    page.set_input_files("#f-logo", files=[{"name": "../../../etc/герб.png",
                                             "mimeType": "image/png",
                                             "buffer": logo.getvalue()}])
    until(page, "() => document.getElementById('n-logo').textContent.startsWith('Загружен')")
    assert "/" not in page.inner_text("#n-logo")
    page.click("#forget-files")
    page.evaluate("localStorage.clear()")


def test_page_accessible(page):
    from axe_playwright_python.sync_playwright import Axe
    page.fill("#f-date", "99.99.9999")  # with a message shown too
    until(page, "() => document.getElementById('m-date').textContent.length > 0")
    violations = Axe().run(page).response["violations"]
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations
           if v["impact"] in ("serious", "critical")]
    assert not bad, bad
    page.click("#slides button[data-topic='why-sferum']")
    page.wait_for_selector("#editor[open]")
    violations = Axe().run(page).response["violations"]
    bad = [(v["id"], v["impact"]) for v in violations if v["impact"] in ("serious", "critical")]
    assert not bad, bad
    page.evaluate("localStorage.clear()")


def test_phone_one_column(server):
    url, browser, _ = server
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("#slides li img")
    form, slides = page.locator("#form").bounding_box(), page.locator(".slides").bounding_box()
    assert slides["y"] >= form["y"] + form["height"] - 1  # below the form, not beside it
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_curator_page(server, tmp_path):
    url, browser, _ = server
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(url + "curator")
    page.fill("#f-password", "не тот")
    page.click("#login button")
    until(page, "() => document.getElementById('m-password').textContent.length > 0")
    assert page.inner_text("#m-password") == "неверный пароль"
    page.fill("#f-password", PASSWORD)
    page.click("#login button")
    page.wait_for_selector("#batch:not([hidden])")
    from axe_playwright_python.sync_playwright import Axe
    bad = [v["id"] for v in Axe().run(page).response["violations"]
           if v["impact"] in ("serious", "critical")]
    assert not bad, bad

    # a broken list: the whole file refused, said beside the field
    page.set_input_files("#f-list", files=[{"name": "школы.csv", "mimeType": "text/csv",
                                            "buffer": b"\xff\xfe\x00\xd8broken"}])
    page.click("#go")
    until(page, "() => document.getElementById('m-list').textContent.length > 0",
                           timeout=30000)
    assert page.inner_text("#m-list").startswith("Список не подошёл: школы.csv")

    # rows with errors keep their line; a logo path out of folders is never opened
    listing = ("school_id;full_name;logo\r\n"
               "a1;Школа № 1;\r\n"
               "a2;;\r\n"
               "a3;Школа № 3;../../../../etc/passwd\r\n").encode("utf-8")
    page.set_input_files("#f-list", files=[{"name": "район.csv", "mimeType": "text/csv",
                                            "buffer": listing}])
    page.click("#go")
    page.wait_for_selector("#zip:not([hidden])", timeout=60000)
    rows = page.locator("#errors tbody tr").all_inner_texts()
    assert len(rows) == 2 and rows[0].startswith("3") and rows[1].startswith("4")
    assert "район.csv:4" in rows[1] and "не загружен вместе со списком" in rows[1]
    with page.expect_download() as caught:
        page.click("#zip")
    caught.value.save_as(tmp_path / "all.zip")
    names = zipfile.ZipFile(tmp_path / "all.zip").namelist()
    assert sorted(names) == ["a1.pptx", "report.csv"]

    # an oversized list is refused before it is built
    page.set_input_files("#f-list", files=[{"name": "большой.csv", "mimeType": "text/csv",
                                            "buffer": b"a;b\r\n" * (1_100_000)}])
    page.click("#go")
    until(page, "() => document.getElementById('m-list').textContent.includes('больше')")
    context.close()


def test_screenshot_for_people(page):
    """The page as a teacher sees it, kept beside the README (docs/web-page.png) when
    SCREENSHOT is set; always taken, so a broken layout fails loudly here."""
    page.select_option("#f-school_id", "s9")
    page.fill("#f-class", "7Б")
    page.fill("#f-date", "15.12.2026")
    page.fill("#f-time", "18:30")
    time.sleep(1)
    image = page.screenshot(full_page=False)
    assert image[:8] == b"\x89PNG\r\n\x1a\n" and len(image) > 20_000
    if os.environ.get("SCREENSHOT"):
        Path(os.environ["SCREENSHOT"]).write_bytes(image)
    page.evaluate("localStorage.clear()")


def values_of(locator) -> list[str]:
    return [locator.nth(i).input_value() for i in range(locator.count())]


def deck_pictures(prs) -> list[tuple[bytes, str]]:
    return [(sh.image.blob, sh._element.nvPicPr.cNvPr.get("descr"))
            for slide in prs.slides for sh in slide.shapes
            if sh.shape_type == MSO_SHAPE_TYPE.PICTURE and sh.name != "QR-код"]


def slide_of(prs, title: str):
    return next(s for s in prs.slides
                if s.shapes.title is not None and s.shapes.title.text == title)


def test_a_table_a_picture_and_emphasis_edited_on_the_page(example_server, tmp_path):
    """A teacher edits a table's cells and rows, an image topic's caption and one sentence
    of a list with an important item and sub-items: the preview and the downloaded deck
    show the edits, the picture stays, and no emphasis or sub-item is lost."""
    url, browser, folder = example_server
    contacts = yaml.safe_load((EXAMPLE / "10-contacts.yaml").read_text("utf-8"))["table"]
    invite = yaml.safe_load((EXAMPLE / "11-invite.yaml").read_text("utf-8"))
    picture = (EXAMPLE / "pictures" / "class-chat.png").read_bytes()
    with teachers_page(url, browser) as page:
        previews = []
        page.on("response", lambda r: previews.append(r.json())
                if r.url.endswith("/api/preview") and r.ok else None)

        # the table: its header and rows as cells; a cell edited, a row added, one removed
        page.locator("#slides button[data-topic='class-contacts']").first.click()
        page.wait_for_selector("#editor[open]")
        assert page.is_visible("#e-table") and not page.is_visible("#e-items-box")
        assert values_of(page.locator("#e-table thead input")) == contacts[0]
        rows = page.locator("#e-table tbody tr")
        assert [values_of(rows.nth(i).locator("input")) for i in range(rows.count())] == \
            contacts[1:]
        assert page.get_attribute("#e-table tbody tr:nth-child(1) td:nth-child(4) input",
                                  "aria-label") == "Строка 2, Телефон"
        page.fill("#e-table tbody tr:nth-child(1) td:nth-child(4) input", "+7 (342) 111-11-11")
        page.click("[aria-label='Удалить строку 3']")  # 5Б
        page.click("#e-add-row")
        added = ["10А", "Орлова Нина Павловна", "orlova@example.ru", "+7 (342) 000-00-10"]
        for j, text in enumerate(added):
            rows.last.locator("input").nth(j).fill(text)
        from axe_playwright_python.sync_playwright import Axe
        violations = Axe().run(page).response["violations"]
        bad = [(v["id"], v["impact"]) for v in violations if v["impact"] in ("serious", "critical")]
        assert not bad, bad
        before = version(page)
        page.click("#e-apply")
        wait_for_new_preview(page, before)
        assert not page.is_visible("#editor[open]")
        table = [contacts[0], [*contacts[1][:3], "+7 (342) 111-11-11"], *contacts[3:], added]

        # the picture: not chosen on the page, kept; its texts edited
        page.click("#slides button[data-topic='invite-link']")
        page.wait_for_selector("#editor[open]")
        assert "pictures/class-chat.png" in page.inner_text("#e-picture")
        assert page.input_value("#e-alt") == invite["alt"]
        assert page.input_value("#e-caption") == invite["caption"]
        assert values_of(page.locator("#e-items textarea")) == invite["bullets"]
        assert not page.is_visible("#e-add")  # three bullets at most beside a picture
        page.fill("#e-caption", "Кнопка «Пригласить» в чате класса")
        before = version(page)
        page.click("#e-apply")
        wait_for_new_preview(page, before)
        shown = next(s for s in previews[-1]["slides"] if s["topic"] == "invite-link")
        assert "<image" in shown["svg"] and "в чате класса" in shown["svg"]

        # one sentence of a list edited: importance and sub-items shown and kept
        page.click("#slides button[data-topic='emphasis']")
        page.wait_for_selector("#editor[open]")
        assert [page.is_checked(f"[aria-label='Пункт {n}: важный']") for n in (1, 2, 3, 4)] \
            == [False, True, False, False]
        assert page.input_value("#e-sub-3") == "номер телефона\nкод из SMS"
        page.fill("#e-item-1", "**Сначала** откройте сайт sferum.ru")
        before = version(page)
        page.click("#e-apply")
        wait_for_new_preview(page, before)

        # a reload shows the edits again, the table as it was left
        page.reload()
        page.wait_for_selector("#slides li img")
        page.locator("#slides button[data-topic='class-contacts']").first.click()
        page.wait_for_selector("#editor[open]")
        rows = page.locator("#e-table tbody tr")
        assert [values_of(rows.nth(i).locator("input")) for i in range(rows.count())] == \
            table[1:]
        page.click("#e-close")

        with page.expect_download() as caught:
            page.click("#get-deck")
        caught.value.save_as(tmp_path / "deck.pptx")
        with page.expect_download() as caught:
            page.click("#get-export")
        caught.value.save_as(tmp_path / "export.zip")
        page.evaluate("localStorage.clear()")

    prs = Presentation(tmp_path / "deck.pptx")
    cells = [[c.text for c in row.cells] for slide in prs.slides for sh in slide.shapes
             if sh.has_table for row in sh.table.rows]
    header_rows = [i for i, row in enumerate(cells) if row == contacts[0]]
    assert [row for row in cells if row != contacts[0]] == table[1:] and header_rows[0] == 0
    assert deck_pictures(prs) == [(picture, invite["alt"])]
    texts = [sh.text_frame.text for sh in slide_of(prs, invite["title"]).shapes
             if sh.has_text_frame]
    assert "Кнопка «Пригласить» в чате класса" in texts
    slide = slide_of(prs, EMPHASIS["title"])
    paras = [(p.level, p.text) for sh in slide.shapes if sh.has_text_frame
             for p in sh.text_frame.paragraphs]
    assert (0, "Сначала откройте сайт sferum.ru") in paras
    assert (1, "номер телефона") in paras and (1, "код из SMS") in paras
    callout = next(sh for sh in slide.shapes if sh.has_text_frame
                   and sh.text_frame.text.startswith("Важно:"))
    assert callout.text_frame.paragraphs[0].runs[0].font.bold is True
    behind = [sh for sh in slide.shapes if sh.name == "Прямоугольник" and sh.top <= callout.top
              and callout.top + callout.height <= sh.top + sh.height]
    assert len(behind) == 2  # the callout's tint and accent bar
    assert "Типичная ошибка родителей." in slide.notes_slide.notes_text_frame.text

    # the export builds as it is, with the picture beside the topics
    zipfile.ZipFile(tmp_path / "export.zip").extractall(tmp_path / "mine")
    assert (tmp_path / "mine" / "slides" / "pictures" / "class-chat.png").read_bytes() == picture
    from conftest import run_cli
    result = run_cli("build", "--meeting", str(tmp_path / "mine" / "meeting.yaml"), "--content",
                     str(tmp_path / "mine" / "slides"), "-o", str(tmp_path / "again.pptx"))
    assert result.exit_code == 0, result.output
    again = Presentation(tmp_path / "again.pptx")
    assert deck_pictures(again) == [(picture, invite["alt"])]
