"""Checks of the built-in packs' content against their sources.

slides/perm-letter (the default) against the letter of the Ministry of Education and Science
of Perm Krai with its appendix «Рекомендации для проведения родительских собраний и общения
с родителями» (shared/seed/000_c4e479d7b2851b6d.txt); slides/max-2025 against the dated fact
sheet on Sferum's move to MAX (shared/seed/sferum-max-facts.md). Uses only PyYAML and pathlib.
"""

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).parents[1]
SLIDES = ROOT / "slides" / "perm-letter"
MAX_SLIDES = ROOT / "slides" / "max-2025"
SEED = ROOT.parent / "shared" / "seed"

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


def _load(folder=SLIDES):
    files = sorted(folder.glob("[0-9]*.yaml"))
    return [(f, yaml.safe_load(f.read_text(encoding="utf-8"))) for f in files]


TOPICS = _load()
MAX_TOPICS = _load(MAX_SLIDES)
BOTH = TOPICS + MAX_TOPICS
BOTH_IDS = [f"{f.parent.name}/{f.name}" for f, _ in BOTH]


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


@pytest.mark.parametrize("path,topic", BOTH, ids=BOTH_IDS)
def test_topic_schema(path, topic):
    assert re.match(r"^\d\d[a-z]?-[a-z0-9-]+\.yaml$", path.name), path.name
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


@pytest.mark.parametrize("path,topic", BOTH, ids=BOTH_IDS)
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


@pytest.mark.parametrize("path,topic", BOTH, ids=BOTH_IDS)
def test_typography(path, topic):
    text = _all_text(topic)
    assert '"' not in text, "use «» quotes"
    assert " - " not in text, "use the long dash —"
    assert "  " not in "\n".join(_slide_texts(topic))


def test_files_are_utf8_without_bom():
    for path in [p for p, _ in BOTH] + [SLIDES / "pack.yaml", MAX_SLIDES / "pack.yaml"]:
        raw = path.read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf")
        raw.decode("utf-8")


# ---------------------------------------------------------------- max-2025 against the fact sheet

def _sheet():
    path = SEED / "sferum-max-facts.md"
    if not path.exists():
        pytest.skip(f"{path} not present (plain clone)")
    return path.read_text(encoding="utf-8")


def _letter():
    return (SEED / "000_c4e479d7b2851b6d.txt").read_text(encoding="utf-8")


URL = re.compile(r"(?:https?://|mailto:)[^\s,;)»]+")
DATE = re.compile(r"\b\d\d\.\d\d\.20\d\d\b")
MAX_PACK = yaml.safe_load((MAX_SLIDES / "pack.yaml").read_text(encoding="utf-8"))


def test_max_pack_extends_the_letter_and_drops_only_what_it_must():
    assert MAX_PACK["extends"] == "perm-letter"
    base = {t["id"] for _, t in TOPICS}
    own = {t["id"] for _, t in MAX_TOPICS}
    assert own - base == {"what-changed"}
    kept = base - own - set(MAX_PACK["drop"])
    assert kept == {"question-sanitary"}  # the one letter topic the move did not touch


def test_every_address_in_max_2025_comes_from_the_sheet_or_the_letter():
    sheet, letter = _sheet(), _letter()
    text = "\n".join(_all_text(t) for t in OWN_MAX_TOPICS()) + "\n" + \
        (MAX_SLIDES / "pack.yaml").read_text(encoding="utf-8")
    for url in set(URL.findall(text)):
        bare = url.rstrip(".")
        domain = re.sub(r"^(https?://|mailto:)", "", bare).rstrip("/")
        assert bare in sheet or bare in letter or domain in sheet, url


def OWN_MAX_TOPICS():
    return [t for _, t in MAX_TOPICS]


@pytest.mark.parametrize("path,topic", MAX_TOPICS, ids=[f.name for f, _ in MAX_TOPICS])
def test_each_max_2025_fact_has_its_source_in_the_notes(path, topic):
    """Every fact paragraph cites its source: an address from the sheet and a date (or says
    the source gives none)."""
    sheet = _sheet()
    for paragraph in [p for p in topic["notes"].split("\n\n") if "Источник" in p]:
        urls = URL.findall(paragraph)
        assert urls, paragraph
        assert DATE.search(paragraph) or "дата не указана" in paragraph or \
            "ссылка выше" in paragraph, paragraph
        assert all(u.rstrip(".") in sheet for u in urls), paragraph
    assert "Источник" in topic["notes"], path.name


