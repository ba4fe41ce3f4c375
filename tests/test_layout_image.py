"""The image layout's plan (hypothesis): the picture keeps its pixels' aspect ratio, is never
shown larger than its pixels at 96 dpi (one pixel = 0.75 pt, so a 400-pixel-wide picture is
at most 300 pt wide), lies inside the body and overlaps neither its caption nor its bullets;
caption and bullets fit by fit.py's own measure at 18 pt or more; every bullet is shown once,
in order; the alt text is the author's; notes on every slide. Both aspects, our base and a
school template; bullets beside the picture on a wide page, under it on 4:3."""
from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from conftest import ROOT
from sferum_deck.inputs.brands import load_brand
from sferum_deck.inputs.images import PICTURE_MAX_SIDE, PT_PER_PX, load_image
from sferum_deck.model import Box, Deck, Figure, Item, Meeting, Topic
from sferum_deck.plan import fit as fitting
from sferum_deck.plan import plan
from sferum_deck.plan.text import BODY_MAX, BODY_MIN, runs_of

BRAND = load_brand("default")
WORDS = ["Откройте", "чат", "класса", "нажмите", "кнопку", "«Пригласить»", "внизу", "справа",
         "скопируйте", "ссылку", "и", "отправьте", "её", "родителям", "в", "Сферуме",
         "https://sferum.ru/", "северо-западный", "😀", "12+"]
PICTURES: dict[tuple[int, int], Path] = {}


def picture(folder: Path, width: int, height: int) -> Path:
    if (width, height) not in PICTURES:
        path = folder / f"p{width}x{height}.png"
        Image.new("RGB", (width, height), (31, 78, 121)).save(path)
        PICTURES[(width, height)] = path
    return PICTURES[(width, height)]


def held(path: Path) -> tuple[int, int]:
    """The pixels of the picture as the deck holds it (a larger one is scaled down to
    PICTURE_MAX_SIDE first, its aspect ratio rounded to whole pixels)."""
    image = load_image(path, PICTURE_MAX_SIDE)
    return image.width, image.height


def words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def image_deck(path: Path, seed: int, bullets: int, longest: int, caption: int, aspect: str,
               template=None) -> Deck:
    rng = random.Random(seed)
    items = tuple(Item(words(rng, rng.randint(1, longest))[:400]) for _ in range(bullets))
    topic = Topic(id="t", title="Где найти ссылку-приглашение", section="Приглашение",
                  layout="image", audience=("parents",), items=items, links=(),
                  notes="Покажите на экране.\n\nКнопка внизу справа.", source="t.yaml:1",
                  figure=Figure(path, "Чат класса: кнопка «Пригласить» внизу справа",
                                words(rng, caption)[:150], "t.yaml:4"))
    return Deck(topics=(topic,), brand=BRAND, meeting=Meeting(), aspect=aspect,
                template=template)


def overlap(a: Box, b: Box) -> bool:
    return a.x < b.right - 0.01 and b.x < a.right - 0.01 and a.y < b.bottom - 0.01 and \
        b.y < a.bottom - 0.01


def inside(a: Box, b: Box) -> bool:
    return a.x >= b.x - 0.01 and a.y >= b.y - 0.01 and a.right <= b.right + 0.01 and \
        a.bottom <= b.bottom + 0.01


def assert_fits(block) -> None:
    fit = block.fit
    assert BODY_MIN <= fit.size_pt <= BODY_MAX
    assert fit.width_pt <= block.box.inner_w + 1e-6
    again = fitting.set_text([p.measured for p in block.paras], fit.style, fit.size_pt,
                             fit.width_pt)
    assert again.lines == fit.lines
    assert fitting.fits(fit, block.box.inner_h), (block.box, fit.lines)


def check_image(deck: Deck, pixels: tuple[int, int]) -> None:
    planned = plan(deck)
    topic = deck.topics[0]
    body, grid = planned.grid.body, planned.grid
    slides = [s for s in planned.slides if s.topic == "t"]
    pictures = [p for s in slides for p in s.pictures]
    assert len(pictures) == 1 and slides[0].pictures, "the picture once, on the first slide"
    pic = pictures[0]
    assert pic.alt == topic.figure.alt and pic.path == str(topic.figure.path) and pic.lead
    assert pic.box.w > 0 and pic.box.h > 0
    ratio = pixels[0] / pixels[1]
    assert pic.box.w / pic.box.h == pytest.approx(ratio, rel=1e-6), "never distorted"
    assert pic.box.w <= pixels[0] * PT_PER_PX + 1e-6, "never larger than its pixels at 96 dpi"
    assert inside(pic.box, body)
    if pic.caption is not None:
        assert_fits(pic.caption)
        assert inside(pic.caption.box, body) and not overlap(pic.caption.box, pic.box)
        assert pic.caption.box.y >= pic.box.bottom, "the caption under the picture"
    shown = []
    for s in slides:
        assert s.kind == "image" and s.notes.strip()
        if s.body is not None:
            assert_fits(s.body)
            assert inside(s.body.box, body)
            for p in s.pictures:
                assert not overlap(s.body.box, p.box)
                assert p.caption is None or not overlap(s.body.box, p.caption.box)
                beside = grid.width / grid.height > 1.5
                if beside:
                    assert s.body.box.x >= p.box.right
                else:
                    assert s.body.box.y >= (p.caption or p).box.bottom
            shown += [p.text.replace("\u200b", "") for p in s.body.paras]
    assert shown == ["".join(r.text for r in runs_of(i.text)) for i in topic.items]
    assert [s.part for s in slides] == [(n, len(slides)) for n in range(1, len(slides) + 1)]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pictures")


