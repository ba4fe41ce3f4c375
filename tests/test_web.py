"""The web server through Starlette's test client: the real app with its build pool, real
decks opened with python-pptx, hostile requests refused."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import yaml

pytest.importorskip("starlette")
pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx`:DeprecationWarning")
from pptx import Presentation  # noqa: E402
from pptx.enum.shapes import MSO_SHAPE_TYPE  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from sferum_deck.model import AUDIENCES  # noqa: E402
from sferum_deck.plan.layouts import NAMES  # noqa: E402
from sferum_deck.web.app import create_app  # noqa: E402
from sferum_deck.web.security import LoginLimit, content_disposition  # noqa: E402
from sferum_deck.web.settings import Config, Limits  # noqa: E402

from conftest import ROOT, run_cli  # noqa: E402
from every_layout import EMPHASIS, EXAMPLE  # noqa: E402
from every_layout import every_layout as every_layout_in  # noqa: E402

TEMPLATES = ROOT / "tests" / "templates"
SCHOOLS = "school_id;full_name;short_name;primary_color;phone\r\n" \
          "s1;МАОУ «Школа № 1»;Школа № 1;#1F4E79;+7 342 000-00-01\r\n" \
          "s2;МАОУ «Гимназия № 2»;Гимназия № 2;#7A1F2B;\r\n"
PASSWORD = "верный-пароль"


@pytest.fixture(scope="module")
def schools(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("web") / "schools.csv"
    path.write_text(SCHOOLS, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def client(schools):
    config = Config(schools=schools, password=PASSWORD, workers=1,
                    limits=Limits(logo=200_000, template=3_000_000, json_body=100_000))
    with TestClient(create_app(config), base_url="http://127.0.0.1") as client:
        setup = client.get("/api/setup").json()
        client.headers["X-CSRF-Token"] = setup["csrf"]
        client.setup_data = setup
        yield client


def teacher(**meeting) -> dict:
    return {"meeting": meeting, "school_id": "s1"}


def test_page_and_security_headers(client):
    page = client.get("/")
    assert page.status_code == 200 and "<script" in page.text
    assert "<script>" not in page.text and " on" + "click=" not in page.text  # no inline script
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["x-frame-options"] == "DENY"
    for asset in ("/static/teacher.js", "/static/common.js", "/static/style.css",
                  "/static/fonts/LiberationSans-Regular.ttf", "/curator",
                  "/static/curator.js"):
        assert client.get(asset).status_code == 200, asset


def test_no_asset_from_elsewhere():
    """Works without internet: every script, style and font comes from the app itself."""
    static = ROOT / "sferum_deck" / "web" / "static"
    for path in static.iterdir():
        text = path.read_text(encoding="utf-8")
        assert "http://" not in text.replace("http://www.w3.org", "") and \
            "https://" not in text.replace("https://sferum.ru/?call_link", ""), path.name
        if path.suffix == ".html":  # styles from style.css only (CSP: style-src 'self')
            assert "<style" not in text and "style=" not in text, path.name


def test_setup_lists_schools_and_topics(client):
    data = client.setup_data
    assert [s["id"] for s in data["schools"]] == ["s1", "s2"]
    ids = [t["id"] for t in data["topics"]]
    assert "why-sferum" in ids and len(ids) == len(set(ids))
    assert all(t["field"] in ("bullets", "answer", "steps", "links") for t in data["topics"])


def test_deck_carries_school_and_class(client):
    answer = client.post("/api/deck", json=teacher(**{"class": "5А", "date": "01.12.2026"}))
    assert answer.status_code == 200, answer.text
    disposition = answer.headers["content-disposition"]
    assert "filename*=UTF-8''" in disposition and "%D0%A1" in disposition  # «С» of «Собрание»
    prs = Presentation(io.BytesIO(answer.content))
    cover = " ".join(shape.text_frame.text for shape in prs.slides[0].shapes
                     if shape.has_text_frame)
    assert "МАОУ «Школа № 1»" in cover and "5А" in cover and "01.12.2026" in cover
    assert int(answer.headers["x-slides"]) == len(prs.slides)


def test_same_bytes_as_build(client, tmp_path, monkeypatch):
    """The server's deck is the command line's deck for the same inputs."""
    import os
    import subprocess
    import sys
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    subprocess.run([sys.executable, "-m", "sferum_deck", "build", "--class", "7Б", "-o",
                    str(tmp_path / "cli.pptx")], check=True, capture_output=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    with TestClient(create_app(Config(workers=1)), base_url="http://127.0.0.1") as plain:
        plain.headers["X-CSRF-Token"] = plain.get("/api/setup").json()["csrf"]
        answer = plain.post("/api/deck", json={"meeting": {"class": "7Б"}})
    assert answer.content == (tmp_path / "cli.pptx").read_bytes()


def test_preview_pages_follow_the_form(client):
    first = client.post("/api/preview", json=teacher(**{"class": "5А"})).json()
    second = client.post("/api/preview", json=teacher(**{"class": "9В"})).json()
    assert first["slides"][0]["kind"] == "cover"
    assert first["slides"][0]["svg"].startswith("<svg")
    assert "@font-face" in first["css"]["text"] and "@font-face" not in first["slides"][0]["svg"]
    assert first["slides"][0]["svg"] != second["slides"][0]["svg"]
    assert first["slides"][3]["svg"] == second["slides"][3]["svg"]
    topics = [s["topic"] for s in first["slides"] if s["topic"]]
    assert topics[0] == "why-sferum"


def test_preview_sends_only_the_pages_that_changed(client):
    first = client.post("/api/preview", json=teacher(**{"class": "5А"})).json()["slides"]
    have = [s["id"] for s in first]
    css = client.post("/api/preview", json=teacher(**{"class": "5А"})).json()["css"]
    again = client.post("/api/preview", json={**teacher(**{"class": "6Б"}),
                                              "have": have + [css["id"]]})
    sent = [s for s in again.json()["slides"] if "svg" in s]
    assert [s["kind"] for s in sent] == ["cover"]
    assert "text" not in again.json()["css"]
    assert len(again.content) < len(str(first)) / 5


def test_bad_date_named_by_its_field(client):
    answer = client.post("/api/preview", json=teacher(date="31.02.2026"))
    assert answer.status_code == 422
    assert answer.json()["problems"] == [{"where": "meeting", "field": "date", "message":
                                          "неверная дата «31.02.2026»; нужен вид 25.12.2026"}]


def test_topics_chosen_reordered_and_edited(client):
    edited = {"title": "Наш класс в Сферуме", "layout": "bullets",
              "bullets": ["Первый пункт", "Второй пункт"], "notes": "Скажу своими словами."}
    body = {**teacher(), "topics": ["technical-steps", "why-sferum"],
            "edited": {"why-sferum": edited}}
    data = client.post("/api/preview", json=body).json()
    shown = [s["topic"] for s in data["slides"] if s["topic"]]
    assert shown[0] == "technical-steps" and shown[-1] == "why-sferum"
    assert "Наш класс в Сферуме" in [s["title"] for s in data["slides"]]
    answer = client.post("/api/deck", json=body)
    prs = Presentation(io.BytesIO(answer.content))
    slide = next(s for s in prs.slides if s.shapes.title is not None
                 and s.shapes.title.text == "Наш класс в Сферуме")
    assert "Скажу своими словами." in slide.notes_slide.notes_text_frame.text


def test_edited_topic_checked_as_a_file_is(client):
    body = {**teacher(), "edited": {"why-sferum": {"title": "", "layout": "bullets",
                                                   "bullets": [], "notes": "x"}}}
    problems = client.post("/api/preview", json=body).json()["problems"]
    assert {"where": "topics.why-sferum", "field": "title",
            "message": "обязательное поле не заполнено"} in problems
    assert any(p["field"] == "bullets" for p in problems)


def test_form_topic_cannot_name_server_files(client):
    """Nothing the client sends is used as a server path, even where a schema field
    would take one."""
    from sferum_deck.core import Inputs, Source, load
    from sferum_deck.errors import InputError
    from sferum_deck.inputs.validate import FILE_IN_MEMORY
    source = Source("brand", values={"logo": "/etc/passwd"})
    from sferum_deck.inputs.schema import BRAND
    from sferum_deck.inputs.validate import Checker
    from sferum_deck.errors import Problems
    problems = Problems()
    Checker(source.doc(), problems).mapping(source.values, (), BRAND)
    assert [(p.where, p.field, p.message) for p in problems.items] == \
        [("brand", "logo", FILE_IN_MEMORY)]
    with pytest.raises(InputError) as caught:
        load(Inputs(meeting=Source("встреча.yaml", text="date: 99.99.2026\n")))
    assert str(caught.value.problems[0]).startswith("встреча.yaml:1 date: неверная дата")


@pytest.mark.parametrize("body, field", [
    ({"topics": ["no-such-topic"]}, "no-such-topic"),
    ({"topics": []}, ""),
    ({"school_id": "../../etc/passwd"}, "school_id"),
    ({"aspect": "1:1"}, ""),
])
def test_unknown_choices_refused(client, body, field):
    answer = client.post("/api/preview", json={"meeting": {}, **body})
    assert answer.status_code == 422
    assert answer.json()["problems"][0]["field"] == field


def test_csrf_required(client):
    token = client.headers.pop("X-CSRF-Token")
    try:
        assert client.post("/api/deck", json=teacher()).status_code == 403
        assert client.post("/api/deck", json=teacher(),
                           headers={"X-CSRF-Token": "forged"}).status_code == 403
        assert client.post("/api/deck", json=teacher(), headers={
            "X-CSRF-Token": token, "Sec-Fetch-Site": "cross-site"}).status_code == 403
    finally:
        client.headers["X-CSRF-Token"] = token


def test_oversized_body_refused_before_reading(client):
    answer = client.post("/api/preview", content=b"{" + b" " * 200_000 + b"}",
                         headers={"Content-Type": "application/json"})
    assert answer.status_code == 413 and "больше" in answer.json()["error"]


def test_garbage_json_is_a_russian_message(client):
    for body in (b"\xff\xfe", b"[1, 2]", b"[" * 5000 + b"]" * 5000):
        answer = client.post("/api/preview", content=body,
                             headers={"Content-Type": "application/json"})
        assert answer.status_code == 422
        assert "обновите страницу" in answer.json()["problems"][0]["message"]


def png(size=(40, 20)) -> bytes:
    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def upload(client, kind: str, name: str, data: bytes):
    from urllib.parse import quote
    return client.post(f"/api/upload?kind={kind}", content=data,
                       headers={"X-File-Name": quote(name),
                                "Content-Type": "application/octet-stream"})


def test_logo_upload_goes_into_the_deck(client):
    answer = upload(client, "logo", "../../герб школы.png", png())
    assert answer.status_code == 200, answer.text
    assert answer.json()["name"] == "герб школы.png"  # only the last part, never a path
    shown = client.post("/api/preview", json={**teacher(), "logo": answer.json()["token"]})
    assert shown.status_code == 200, shown.text
    import base64
    assert base64.b64encode(png()).decode() in shown.json()["slides"][1]["svg"]  # the upload
    deck = client.post("/api/deck", json={**teacher(), "logo": answer.json()["token"]})
    prs = Presentation(io.BytesIO(deck.content))
    pictures = [s for layout in prs.slide_layouts for s in layout.shapes
                if s.shape_type == 13] + [s for s in prs.slide_master.shapes
                                          if s.shape_type == 13]
    assert pictures, "the uploaded logo is on the master or a layout"


def test_uploads_checked_by_content_not_name(client):
    answer = upload(client, "logo", "logo.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    assert answer.status_code == 422
    assert "SVG" in answer.json()["problems"][0]["message"]
    answer = upload(client, "logo", "logo.png", b"MZ\x90\x00 not a picture")
    assert "не является рисунком" in answer.json()["problems"][0]["message"]
    answer = upload(client, "template", "шаблон.pptx", png())
    assert answer.status_code == 422
    assert answer.json()["problems"][0]["where"] == "шаблон.pptx"
    assert upload(client, "logo", "big.png", b"\0" * 300_000).status_code == 413
    assert upload(client, "script", "x.png", png()).status_code == 400


def zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("ppt/presentation.xml", "<p/>")
        zf.writestr("ppt/media/huge.bin", b"\0" * (600 * 1024 * 1024))
    return out.getvalue()


def test_hostile_templates_refused(client):
    bomb = zip_bomb()
    assert len(bomb) < 3_000_000
    answer = upload(client, "template", "бомба.pptx", bomb)
    assert answer.status_code == 422
    assert "в распакованном виде занимает 600 МБ" in answer.json()["problems"][0]["message"]
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as zf:
        zf.writestr("ppt/presentation.xml", "<not-xml")
    answer = upload(client, "template", "сломанный.pptx", broken.getvalue())
    assert answer.status_code == 422
    good = upload(client, "template", "школа.pptx",
                  (TEMPLATES / "libreoffice-midnightblue.pptx").read_bytes())
    assert good.status_code == 200, good.text
    deck = client.post("/api/deck", json={**teacher(), "template": good.json()["token"]})
    assert deck.status_code == 200
    assert len(Presentation(io.BytesIO(deck.content)).slides) > 5


def test_forgotten_upload_is_named(client):
    answer = client.post("/api/preview", json={**teacher(), "logo": "no-such-token"})
    assert answer.json()["problems"][0]["where"] == "logo"


def test_export_is_what_build_accepts(client, tmp_path):
    edited = {"title": "Своими словами", "layout": "bullets", "bullets": ["Пункт"],
              "notes": "Заметки."}
    body = {"meeting": {"class": "5А", "date": "2026-12-01", "time": "18:30",
                        "teacher": "Иванова М. П."}, "school_id": "s2",
            "topics": ["why-sferum", "technical-steps"], "edited": {"why-sferum": edited}}
    answer = client.post("/api/export", json=body)
    assert answer.status_code == 200
    zipfile.ZipFile(io.BytesIO(answer.content)).extractall(tmp_path)
    meeting = yaml.safe_load((tmp_path / "meeting.yaml").read_text(encoding="utf-8"))
    assert meeting["school"] == "МАОУ «Гимназия № 2»" and meeting["time"] == "18:30"
    assert sorted(p.name for p in (tmp_path / "slides").iterdir()) == \
        ["01-why-sferum.yaml", "02-technical-steps.yaml"]
    result = run_cli("build", "--meeting", str(tmp_path / "meeting.yaml"), "--content",
                     str(tmp_path / "slides"), "-o", str(tmp_path / "out.pptx"))
    assert result.exit_code == 0, result.output
    titles = [s.shapes.title.text for s in Presentation(tmp_path / "out.pptx").slides
              if s.shapes.title is not None]
    assert "Своими словами" in titles


def test_handout_pptx(client):
    answer = client.post("/api/handout?format=pptx", json=teacher(**{"class": "3Б"}))
    assert answer.status_code == 200
    prs = Presentation(io.BytesIO(answer.content))
    assert len(prs.slides) == 1 and prs.slide_width < prs.slide_height  # A4 portrait
    assert "%D0%9F%D0%B0%D0%BC%D1%8F%D1%82%D0%BA%D0%B0" in answer.headers["content-disposition"]


def test_busy_server_says_so(client, monkeypatch):
    site_pool = client.app.state if False else None  # noqa: F841
    from sferum_deck.web.pool import BuildPool
    monkeypatch.setattr(BuildPool, "run", _busy_run)
    answer = client.post("/api/preview", json=teacher())
    assert answer.status_code == 503
    assert int(answer.headers["retry-after"]) >= 1
    assert "сервер сейчас занят" in answer.json()["error"]


async def _busy_run(self, receive, function, *args, **kw):
    from sferum_deck.web.pool import Busy
    raise Busy(3)


def test_queue_bound(schools):
    """Past `queue` waiting jobs the pool refuses at once (Busy), it never queues more."""
    import asyncio

    from sferum_deck.web.pool import BuildPool, Busy
    pool = BuildPool(Config(workers=1, queue=2))
    pool.waiting = 2
    with pytest.raises(Busy):
        asyncio.run(pool.run(None, len, "x"))


def test_previews_go_before_downloads_and_gone_jobs_never_start():
    import asyncio

    from sferum_deck.web.pool import BuildPool
    pool = BuildPool(Config(workers=1))
    order = []

    async def wait(name, urgent):
        await pool._slot(urgent)
        order.append(name)

    async def main():
        await pool._slot(False)                      # the one worker is busy
        deck = asyncio.ensure_future(wait("deck", False))
        gone = asyncio.ensure_future(wait("gone", True))
        preview = asyncio.ensure_future(wait("preview", True))
        await asyncio.sleep(0)
        gone.cancel()                                # its client left while it waited
        await asyncio.sleep(0)
        for _ in range(3):
            pool._release()                          # a worker finished
            await asyncio.sleep(0)
        await asyncio.gather(deck, preview)
    asyncio.run(main())
    assert order == ["preview", "deck"]
    assert pool.free == 1                            # every worker accounted for


def test_disconnect_cancels_the_job():
    import asyncio

    from sferum_deck.web.pool import Gone, unless_gone
    cancelled = []

    async def slow():
        try:
            await asyncio.sleep(5)
        except asyncio.CancelledError:
            cancelled.append(True)
            raise

    async def receive():
        await asyncio.sleep(0.05)
        return {"type": "http.disconnect"}

    async def main():
        with pytest.raises(Gone):
            await unless_gone(receive, slow())
        await asyncio.sleep(0)
    asyncio.run(main())
    assert cancelled == [True]


def test_content_disposition_names():
    header = content_disposition("Собрание 5А 01.12.2026.pptx")
    assert header.startswith('attachment; filename="5_01.12.2026.pptx"') or \
        'filename="' in header
    assert "filename*=UTF-8''%D0%A1%D0%BE%D0%B1%D1%80%D0%B0%D0%BD%D0%B8%D0%B5%205%D0%90%20" \
           "01.12.2026.pptx" in header
    assert "/" not in content_disposition("../../etc/passwd").split("filename*=")[1]
    assert "\r" not in content_disposition("a\r\nSet-Cookie: x=1.pptx")


# ---------------------------------------------------------------- the curator


def login(client, password=PASSWORD):
    return client.post("/api/curator/login", json={"password": password})


def test_curator_needs_the_password(client):
    fresh = client.post("/api/curator/batch", files={"list": ("s.csv", SCHOOLS.encode())})
    assert fresh.status_code in (401, 403)
    assert login(client, "неверный").status_code == 422


def test_login_rate_limit():
    limit = LoginLimit(attempts=3, window=60, overall=10)
    for _ in range(3):
        assert limit.wait("10.0.0.1", now=100) == 0
        limit.failed("10.0.0.1", now=100)
    assert limit.wait("10.0.0.1", now=110) == 51
    assert limit.wait("10.0.0.2", now=110) == 0
    assert limit.wait("10.0.0.1", now=161) == 0


def test_login_limited_through_the_app(schools):
    with TestClient(create_app(Config(workers=1, password="p")),
                    base_url="http://127.0.0.1") as client:
        client.headers["X-CSRF-Token"] = client.get("/api/setup").json()["csrf"]
        codes = [login(client, "wrong").status_code for _ in range(6)]
        assert codes[:5] == [422] * 5 and codes[5] == 429
        assert login(client, "p").status_code == 429  # even the right one waits


def run_batch(client, files, aspect="16:9"):
    import time
    assert login(client).status_code == 200
    answer = client.post("/api/curator/batch", files=files, data={"aspect": aspect})
    if answer.status_code != 200:
        return answer, None
    job = answer.json()["job"]
    for _ in range(600):
        state = client.get(f"/api/curator/batch/{job}").json()
        if state["status"] != "running":
            return answer, (job, state)
        time.sleep(0.1)
    raise AssertionError("the batch did not finish")


def test_curator_gets_a_zip_with_report(client):
    listing = ("school_id;full_name;logo\r\n"
               "a1;Школа № 1;a1.png\r\n"
               "a2;Школа № 2;../../../../etc/passwd\r\n"
               "a3;;\r\n").encode("utf-8")
    _, (job, state) = run_batch(client, [("list", ("список школ.csv", listing)),
                                         ("logos", ("a1.png", png()))])
    assert state["status"] == "done", state
    bad = {r["line"]: r["error"] for r in state["rows"] if r["error"]}
    assert set(bad) == {3, 4}
    assert bad[3].startswith("список школ.csv:3") and "не загружен вместе со списком" in bad[3]
    assert bad[4].startswith("список школ.csv:4")
    archive = client.get(f"/api/curator/batch/{job}/zip")
    assert archive.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(archive.content)).namelist()
    assert sorted(names) == ["a1.pptx", "report.csv"]
    prs = Presentation(io.BytesIO(zipfile.ZipFile(io.BytesIO(archive.content)).read("a1.pptx")))
    cover = " ".join(s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame)
    assert "Школа № 1" in cover


def test_curator_broken_list(client):
    _, (job, state) = run_batch(client, [("list", ("школы.csv", b"\xff\xfe\x00\x01garbage"))])
    assert state["status"] == "failed"
    assert state["error"][0]["where"].startswith("школы.csv")
    answer, _ = run_batch(client, [("list", ("школы.exe", b"MZ"))])
    assert answer.status_code == 422


def test_serve_checks_the_curators_files_first(tmp_path):
    """A broken school list or template stops `serve` before it listens: Russian, exit 1."""
    (tmp_path / "школы.csv").write_text("код;название\r\n1;\r\n", encoding="utf-8")
    result = run_cli("serve", "--schools", str(tmp_path / "нет.csv"))
    assert result.exit_code == 1 and "файл со списком школ не найден" in result.output
    (tmp_path / "шаблон.pptx").write_bytes(b"not a zip")
    result = run_cli("serve", "--template", str(tmp_path / "шаблон.pptx"))
    assert result.exit_code == 1 and "не является презентацией PowerPoint" in result.output
    result = run_cli("serve", "--pack", "max-2026")
    assert result.exit_code == 1 and "max-2026: набор материалов не найден" in result.output
    assert "Traceback" not in result.output


def test_pdf_of_the_deck(client):
    from conftest import need_tools
    need_tools("soffice")
    answer = client.post("/api/pdf", json=teacher(**{"class": "5А"}))
    assert answer.status_code == 200, answer.text
    assert answer.content.startswith(b"%PDF")
    assert answer.headers["content-disposition"].endswith(".pdf")


def test_conversion_cancelled_kills_libreoffice(client):
    """What a disconnect does to a PDF being made: LibreOffice is killed, nothing is left."""
    import threading

    from conftest import need_tools
    from sferum_deck.output import convert
    need_tools("soffice")
    deck = client.post("/api/deck", json=teacher()).content
    cancel, started = threading.Event(), []
    real_popen = convert.subprocess.Popen

    def popen(*args, **kw):
        process = real_popen(*args, **kw)
        started.append(process)
        threading.Timer(0.3, cancel.set).start()
        return process
    convert.subprocess.Popen = popen
    try:
        with pytest.raises(convert.Cancelled):
            convert.pdf_bytes(deck, 60, cancel)
    finally:
        convert.subprocess.Popen = real_popen
    assert started and started[0].poll() is not None  # killed and reaped


def test_without_libreoffice_the_buttons_say_why(monkeypatch):
    import shutil as real
    which = real.which
    monkeypatch.setattr("shutil.which", lambda name, *a, **k: None if name == "soffice"
                        else which(name, *a, **k))
    with TestClient(create_app(Config(workers=1)), base_url="http://127.0.0.1") as plain:
        setup = plain.get("/api/setup").json()
        plain.headers["X-CSRF-Token"] = setup["csrf"]
        assert setup["pdf"] == {"available": False, "why": setup["pdf"]["why"]}
        assert "не установлен LibreOffice" in setup["pdf"]["why"]
        answer = plain.post("/api/pdf", json={"meeting": {}})
        assert answer.status_code == 501 and "LibreOffice" in answer.json()["error"]
        assert plain.post("/api/handout?format=pptx", json={"meeting": {}}).status_code == 200


@pytest.fixture(scope="module")
def every_layout(tmp_path_factory) -> Path:
    return every_layout_in(tmp_path_factory.mktemp("every"))


@pytest.fixture(scope="module")
def example(every_layout):
    with TestClient(create_app(Config(content=every_layout, workers=1)),
                    base_url="http://127.0.0.1") as plain:
        setup = plain.get("/api/setup").json()
        plain.headers["X-CSRF-Token"] = setup["csrf"]
        plain.topics = {t["id"]: t for t in setup["topics"]}
        yield plain


def page_values(topic: dict) -> dict:
    """A topic as the page keeps it (what it edits and sends back)."""
    return {k: v for k, v in topic.items() if k not in ("field", "editor")}


def parts(deck: bytes) -> dict[str, bytes]:
    """The deck's package parts but its build time (docProps/core.xml)."""
    with zipfile.ZipFile(io.BytesIO(deck)) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


