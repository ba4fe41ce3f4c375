"""The default deck and the meeting options, checked as a teacher would open them."""
from __future__ import annotations

import yaml
from conftest import FULL, ROOT, run_cli
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
TOPICS = [yaml.safe_load(p.read_text(encoding="utf-8"))
          for p in sorted((ROOT / "slides" / "perm-letter").glob("[0-9]*.yaml"))]
FOOTERS = {PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE}


def texts(slide) -> str:
    return " ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)


def links_of(prs) -> set[str]:
    return {rel.target_ref for slide in prs.slides for rel in slide.part.rels.values()
            if rel.reltype.endswith("/hyperlink")}


def test_default_deck_has_every_topic_with_notes(decks):
    prs = Presentation(decks["default"])
    slides = list(prs.slides)
    titles = [s.shapes.title.text_frame.text for s in slides]
    assert titles[1] == "План встречи" and titles[-1] == "Спасибо! Вопросы?"
    for topic in TOPICS:  # every topic is on a slide of its own (maybe continued)
        assert any(t.startswith(topic["title"]) for t in titles), topic["id"]
    for number, slide in enumerate(slides, start=1):
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        assert len(notes) > 80, f"slide {number} has no real speaker notes"
    assert prs.slide_width * 9 == prs.slide_height * 16


def test_every_run_is_russian_and_sized(decks):
    for deck in decks.values():
        for slide in Presentation(deck).slides:
            for run in slide._element.iter(f"{A}r", f"{A}fld"):
                rpr = run.find(f"{A}rPr")
                assert rpr is not None and rpr.get("lang") == "ru-RU"
            for shape in slide.shapes:
                if not shape.has_text_frame or not shape.text_frame.text.strip():
                    continue
                footer = shape.is_placeholder and shape.placeholder_format.type in FOOTERS
                for para in shape.text_frame.paragraphs:
                    for run in para.runs:
                        assert run.font.size is not None, "sizes must be written explicitly"
                        assert run.font.size.pt >= (9 if footer else 18), run.text


def test_titles_and_bodies_are_placeholders(decks):
    prs = Presentation(decks["default"])
    for slide in prs.slides:
        assert slide.shapes.title is not None and slide.shapes.title.text_frame.text.strip()
    agenda = list(prs.slides)[1]
    body = [sh for sh in agenda.placeholders if sh.placeholder_format.idx == 1]
    assert body and "Нормативные документы" in body[0].text_frame.text


def test_pictures_have_alt_text_and_links_are_clickable(decks):
    prs = Presentation(decks["default"])
    alts = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                alt = shape._element.nvPicPr.cNvPr.get("descr")
                assert alt and alt.startswith("QR-код: ")
                alts.append(alt)
    assert len(alts) == 6
    resources = next(t for t in TOPICS if t["layout"] == "links")
    assert {link["url"] for link in resources["links"]} <= links_of(prs)
    assert "mailto:info@sferum.ru" in links_of(prs)


def test_brand_is_in_theme_and_master(decks):
    prs = Presentation(decks["default"])
    master = prs.slide_master
    theme = master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme").blob
    assert b'<a:accent1><a:srgbClr val="1F4E79"/>' in theme
    assert b'typeface="Arial"' in theme
    kinds = {sh.placeholder_format.type for sh in master.placeholders}
    assert {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.FOOTER,
            PP_PLACEHOLDER.SLIDE_NUMBER} <= kinds
    assert any(sh.shape_type == MSO_SHAPE_TYPE.PICTURE for sh in master.shapes)
    names = [layout.name for layout in prs.slide_layouts]
    assert "Заголовок и объект" in names and "Титульный слайд" in names


