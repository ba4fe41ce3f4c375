"""Content packs: the frame text of a deck (cover notes, closing slide, organisation words,
file properties, handout) comes from the pack; packs build on packs (extends, replace, drop);
a pack past its review date warns; every pack's deck passes the referees."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, need_tools, run_cli, run_tool
from pptx import Presentation

from sferum_deck.inputs.packs import load_content, stale_warning
from sferum_deck.model import Pack

KINDERGARTEN = ROOT / "tests" / "packs" / "kindergarten"
MEETING = ["--class", "5А", "--teacher", "Иванова Мария Петровна", "--teacher-contacts",
           "+7 (342) 212-34-56"]
GROUP = ["--class", "«Солнышко»", "--teacher", "Петрова Анна Викторовна"]
BEFORE = {"SFERUM_DECK_TODAY": "01.08.2025", "SOURCE_DATE_EPOCH": "1700000000"}


def slide_texts(prs) -> list[str]:
    return ["\n".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
            for slide in prs.slides]


def notes(prs) -> list[str]:
    return [slide.notes_slide.notes_text_frame.text for slide in prs.slides]


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, Path]:
    """The decks of both built-in packs, of a kindergarten pack and of a folder of topics
    without pack.yaml, built through the CLI."""
    out = tmp_path_factory.mktemp("packs")
    plain = out / "plain"
    plain.mkdir()
    for name in ("01-chat-rules.yaml", "02-question-absence.yaml"):
        shutil.copy(KINDERGARTEN / name, plain / name)
    runs = {"perm-letter": ["build", *MEETING],
            "max-2025": ["build", "--pack", "max-2025", *MEETING],
            "kindergarten": ["build", "--pack", str(KINDERGARTEN), *GROUP],
            "plain": ["build", "--content", str(plain), *GROUP]}
    decks = {}
    for name, args in runs.items():
        decks[name] = out / f"{name}.pptx"
        result = run_cli(*args, "-o", str(decks[name]), env=BEFORE)
        assert result.exit_code == 0, result.output
    return decks


# ---------------------------------------------------------------- the frame of each pack

def test_the_default_deck_credits_the_letter_and_keeps_its_closing(built):
    prs = Presentation(built["perm-letter"])
    shown, said = slide_texts(prs), notes(prs)
    assert "Родительское собрание · 5А класс" in shown[0]
    assert "Классный руководитель: Иванова Мария Петровна" in shown[0]
    assert said[0].startswith("Здравствуйте, уважаемые родители 5А класса! Меня зовут "
                              "Иванова Мария Петровна. Сегодня поговорим о платформе «Сферум»")
    assert "приложение 1 к письму (Министерство образования и науки Пермского края" in said[0]
    assert "Сведения — на 22.09.2023." in said[0]
    assert "Поддержка Сферума: info@sferum.ru" in shown[-1]
    assert "Сайты: sferum.ru, prof-sferum.ru" in shown[-1]
    assert "Классный руководитель: Иванова Мария Петровна, +7 (342) 212-34-56" in shown[-1]
    props = prs.core_properties
    assert props.title == "Сферум: цифровое общение школы и семьи"
    assert props.subject == ("Родительское собрание: информационно-коммуникационная платформа "
                             "«Сферум»")
    assert props.keywords == "Сферум; родительское собрание"


def test_the_max_deck_says_what_changed_and_names_no_unconfirmed_support(built):
    prs = Presentation(built["max-2025"])
    shown, said = slide_texts(prs), notes(prs)
    assert shown[0].startswith("Сферум в MAX: цифровое общение школы и семьи")
    assert "с осени 2025 года он работает внутри мессенджера MAX" in said[0]
    assert "Справка «Сферум → MAX" in said[0] and "Сведения — на 03.12.2026." in said[0]
    titles = [text.splitlines()[0] for text in shown]
    assert titles[2:4] == ["Сферум теперь работает в мессенджере MAX",
                           "Что осталось прежним, а что изменилось"]
    assert "Преимущества для учителей" not in titles  # dropped
    assert any("Безопасный режим" in text for text in shown)
    everything = "\n".join(shown)
    for outdated in ("info@sferum.ru", "web.vk.me", "«Войти в Сферум»", "prof-sferum.ru", "12+"):
        assert outdated not in everything, outdated
    assert "Сайты: sferum.ru, prof.sferum.ru" in shown[-1]
    assert "Не получается подключиться — напишите классному руководителю" in shown[-1]
    assert prs.core_properties.keywords == "Сферум; MAX; родительское собрание"


def test_a_kindergarten_pack_speaks_of_its_group_and_its_teacher(built):
    prs = Presentation(built["kindergarten"])
    shown, said = slide_texts(prs), notes(prs)
    assert shown[0].splitlines()[0] == "Как устроен чат нашей группы"
    assert "Родительское собрание · группа «Солнышко»" in shown[0]
    assert "Воспитатель: Петрова Анна Викторовна" in shown[0]
    assert said[0].startswith("Здравствуйте, уважаемые родители группы «Солнышко»! Меня зовут "
                              "Петрова Анна Викторовна. Сегодня расскажу, как устроен чат")
    assert "Положение о чате группы (МАДОУ «Детский сад № 12 «Радуга», 15.09.2026)" in said[0]
    assert shown[-1].splitlines()[1:3] == ["Воспитатель: Петрова Анна Викторовна",
                                           "Вопросы о чате — воспитателю группы"]
    everything = "\n".join(shown + said)
    for foreign in ("класс", "Классный руководитель", "Министерств", "Перм", "Сферум",
                    "sferum"):
        assert foreign not in everything, foreign
    assert prs.core_properties.subject == "Родительское собрание в детском саду: чат группы"


def test_a_folder_without_pack_yaml_gets_a_neutral_frame(built):
    prs = Presentation(built["plain"])
    shown, said = slide_texts(prs), notes(prs)
    assert shown[0].splitlines()[0] == "Родительское собрание"
    assert "Родительское собрание · «Солнышко»" in shown[0]
    assert "Педагог: Петрова Анна Викторовна" in shown[0]
    assert said[0].startswith("Здравствуйте, уважаемые родители! Меня зовут Петрова")
    assert "источники материала не указаны (в папке тем нет pack.yaml)" in said[0]
    assert shown[-1].splitlines()[1:3] == ["Педагог: Петрова Анна Викторовна",
                                           "Родительское собрание"]  # then the footer
    everything = "\n".join(shown + said)
    for foreign in ("класс", "Министерств", "Перм", "Сферум", "sferum"):
        assert foreign not in everything, foreign


@pytest.mark.parametrize("tool,args", [("check-layout", ["--require-notes"]),
                                       ("validate-pptx", []), ("check-a11y", [])])
def test_every_pack_deck_passes_the_referees(built, tool, args):
    if tool == "check-layout":
        need_tools("soffice", "pdftotext")
    result = run_tool(tool, *args, *built.values())
    assert result.returncode == 0, result.stdout + result.stderr


# ---------------------------------------------------------------- the handout

def test_the_kindergarten_handout_has_no_steps_and_says_so(tmp_path):
    out = tmp_path / "памятка.pdf"
    result = run_cli("handout", "--pack", "tests/packs/kindergarten", *GROUP, "--no-pdf", "-o",
                     str(out), cwd=ROOT, env=BEFORE)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        "Предупреждение: в наборе «tests/packs/kindergarten» нет шагов подключения (поле "
        "handout.steps в pack.yaml): памятка будет без них")
    prs = Presentation(out.with_suffix(".pptx"))
    page = slide_texts(prs)[0].strip()
    assert page.startswith("Памятка: чат группы")
    assert "Родительское собрание · группа «Солнышко»" in page
    assert "Где узнать больше: наведите камеру телефона на QR-код" in page
    assert "Воспитатель: Петрова Анна Викторовна" in page
    assert "Вопросы о чате — воспитателю группы" in page
    assert "Сферум" not in page and "класс" not in page
    assert prs.core_properties.title == "Памятка: чат группы"


def test_the_max_handout_takes_the_packs_steps_and_contacts(tmp_path):
    out = tmp_path / "памятка.pdf"
    result = run_cli("handout", "--pack", "max-2025", *MEETING, "--no-pdf", "-o", str(out),
                     env=BEFORE)
    assert result.exit_code == 0, result.output
    page = slide_texts(Presentation(out.with_suffix(".pptx")))[0].strip()
    assert page.startswith("Памятка для родителей: Сферум в MAX")
    assert "Как подключиться к Сферуму в MAX" in page
    assert "Не появился чат класса или не получается войти — напишите классному руководителю" \
        in page
    assert "info@sferum.ru" not in page
    assert "Родительское собрание · 5А класс" in page


def test_a_bullets_topic_is_never_taken_as_steps_by_its_layout(tmp_path):
    """A scam warning's «scheme» topic uses the steps layout; without handout.steps naming it,
    the handout does not present it as joining steps."""
    pack = tmp_path / "scam"
    pack.mkdir()
    (pack / "pack.yaml").write_text(
        "title: Осторожно, мошенники\nauthor: Отдел полиции\nas_of: 01.11.2026\n"
        "review_after: 01.11.2027\nhandout:\n  links: [help]\n", encoding="utf-8")
    (pack / "01-scheme.yaml").write_text(
        "id: scheme\ntitle: Как действуют мошенники\nlayout: steps\nsteps:\n"
        "  - Пишут от имени учителя\n  - Просят код из СМС\nnotes: Схема обмана.\n",
        encoding="utf-8")
    (pack / "02-help.yaml").write_text(
        "id: help\ntitle: Куда обратиться\nlayout: links\nlinks:\n"
        "  - url: https://example.ru/help\n    caption: Горячая линия\nnotes: Куда звонить.\n",
        encoding="utf-8")
    out = tmp_path / "памятка.pdf"
    result = run_cli("handout", "--pack", str(pack), "--no-pdf", "-o", str(out), env=BEFORE)
    assert result.exit_code == 0, result.output
    page = slide_texts(Presentation(out.with_suffix(".pptx")))[0]
    assert "Пишут от имени учителя" not in page and "Горячая линия" in page


# ---------------------------------------------------------------- freshness

PERM_STALE = ("Предупреждение: набор «perm-letter» составлен по сведениям на 22.09.2023, а срок "
              "его проверки (01.09.2025) прошёл: с 2025 года Сферум работает внутри мессенджера "
              "MAX и школьные чаты края переехали туда; соберите презентацию с --pack max-2025")


@pytest.mark.parametrize("command", [["build", "-o", "deck.pptx"], ["check"],
                                     ["handout", "--no-pdf", "-o", "памятка.pdf"]])
def test_a_pack_past_its_review_date_warns_in_one_line(tmp_path, command):
    stale = run_cli(*command, cwd=tmp_path, env={"SFERUM_DECK_TODAY": "02.09.2025"})
    assert stale.exit_code == 0, stale.output
    assert stale.output.splitlines().count(PERM_STALE) == 1
    fresh = run_cli(*command, cwd=tmp_path, env={"SFERUM_DECK_TODAY": "2025-09-01"})
    assert fresh.exit_code == 0, fresh.output
    assert "срок его проверки" not in fresh.output


def test_the_max_pack_warns_after_its_own_date():
    result = run_cli("check", "--pack", "max-2025", env={"SFERUM_DECK_TODAY": "02.03.2027"})
    assert result.exit_code == 0, result.output
    assert ("Предупреждение: набор «max-2025» составлен по сведениям на 03.12.2026, а срок его "
            "проверки (01.03.2027) прошёл: сведения позже марта 2026 года в набор не вошли; "
            "проверьте у школы и на sferum.ru, что изменилось, и обновите набор") \
        in result.output.splitlines()
    assert "срок его проверки" not in run_cli("check", "--pack", "max-2025", env={
        "SFERUM_DECK_TODAY": "01.03.2027"}).output


def test_a_pack_without_advice_says_what_to_do():
    pack = Pack(name="моя-школа", as_of="01.09.2026", review_after="01.12.2026")
    import datetime as dt
    assert stale_warning(pack, dt.date(2026, 12, 2)) == (
        "набор «моя-школа» составлен по сведениям на 01.09.2026, а срок его проверки "
        "(01.12.2026) прошёл: сверьте его с источниками (их показывает sferum-deck check "
        "--pack моя-школа) и обновите pack.yaml")
    assert stale_warning(pack, dt.date(2026, 12, 1)) is None


def test_a_wrong_fixed_date_is_refused():
    result = run_cli("check", env={"SFERUM_DECK_TODAY": "31.02.2026"})
    assert result.exit_code == 1
    assert result.output == ("Ошибка: ошибка во входных данных:\n  SFERUM_DECK_TODAY: неверная "
                             "дата «31.02.2026»; нужен вид 25.12.2026\n")


def test_check_shows_the_pack_its_sources_and_dates():
    result = run_cli("check", "--pack", "max-2025")
    lines = result.output.splitlines()
    assert lines[:3] == [
        "Набор: max-2025 (строится на perm-letter) — Сферум в MAX: что изменилось в 2025 году",
        "  Составитель: команда sferum-deck: справка пересказана своими словами; регион: "
        "Пермский край",
        "  Сведения на 03.12.2026; проверить после 01.03.2027"]
    assert lines[3].startswith("  Источник: Справка «Сферум → MAX") and "03.12.2026" in lines[3]
    assert lines[4].startswith("  Источник: «Рекомендации для проведения родительских собраний")


# ---------------------------------------------------------------- extends, replace, drop

def write_pack(folder: Path, pack: str, **topics: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(pack, encoding="utf-8")
    for name, text in topics.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


STEPS = ("id: technical-steps\ntitle: Как подключиться у нас\nlayout: steps\nsteps:\n"
         "  - Спросите ссылку у учителя\n  - Откройте её на телефоне\nnotes: Наши шаги.\n")
EXTRA = ("id: our-school\ntitle: Как это устроено в нашей школе\nlayout: bullets\nbullets:\n"
         "  - Чаты ведёт администрация\n  - Отвечаем в рабочее время\nnotes: О нашей школе.\n")


def test_extends_replaces_by_id_in_place_adds_by_file_name_and_drops(tmp_path):
    folder = write_pack(tmp_path / "наша", "extends: perm-letter\ndrop: [question-sanitary, "
                        "advantages-teachers]\nwords:\n  teacher: Куратор\n",
                        **{"99-steps": STEPS, "02a-our-school": EXTRA})
    content = load_content(folder)
    base = load_content().topics
    ids = [t.id for t in content.topics]
    expected = [t.id for t in base if t.id not in ("question-sanitary", "advantages-teachers")]
    expected.insert(expected.index("normative-documents") + 1, "our-school")
    assert ids == expected
    steps = next(t for t in content.topics if t.id == "technical-steps")
    assert steps.title == "Как подключиться у нас" and len(steps.items) == 2
    pack = content.pack
    assert pack.words.teacher == "Куратор" and pack.words.group == "{class} класс"
    assert pack.author == "Министерство образования и науки Пермского края"  # inherited
    assert pack.handout_steps == ("technical-steps",)
    assert pack.chain == (str(folder.relative_to(Path.cwd())) if folder.is_relative_to(
        Path.cwd()) else str(folder), "perm-letter")
    result = run_cli("build", "--pack", str(folder), "--teacher", "Иванова", "-o",
                     str(tmp_path / "d.pptx"), env=BEFORE)
    assert result.exit_code == 0, result.output
    shown = slide_texts(Presentation(tmp_path / "d.pptx"))
    assert "Куратор: Иванова" in shown[0]
    assert any(text.startswith("Как это устроено в нашей школе") for text in shown)


def test_a_pack_may_clear_what_its_base_names(tmp_path):
    folder = write_pack(tmp_path / "без-шагов", "extends: perm-letter\nhandout:\n  steps: []\n"
                        "closing:\n  lines: [\"Сайт школы: example.ru\"]\n")
    pack = load_content(folder).pack
    assert pack.handout_steps == () and pack.handout_links == ("resources",)
    assert pack.closing_lines == ("Сайт школы: example.ru",)


def test_topics_and_init_take_a_pack(tmp_path):
    result = run_cli("topics", "--pack", "max-2025")
    assert result.exit_code == 0, result.output
    assert [line.split()[0] for line in result.output.splitlines()][:3] == \
        ["why-sferum", "what-changed", "normative-documents"]
    result = run_cli("init", "start", "--pack", "max-2025", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    start = tmp_path / "start" / "slides"
    assert (start / "pack.yaml").read_text("utf-8").count("\nextends: max-2025\n") == 1
    assert (start / "01a-what-changed.yaml").is_file()
    assert not (start / "03-advantages-teachers.yaml").exists()
    assert [t.id for t in load_content(content=start).topics] == \
        [t.id for t in load_content("max-2025").topics]


@pytest.mark.parametrize("pack,topics,expected", [
    ("extends: perm-letter\ndrop: [why-sferun]\n", {},
     "  {f}/pack.yaml:2 drop[0]: нет темы с id «why-sferun»; возможно, имелось в виду "
     "«why-sferum»"),
    ("extends: ../нет-такого\n", {},
     "  {f}/pack.yaml:1 extends: набор материалов не найден; встроенные наборы: max-2025, "
     "perm-letter"),
    ("extends: perm-letter\nhandout:\n  steps: [technical-step]\n", {},
     "  {f}/pack.yaml:3 handout.steps: нет темы с id «technical-step»; возможно, имелось в "
     "виду «technical-steps»"),
    ("extends: perm-letter\nhandout:\n  links: [why-sferum]\n", {},
     "  {f}/pack.yaml:3 handout.links: тема «why-sferum» (макет bullets) не даёт памятке "
     "ссылок; их дают темы с макетом links"),
    ("extends: perm-letter\nwords:\n  group: группа\n", {},
     "  {f}/pack.yaml:3 words.group: нет места для названия класса или группы: напишите "
     "{{class}}, например «{{class}} класс»"),
    ("extends: perm-letter\nas_of: 01.10.2026\nreview_after: 01.09.2026\n", {},
     "  {f}/pack.yaml:3 review_after: дата пересмотра 01.09.2026 раньше даты сведений "
     "01.10.2026 (as_of)"),
    ("title: Свой набор\n", {"01-a": EXTRA},
     "  {f}/pack.yaml:1 author: обязательное поле набора не заполнено"),
])
def test_pack_mistakes_are_named_at_their_line(tmp_path, pack, topics, expected):
    folder = write_pack(tmp_path / "p", pack, **topics)
    result = run_cli("check", "--pack", "p", cwd=tmp_path)
    assert result.exit_code == 1
    assert expected.format(f="p") in result.output.splitlines(), result.output


def test_packs_that_extend_each_other_in_a_circle_are_refused(tmp_path):
    write_pack(tmp_path / "a", "extends: ../b\n")
    write_pack(tmp_path / "b", "extends: ../a\n")
    result = run_cli("check", "--pack", "a", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.output == ("Ошибка: ошибка во входных данных:\n  b/pack.yaml:1 extends: наборы "
                             "строятся друг на друге по кругу: a/pack.yaml -> b/pack.yaml -> "
                             "a/pack.yaml\n")


def test_pack_and_content_together_are_refused():
    result = run_cli("check", "--pack", "max-2025", "--content", str(KINDERGARTEN))
    assert result.exit_code == 1
    assert "укажите что-то одно: --pack (набор материалов) или --content" in result.output


def test_a_folder_without_pack_yaml_is_not_a_pack(tmp_path):
    (tmp_path / "темы").mkdir()
    result = run_cli("check", "--pack", "темы", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.output == ("Ошибка: ошибка во входных данных:\n  темы: в папке нет файла "
                             "pack.yaml; папку с одними темами укажите как --content ПАПКА; "
                             "встроенные наборы: max-2025, perm-letter\n")


def test_the_in_memory_core_frames_given_topics_with_the_given_pack():
    """The web page sends topics in memory with the server's pack: its frame, not the
    neutral one; without a pack the frame is neutral."""
    from sferum_deck.core import Inputs, content_of, load
    content = content_of("max-2025", None)
    topics = content.topics[:2]
    deck = load(Inputs(topics=topics, pack=content.pack, meeting_fields={"class": "5А"}))
    assert deck.pack.name == "max-2025" and deck.title == "Сферум в MAX: цифровое общение " \
        "школы и семьи"
    assert load(Inputs(topics=topics, pack="perm-letter")).pack.name == "perm-letter"
    assert load(Inputs(topics=topics)).pack.words.teacher == "Педагог"