def test_every_layout_goes_to_the_page_and_back(example, every_layout):
    """Topics of every layout reach the page as their YAML files say them (a table's rows,
    a picture by the name its file gives, an item's notes, importance and sub-items), the
    editor shows what each has, and sent back unchanged they make the very same deck."""
    files = [yaml.safe_load(p.read_text("utf-8")) for p in every_layout.glob("*.yaml")]
    assert {t["layout"] for t in example.topics.values()} == set(NAMES)
    for topic in example.topics.values():
        written = next(f for f in files if f["id"] == topic["id"])
        assert page_values(topic) == written | {
            "section": written.get("section", written["title"]),
            "audience": written.get("audience", list(AUDIENCES)),
            "notes": written["notes"].strip()}
    editors = {i: t["editor"] for i, t in example.topics.items()}
    assert editors["class-contacts"] == {"items": "", "most": 0, "texts": [], "table": "table"}
    assert editors["invite-link"] == {"items": "bullets", "most": 3, "texts": ["alt", "caption"],
                                      "table": ""}
    assert editors["emphasis"]["items"] == "bullets"
    assert {i for i, e in editors.items() if e["items"]} == {
        i for i, t in example.topics.items()
        if t["layout"] in ("bullets", "question", "steps", "checklist", "image")}
    edited = {i: page_values(t) for i, t in example.topics.items()}
    sent = example.post("/api/deck", json={"meeting": {}, "edited": edited})
    shipped = example.post("/api/deck", json={"meeting": {}})
    assert sent.status_code == shipped.status_code == 200, sent.text
    assert parts(sent.content) == parts(shipped.content)
    names = {s.name for slide in Presentation(io.BytesIO(sent.content)).slides
             for s in slide.shapes}
    assert {"Галочка", "Крестик"} <= names