SIDES = st.one_of(st.integers(8, 60), st.integers(61, 2400))


@settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "150")), deadline=None,
          suppress_health_check=list(HealthCheck))
@given(width=SIDES, height=SIDES, seed=st.integers(0, 2 ** 32), bullets=st.integers(0, 3),
       longest=st.sampled_from([3, 12, 60]), caption=st.sampled_from([0, 5, 30]),
       aspect=st.sampled_from(["16:9", "4:3"]))
def test_image_plan_properties(folder, width, height, seed, bullets, longest, caption, aspect):
    path = picture(folder, width, height)
    check_image(image_deck(path, seed, bullets, longest, caption, aspect), held(path))


@pytest.fixture(scope="module")
def template():
    from sferum_deck.render.template import read_template
    return read_template(ROOT / "tests" / "templates" / "pandoc-reference.pptx")


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(width=SIDES, height=SIDES, seed=st.integers(0, 2 ** 32), bullets=st.integers(0, 3))
def test_image_plan_properties_on_a_school_template(folder, template, width, height, seed,
                                                    bullets):
    path = picture(folder, width, height)
    check_image(image_deck(path, seed, bullets, 12, 5, "16:9", template), held(path))


def test_a_small_picture_is_shown_at_its_own_size(folder):
    path = picture(folder, 200, 100)
    deck = image_deck(path, 1, 0, 3, 0, "16:9")
    pic = [p for s in plan(deck).slides for p in s.pictures if s.topic == "t"][0]
    assert (pic.box.w, pic.box.h) == (150.0, 75.0)


def test_bullets_too_long_for_beside_the_picture_go_on_after_it(folder):
    path = picture(folder, 1600, 1200)
    deck = image_deck(path, 3, 3, 60, 5, "4:3")
    slides = [s for s in plan(deck).slides if s.topic == "t"]
    assert len(slides) >= 2 and slides[0].body is None and slides[0].pictures
    assert all(not s.pictures for s in slides[1:])
    assert slides[1].notes.startswith("Продолжение темы")


def test_the_check_table_gives_the_pictures_size(folder):
    from sferum_deck.checks.summary import fitting_rows
    deck = image_deck(picture(folder, 200, 100), 1, 0, 3, 0, "16:9")
    row = next(r for r in fitting_rows(plan(deck), deck) if r[1] == deck.topics[0].title)
    assert row[4] == "рисунок 5,3 × 2,6 см"  # 150 x 75 pt


def test_a_picture_must_travel_with_its_topic(tmp_path):
    from sferum_deck.inputs.files import inside_problem
    topic = tmp_path / "slides"
    (topic / "pictures").mkdir(parents=True)
    outside = tmp_path / "secret.png"
    outside.write_bytes(b"x")
    (topic / "pictures" / "link.png").symlink_to(outside)
    (topic / "pictures" / "ok.png").write_bytes(b"x")
    assert inside_problem(topic, "pictures/ok.png") is None
    assert inside_problem(topic, "./pictures/ok.png") is None
    for name in ("../secret.png", "pictures/../../secret.png", str(outside), "~/secret.png",
                 "C:/Users/secret.png"):
        assert "ведёт за пределы папки темы" in inside_problem(topic, name), name
    assert "обратная косая черта" in inside_problem(topic, "pictures\\ok.png")
    assert "ссылка на файл вне папки темы" in inside_problem(topic, "pictures/link.png")


def test_a_topic_sent_to_the_web_page_cannot_name_a_file_on_the_server():
    from sferum_deck.core import Source, _topics
    from sferum_deck.errors import InputError
    from sferum_deck.inputs.validate import PICTURE_IN_MEMORY
    text = ("id: invite\ntitle: Где кнопка\nlayout: image\nimage: ../../etc/passwd\n"
            "alt: Кнопка\nnotes: Покажите.\n")
    with pytest.raises(InputError) as caught:
        _topics((Source("тема.yaml", text=text),))
    assert [(p.where, p.field, p.message) for p in caught.value.problems] == [
        ("тема.yaml:4", "image", PICTURE_IN_MEMORY)]


def test_a_topic_in_memory_takes_only_the_pictures_its_caller_gave_it(tmp_path):
    """A server gives an edited topic its own pack picture by the name it gave out; that
    name is a key, never a path (a path beside it is refused as any other)."""
    from sferum_deck.core import Source, _topics
    from sferum_deck.errors import InputError
    from sferum_deck.inputs.validate import PICTURE_IN_MEMORY
    picture = tmp_path / "chat.png"
    Image.new("RGB", (40, 30), "white").save(picture)
    values = {"id": "invite", "title": "Где кнопка", "layout": "image", "alt": "Кнопка",
              "image": "pictures/chat.png", "notes": "Покажите."}
    given = {"pictures/chat.png": picture}
    [topic] = _topics((Source("topics.invite", values=values, pictures=given),))
    assert topic.figure.path == picture and topic.figure.name == "pictures/chat.png"
    for name in ("chat.png", str(picture), "./pictures/chat.png"):
        with pytest.raises(InputError) as caught:
            _topics((Source("topics.invite", values=values | {"image": name}, pictures=given),))
        assert [(p.where, p.field, p.message) for p in caught.value.problems] == [
            ("topics.invite", "image", PICTURE_IN_MEMORY)]