UNCONFIRMED_ON_SLIDES = [  # what the sheet marks open or unconfirmed: never stated on a slide
    "info@sferum.ru", "бесплатн", "реклам", "6 лет", "6+", "12+", "web.vk.me", "шапочк",
    "VK ID не", "App Store", "RuStore", "Google Play", "prof-sferum.ru", "89 регион",
    "Коммуникационная платформа",
]


@pytest.mark.parametrize("path,topic", MAX_TOPICS, ids=[f.name for f, _ in MAX_TOPICS])
def test_max_2025_slides_state_only_what_the_sheet_confirms(path, topic):
    shown = "\n".join(_slide_texts(topic))
    for claim in UNCONFIRMED_ON_SLIDES:
        assert claim not in shown, (path.name, claim)
    sheet = _sheet()
    for quoted in re.findall(r"«([^»]+)»", shown):  # names of modes, never invented buttons
        assert f"«{quoted}»" in sheet, quoted


def test_open_questions_are_asked_of_the_teacher():
    by_id = {t["id"]: "\n".join(_slide_texts(t)) for t in OWN_MAX_TOPICS()}
    ask = "уточните у классного руководителя"
    assert ask in by_id["question-age-limit"].lower().replace("с какого класса заводят "
                                                              "профиль, ", "")
    steps = [_item_text(s) for s in next(t for t in OWN_MAX_TOPICS()
                                           if t["id"] == "technical-steps")["steps"]]
    assert any("номер" in s and ask in s for s in steps)          # which number the school knows
    assert any("ребёнка" in s and ask in s for s in steps)        # a child on a parent's number
    assert ask in by_id["question-vkontakte"]                     # sources disagree on Госуслуги
    assert "классному руководителю" in by_id["technical-steps"]   # no support address


def test_max_2025_slides_carry_the_confirmed_facts():
    shown = "\n".join(s for t in OWN_MAX_TOPICS() for s in _slide_texts(t))
    for fact in ["С осени 2025 года Сферум работает внутри национального мессенджера MAX",
                 "Пермского края переехали в MAX осенью 2025 года", "«Безопасный режим»",
                 "«Семейная защита»", "15.12.2025", "156-ФЗ", "24.06.2025", "1880-р",
                 "12.07.2025", "01.09.2025", "по номеру телефона", "серверах в России",
                 "добровольно", "проверенные", "появится сам", "prof.sferum.ru"]:
        assert fact in shown, fact


def test_what_stays_and_what_changed_share_one_slide():
    topic = next(t for t in OWN_MAX_TOPICS() if t["id"] == "what-changed")
    bullets = [_item_text(b) for b in topic["bullets"]]
    assert [b.split(":")[0] for b in bullets] == ["Как прежде"] * 3 + ["Изменилось"] * 3
    stays = " ".join(bullets[:3])
    assert "проверенные" in stays and "в России" in stays and "добровольно" in stays


def test_max_2025_resources_are_the_sheets_official_page_and_the_sites():
    links = next(t for t in OWN_MAX_TOPICS() if t["layout"] == "links")["links"]
    assert [link["url"] for link in links] == [
        "https://prof.sferum.ru/faq_sferum/kakie_chaty_perenosyatsya", "https://sferum.ru/",
        "https://max.ru/"]


def test_the_letter_pack_points_to_the_max_pack_when_stale():
    pack = yaml.safe_load((SLIDES / "pack.yaml").read_text(encoding="utf-8"))
    assert "--pack max-2025" in pack["review_advice"] and "MAX" in pack["review_advice"]
    assert pack["author"] == "Министерство образования и науки Пермского края"
    assert "Поддержка Сферума: info@sferum.ru" in pack["closing"]["lines"]
    assert pack["handout"] == {"title": "Памятка для родителей", "steps": ["technical-steps"],
                               "links": ["resources"],
                               "contacts": ["Техническая поддержка Сферума: info@sferum.ru"]}