def slide_titled(deck: bytes, title: str):
    prs = Presentation(io.BytesIO(deck))
    return [s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text == title]


def test_an_edited_sentence_keeps_emphasis_and_sub_items(example, every_layout, tmp_path):
    """One sentence edited on the page: the deck is the one `build` makes of the topic file
    with that sentence edited (the callout, the sub-items, the notes of an item kept)."""
    values = page_values(example.topics["emphasis"])
    values["bullets"][0] = "**Сначала** откройте сайт sferum.ru"
    answer = example.post("/api/deck", json={"meeting": {}, "topics": ["emphasis"],
                                             "edited": {"emphasis": values}})
    assert answer.status_code == 200, answer.text
    (tmp_path / "slides").mkdir()
    (tmp_path / "slides" / "t.yaml").write_text(
        yaml.safe_dump(EMPHASIS | {"bullets": values["bullets"]}, allow_unicode=True),
        encoding="utf-8")
    result = run_cli("build", "--content", str(tmp_path / "slides"), "-o",
                     str(tmp_path / "cli.pptx"))
    assert result.exit_code == 0, result.output
    [slide] = slide_titled(answer.content, "Как зарегистрироваться")
    [built] = slide_titled((tmp_path / "cli.pptx").read_bytes(), "Как зарегистрироваться")

    def seen(s):
        return [(sh.name, sh.left, sh.top, sh.width, sh.height,
                 [(p.level, [(r.text, r.font.bold) for r in p.runs]) for p in
                  sh.text_frame.paragraphs] if sh.has_text_frame else None) for sh in s.shapes]
    assert seen(slide) == seen(built)
    paras = [(p.level, p.text) for sh in slide.shapes if sh.has_text_frame
             for p in sh.text_frame.paragraphs]
    assert (0, "Сначала откройте сайт sferum.ru") in paras
    assert (1, "номер телефона") in paras and (1, "код из SMS") in paras
    important = next(sh for sh in slide.shapes
                     if sh.has_text_frame and sh.text_frame.text.startswith("Важно:"))
    tint = [sh for sh in slide.shapes if sh.name == "Прямоугольник"
            and sh.top <= important.top and important.top + important.height
            <= sh.top + sh.height]
    assert len(tint) == 2  # the callout's tint and its accent bar, behind its own text box
    assert "Типичная ошибка родителей." in slide.notes_slide.notes_text_frame.text


