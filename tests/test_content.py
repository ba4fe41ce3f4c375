"""Checks of the default deck content in slides/*.yaml against the source letter.

The source is the letter of the Ministry of Education and Science of Perm Krai with its
appendix «Рекомендации для проведения родительских собраний и общения с родителями»
(shared/seed/000_c4e479d7b2851b6d.txt). Uses only PyYAML and pathlib.
"""

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).parents[1]
SLIDES = ROOT / "slides" / "perm-letter"

LAYOUTS = {"bullets", "question", "steps", "links"}
AUDIENCES = {"parents", "teachers", "students"}
COMMON_KEYS = {"id", "title", "section", "layout", "audience", "notes"}
BODY_KEY = {"bullets": "bullets", "question": "answer", "steps": "steps", "links": "links"}
KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

EPOS_URL = (
    "https://epos.permkrai.ru/school/administrativnoj-komande/"
    "edinaya-kommunikaczionnaya-ploshhadka-epos-sferum-vkm/"
)
RESOURCE_URLS = [
    "https://prof-sferum.ru/",
    EPOS_URL,
    "https://sferum.ru/?p=channel&channelId=-222369972",
    "https://sferum.ru/",
    "https://web.vk.me/",
    "mailto:info@sferum.ru",
]

# Facts of the appendix (and the cover letter's resource list) that must survive verbatim
# somewhere in the deck: on a slide or in the speaker notes.
REQUIRED_FACTS = [
    # Почему именно Сферум?
    "2020",
    "зарубежные решения",
    "за пределами РФ",
    "срывам занятий",
    "Минпросвещения и Минцифры",
    "учебный профиль в VK Мессенджере",
    "видеоконференцсвязь",
    "групповых и индивидуальных чатах",
    "только проверенные пользователи",
    "бесплатно",
    "реклама и спам",
    # Нормативные документы
    "постановления Правительства РФ от 13.07.2022 № 1241",
    "в ред. ПП № 1545 от 22.09.2023",
    "1241",
    "1545",
    "13.07.2022",
    "22.09.2023",
    "15.01.2021 № 14",
    "15 января 2021 г. № 14",
    "«Об определении детализированного состава платформы цифровой образовательной среды»",
    "реестр отечественного программного обеспечения Минцифры",
    "оператор персональных данных",
    "федеральным законом о персональных данных",
    "на территории РФ",
    "не передаются третьим лицам",
    # Преимущества для учителей
    "единый инструмент",
    "личную переписку и рабочую",
    "реальными ФИО",
    "настоящими фото",
    "карантина или плохой погоды",
    "отключить уведомления",
    "внерабочее время",
    "событиях из жизни школы",
    # Преимущества для родителей
    "родительским собраниям онлайн",
    "оперативная связь с учителем",
    "мониторинг успеваемости",
    "академической шапочкой",
    "в чате без учителя",
    "не потеряется в личных чатах",
    # Преимущества для учеников
    "только со своими учителями и одноклассниками",
    "культуру цифрового общения",
    "самых популярных среди молодёжи мессенджеров",
    "школьные стикеры",
    "мини-приложении дневника",
    "оценки, домашнее задание и расписание",
    # Ключевые вопросы
    "дата-центры находятся в РФ",
    "ООО «Компания ВК»",
    "группу компаний VK",
    "МКПАО «ВК»",
    "специальном административном районе",
    "Октябрьский",
    "Калининградской области",
    "не требует регистрации ВКонтакте",
    "автоматического создания профиля",
    "VK ID",
    "подтвердить личность",
    "не является обязательным",
    "школы и педагоги определяют самостоятельно",
    "ЭЖД",
    "2.4.3648-20",
    "СП 2.4.3648-20 «Санитарно-эпидемиологические требования к организациям воспитания "
    "и обучения, отдыха и оздоровления детей и молодежи»",
    "не осуществляет реализацию образовательных программ",
    "12+",
    "Магазины приложений самостоятельно устанавливают маркировку возраста",
    "6 лет",
    # Технические рекомендации
    "магазине приложений",
    "web.vk.me",
    "«Войти в Сферум»",
    "«Войти ВКонтакте»",
    "«ЭПОС»",
    "только одного пользователя",
    "на номер телефона родителя",
    "info@sferum.ru",
    "sferum.ru",
    "prof-sferum.ru",
    # Ресурсы из сопроводительного письма
    "Журнал для учителей о цифровом образовании",
    EPOS_URL,
    "channelId=-222369972",
    "новые технологии",
]


def _load():
    files = sorted(SLIDES.glob("[0-9]*.yaml"))
    return [(f, yaml.safe_load(f.read_text(encoding="utf-8"))) for f in files]


TOPICS = _load()


def _item_text(item):
    return item["text"] if isinstance(item, dict) else item


def _slide_texts(topic):
    """All text shown on the slide itself (not the notes)."""
    texts = [topic["title"]]
    layout = topic["layout"]
    if layout == "links":
        for link in topic["links"]:
            texts += [link["label"], link["caption"]]
    else:
        texts += [_item_text(i) for i in topic[BODY_KEY[layout]]]
    return texts


def _all_text(topic):
    parts = _slide_texts(topic) + [topic["notes"], topic.get("section", "")]
    if topic["layout"] == "links":
        parts += [link["url"] for link in topic["links"]]
    else:
        for item in topic[BODY_KEY[topic["layout"]]]:
            if isinstance(item, dict):
                parts.append(item.get("notes", ""))
    return "\n".join(parts)


def _by_layout(layout):
    return [t for _, t in TOPICS if t["layout"] == layout]


def test_there_are_topic_files():
    assert len(TOPICS) >= 12