def test_meeting_options_reach_the_slides(decks):
    prs = Presentation(decks["full"])
    slides = list(prs.slides)
    cover = texts(slides[0])
    for field in ("school", "class", "date", "time", "teacher"):
        assert FULL[field] in cover, field
    closing = texts(slides[-1])
    assert f"Классный руководитель: {FULL['teacher']}, {FULL['contacts']}" in closing
    assert "info@sferum.ru" in closing and "mailto:ivanova@school7.ru" in links_of(prs)
    for slide in (slides[0], slides[-1]):
        qr = [sh for sh in slide.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert qr and qr[0].click_action.hyperlink.address == FULL["link"]
    assert FULL["school"] in texts(slides[3])  # the footer names the school
    props = prs.core_properties
    assert props.author == FULL["teacher"] and props.language == "ru-RU" and props.title


def test_only_skip_and_audience_select_topics(tmp_path):
    only = tmp_path / "only.pptx"
    result = run_cli("build", "--only", "why-sferum,technical-steps", "-o", str(only))
    assert result.exit_code == 0, result.output
    titles = [s.shapes.title.text_frame.text for s in Presentation(only).slides]
    assert titles[2] == "Почему именно Сферум?"
    assert titles[3:-1] and all(t.startswith("Как начать") for t in titles[3:-1])

    skip = tmp_path / "skip.pptx"
    assert run_cli("build", "--skip", "resources", "-o", str(skip)).exit_code == 0
    assert not any(t.startswith("Полезные ресурсы")
                   for t in (s.shapes.title.text_frame.text for s in Presentation(skip).slides))

    students = tmp_path / "students.pptx"
    assert run_cli("build", "--audience", "students", "-o", str(students)).exit_code == 0
    kept = [t["title"] for t in TOPICS if "students" in t["audience"]]
    dropped = [t["title"] for t in TOPICS if "students" not in t["audience"]]
    titles = " | ".join(s.shapes.title.text_frame.text for s in Presentation(students).slides)
    assert all(k in titles for k in kept) and not any(d in titles for d in dropped)


def test_build_works_from_any_folder_and_is_deterministic(tmp_path):
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        assert run_cli("build", cwd=tmp_path / name, env=env).exit_code == 0
    first = (tmp_path / "a" / "sferum-deck.pptx").read_bytes()
    assert first == (tmp_path / "b" / "sferum-deck.pptx").read_bytes()


def test_bad_option_is_explained_in_russian_and_keeps_the_old_deck(tmp_path):
    out = tmp_path / "deck.pptx"
    out.write_bytes(b"previous deck")
    result = run_cli("build", "--date", "31.02.2026", "-o", str(out))
    assert result.exit_code == 1
    assert result.output == ("Ошибка: неверное значение --date: неверная дата «31.02.2026»; "
                             "нужен вид 25.12.2026\nСправка: sferum-deck build -h\n")
    result = run_cli("build", "--only", "why-sferun", "-o", str(out))
    assert result.exit_code == 1
    assert "нет темы с id «why-sferun»; возможно, имелось в виду «why-sferum»" in result.output
    assert out.read_bytes() == b"previous deck"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]


def test_topics_lists_ids_titles_and_layouts():
    result = run_cli("topics")
    assert result.exit_code == 0
    for topic in TOPICS:
        line = next(l for l in result.output.splitlines() if l.startswith(topic["id"] + " "))
        assert topic["layout"] in line and topic["title"] in line


def test_meeting_file_and_own_content_folder(tmp_path):
    content = tmp_path / "темы"
    content.mkdir()
    (content / "01-own.yaml").write_text(
        "id: own-topic\ntitle: Наш класс в Сферуме\nlayout: bullets\n"
        "bullets:\n  - Чат класса открыт для всех родителей\n  - Вопросы — в личные сообщения\n"
        "notes: Расскажите, как устроен чат класса и когда учитель отвечает.\n",
        encoding="utf-8")
    meeting = tmp_path / "meeting.yaml"
    meeting.write_text(f"school: {FULL['school']}\nclass: 7Б\ndate: 2026-12-24\n"
                       f"time: '19:00'\nteacher: Петров П. П.\n", encoding="utf-8")
    out = tmp_path / "deck.pptx"
    result = run_cli("build", "--content", str(content), "--meeting", str(meeting),
                     "--teacher", "Сидорова А. А.", "-o", str(out))
    assert result.exit_code == 0, result.output
    slides = list(Presentation(out).slides)
    assert [s.shapes.title.text_frame.text for s in slides][2] == "Наш класс в Сферуме"
    assert len(slides) == 4
    cover = texts(slides[0])
    assert "7Б" in cover and "24.12.2026, 19:00" in cover
    assert "Сидорова А. А." in cover and "Петров" not in cover  # the option wins over the file