def pictures_of(deck: bytes) -> list:
    return [(sh.image.blob, sh._element.nvPicPr.cNvPr.get("descr"))
            for slide in Presentation(io.BytesIO(deck)).slides for sh in slide.shapes
            if sh.shape_type == MSO_SHAPE_TYPE.PICTURE and sh.name != "QR-код"]


def test_an_edited_image_topic_keeps_the_picture_of_its_pack(example, every_layout):
    values = page_values(example.topics["invite-link"])
    values |= {"caption": "Кнопка «Пригласить» в чате класса",
               "alt": "Чат класса: кнопка «Пригласить» обведена"}
    values["bullets"] = values["bullets"][:2]
    answer = example.post("/api/deck", json={"meeting": {}, "topics": ["invite-link"],
                                             "edited": {"invite-link": values}})
    assert answer.status_code == 200, answer.text
    picture = (every_layout / "pictures" / "class-chat.png").read_bytes()
    assert pictures_of(answer.content) == [(picture, "Чат класса: кнопка «Пригласить» обведена")]
    [slide] = slide_titled(answer.content, "Где найти приглашение в чат класса")
    texts = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
    assert "Кнопка «Пригласить» в чате класса" in texts
    assert "Отправьте ссылку второму родителю" not in " ".join(texts)