@pytest.mark.parametrize("path,topic", TOPICS, ids=[f.name for f, _ in TOPICS])
def test_topic_schema(path, topic):
    assert re.match(r"^\d\d-[a-z0-9-]+\.yaml$", path.name), path.name
    assert isinstance(topic, dict)
    layout = topic.get("layout")
    assert layout in LAYOUTS
    assert set(topic) <= COMMON_KEYS | {BODY_KEY[layout]}, set(topic)
    assert {"id", "title", "layout", "audience", "notes", BODY_KEY[layout]} <= set(topic)
    assert KEBAB.match(topic["id"]), topic["id"]
    assert isinstance(topic["title"], str) and 0 < len(topic["title"]) <= 60
    if "section" in topic:
        assert isinstance(topic["section"], str) and topic["section"].strip()
    audience = topic["audience"]
    assert isinstance(audience, list) and audience and set(audience) <= AUDIENCES
    assert len(set(audience)) == len(audience)
    assert isinstance(topic["notes"], str) and len(topic["notes"].strip()) >= 200


@pytest.mark.parametrize("path,topic", TOPICS, ids=[f.name for f, _ in TOPICS])
def test_body_sizes(path, topic):
    layout = topic["layout"]
    body = topic[BODY_KEY[layout]]
    assert isinstance(body, list)
    if layout == "bullets":
        assert 2 <= len(body) <= 6
    elif layout == "question":
        assert 1 <= len(body) <= 3
    elif layout == "steps":
        assert len(body) >= 2
    for item in body:
        if layout == "links":
            assert set(item) == {"url", "label", "caption"}
            assert 0 < len(item["caption"]) <= 45
            assert 0 < len(item["label"]) <= 40
            continue
        if isinstance(item, dict):
            assert layout == "bullets" and set(item) <= {"text", "notes"} and "text" in item
        text = _item_text(item)
        assert isinstance(text, str) and text.strip()
        words = [w for w in text.split() if w not in {"—", "–", "-", ":"}]
        assert len(words) <= 12, text


def test_ids_unique():
    ids = [t["id"] for _, t in TOPICS]
    assert len(ids) == len(set(ids))


def test_topic_order():
    assert [t["id"] for _, t in TOPICS][:5] == [
        "why-sferum",
        "normative-documents",
        "advantages-teachers",
        "advantages-parents",
        "advantages-students",
    ]
    layouts = [t["layout"] for _, t in TOPICS]
    assert layouts[5:10] == ["question"] * 5
    assert layouts[10:] == ["steps", "links"]


def test_agenda_is_short_and_questions_share_a_section():
    sections = []
    for _, t in TOPICS:
        s = t.get("section", t["title"])
        if s not in sections:
            sections.append(s)
    assert len(sections) <= 8
    question_sections = {t.get("section") for t in _by_layout("question")}
    assert len(question_sections) == 1 and None not in question_sections
    advantage_sections = {
        t.get("section", t["title"]) for _, t in TOPICS if t["id"].startswith("advantages-")
    }
    assert len(advantage_sections) == 1


def test_required_facts_present():
    combined = "\n".join(_all_text(t) for _, t in TOPICS)
    missing = [fact for fact in REQUIRED_FACTS if fact not in combined]
    assert not missing, missing


def test_key_facts_on_slides_not_only_in_notes():
    slides = "\n".join(s for _, t in TOPICS for s in _slide_texts(t))
    for fact in ["1241", "№ 14", "2.4.3648-20", "12+", "6 лет", "VK ID", "Октябрьский",
                 "«Войти ВКонтакте»", "info@sferum.ru", "web.vk.me"]:
        assert fact in slides, fact


def test_age_question_title_is_shortened():
    age = [t for t in _by_layout("question") if "12+" in t["title"]]
    assert len(age) == 1
    assert len(age[0]["title"]) <= 60
    assert "12+" in age[0]["notes"] and "6 лет" in age[0]["notes"]


def test_resources_links():
    links_topics = _by_layout("links")
    assert len(links_topics) == 1
    links = links_topics[0]["links"]
    assert [link["url"] for link in links] == RESOURCE_URLS
    support = links[-1]
    assert support["label"] == "info@sferum.ru"


def test_technical_steps():
    steps_topics = _by_layout("steps")
    assert len(steps_topics) == 1
    steps = [_item_text(s) for s in steps_topics[0]["steps"]]
    assert len(steps) == 7
    # the letter's order: install, «Войти в Сферум», «Важно», ЭПОС, one user per phone,
    # child's profile not on parent's phone, more info
    assert "web.vk.me" in steps[0]
    assert "«Войти в Сферум»" in steps[1]
    assert steps[2].startswith("Важно") and "«Войти ВКонтакте»" in steps[2]
    assert "ЭПОС" in steps[3]
    assert "одного пользователя" in steps[4]
    assert "ребёнка" in steps[5] and "родителя" in steps[5] and "info@sferum.ru" in steps[5]
    assert "sferum.ru" in steps[6] and "prof-sferum.ru" in steps[6]
    notes = steps_topics[0]["notes"]
    for n in range(1, 8):
        assert f"{n}. " in notes


@pytest.mark.parametrize("path,topic", TOPICS, ids=[f.name for f, _ in TOPICS])
def test_typography(path, topic):
    text = _all_text(topic)
    assert '"' not in text, "use «» quotes"
    assert " - " not in text, "use the long dash —"
    assert "  " not in "\n".join(_slide_texts(topic))


def test_files_are_utf8_without_bom():
    for path, _ in TOPICS:
        raw = path.read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf")
        raw.decode("utf-8")