@pytest.mark.parametrize("name", ["../../../etc/passwd", "/etc/passwd", "pictures/../../x.png",
                                  "pictures/other.png", "12-emphasis.yaml", ""])
def test_an_edited_image_topic_names_no_other_file(example, name):
    """What the page sends as `image` is no path: only this topic's own picture, by the
    name the server gave it, is taken."""
    from sferum_deck.inputs.validate import PICTURE_IN_MEMORY
    values = page_values(example.topics["invite-link"]) | {"image": name}
    answer = example.post("/api/preview", json={"meeting": {}, "topics": ["invite-link"],
                                                "edited": {"invite-link": values}})
    assert answer.status_code == 422
    problems = answer.json()["problems"]
    assert problems == [{"where": "topics.invite-link", "field": "image",
                         "message": PICTURE_IN_MEMORY if name else
                         "макету «image» нужно поле «image»"}]


def test_a_picture_name_is_good_for_its_own_topic_only(example):
    values = page_values(example.topics["invite-link"])
    body = {"meeting": {}, "topics": ["why-sferum"], "edited": {"why-sferum": values | {
        "id": "why-sferum"}}}
    problems = example.post("/api/preview", json=body).json()["problems"]
    assert {"where": "topics.why-sferum", "field": "image",
            "message": "здесь нельзя указать путь к рисунку: у темы со страницы остаётся её "
                       "рисунок из набора"} in problems


def test_an_edited_table_comes_back_as_the_teacher_left_it(example):
    values = page_values(example.topics["class-contacts"])
    assert values["table"][0] == ["Класс", "Классный руководитель", "Почта", "Телефон"]
    values["table"] = values["table"][:3] + [["10А", "Орлова Нина Павловна",
                                              "orlova@example.ru", "+7 (342) 000-00-10"]]
    values["table"][1][3] = "+7 (342) 111-11-11"
    answer = example.post("/api/deck", json={"meeting": {}, "topics": ["class-contacts"],
                                             "edited": {"class-contacts": values}})
    assert answer.status_code == 200, answer.text
    [slide] = slide_titled(answer.content, "Куда писать по вопросам класса")
    [table] = [sh.table for sh in slide.shapes if sh.has_table]
    assert [[c.text for c in row.cells] for row in table.rows] == values["table"]
    assert table.first_row
    values["table"][2] = ["6А", "Сидорова"]
    problems = example.post("/api/preview", json={
        "meeting": {}, "topics": ["class-contacts"],
        "edited": {"class-contacts": values}}).json()["problems"]
    assert problems == [{"where": "topics.class-contacts", "field": "table[2]",
                         "message": "в строке 3 таблицы 2 ячейки, а в строке заголовков 4"}]


def test_export_carries_the_pictures(example, tmp_path):
    values = page_values(example.topics["invite-link"]) | {"caption": "Своя подпись"}
    answer = example.post("/api/export", json={"meeting": {"class": "5А"},
                                               "topics": ["invite-link", "class-contacts"],
                                               "edited": {"invite-link": values}})
    assert answer.status_code == 200
    zipfile.ZipFile(io.BytesIO(answer.content)).extractall(tmp_path)
    assert (tmp_path / "slides" / "pictures" / "class-chat.png").read_bytes() == \
        (EXAMPLE / "pictures" / "class-chat.png").read_bytes()
    result = run_cli("build", "--meeting", str(tmp_path / "meeting.yaml"), "--content",
                     str(tmp_path / "slides"), "-o", str(tmp_path / "out.pptx"))
    assert result.exit_code == 0, result.output
    deck = (tmp_path / "out.pptx").read_bytes()
    assert [blob for blob, _ in pictures_of(deck)] == \
        [(EXAMPLE / "pictures" / "class-chat.png").read_bytes()]
    [slide] = slide_titled(deck, "Где найти приглашение в чат класса")
    assert "Своя подпись" in [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
