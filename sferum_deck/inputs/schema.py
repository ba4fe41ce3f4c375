"""The one declared schema of every input file: content packs, topics, brand profiles,
meetings.

Each field is declared once with its kind, default, allowed values and a one-line
description; validate.py checks mappings against it and docs/schema.md is generated
from it (`python -m sferum_deck.inputs.schema > docs/schema.md`).
"""
from __future__ import annotations

from typing import Any, NamedTuple

from ..model import AUDIENCES, CLASS_SLOT, TONES, record
from ..plan.layouts import LAYOUTS, NAMES
from ..words import COLUMNS_OF, ITEMS_OF, SYMBOLS_OF, count

KINDS = {
    "text": "текст в одну строку (или многострочный у notes); числа и да/нет читаются как "
            "написаны",
    "choice": "одно из перечисленных значений",
    "choices": "одно значение или список из перечисленных",
    "items": "список пунктов: строки «- текст» или наборы полей text, notes, important, items",
    "subitems": "список подпунктов: строки «- текст» (у подпункта своих подпунктов нет)",
    "links": "список ссылок: наборы полей url, label, caption",
    "columns": "список из 2–3 колонок: наборы полей heading, tone, items",
    "quote": "набор полей text, name, role, source",
    "flag": "да или нет (true или false)",
    "colour": "цвет #RRGGBB в кавычках: \"#1F4E79\"",
    "url": "адрес https://… или mailto:…",
    "email": "адрес электронной почты имя@example.ru",
    "date": "дата ДД.ММ.ГГГГ или ГГГГ-ММ-ДД",
    "time": "время ЧЧ:ММ",
    "image": "путь к рисунку от папки файла; PNG, JPEG, GIF, WebP, BMP или TIFF",
    "picture": "путь к рисунку внутри папки файла темы (pictures/chat.png); PNG, JPEG, GIF, "
               "WebP, BMP или TIFF",
    "table": "список строк таблицы, каждая строка — ячейки в квадратных скобках: "
             "[5А, ivanova@example.ru]; первая строка — заголовки столбцов",
    "font": "путь к файлу шрифта .ttf или .otf от папки файла",
    "template": "путь к презентации .pptx от папки файла",
    "map": "вложенный набор полей (ниже, через точку)",
    "maps": "список наборов полей (поля каждого ниже, через [])",
    "ids": "список id тем: [technical-steps, resources]",
    "lines": "список строк текста: каждая строка «- текст»",
}


@record
class Field(NamedTuple):
    name: str
    kind: str  # one of KINDS
    description: str
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()
    max_len: int | None = None  # characters of text, entries of a list
    fields: tuple["Field", ...] = ()  # for kinds "map" and "maps"


@record
class Schema(NamedTuple):
    name: str
    description: str
    fields: tuple[Field, ...]

    def get(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


ITEM = Schema("item", "Пункт списка: строка или поле text с собственными заметками notes. "
              "В любом тексте слайда слова между двумя парами звёздочек выделяются "
              "полужирным: «**Сначала** зайдите на сайт».", (
    Field("text", "text", "Короткий текст на слайде.", required=True, max_len=400),
    Field("notes", "text", "Заметки докладчика к этому пункту."),
    Field("important", "flag", "Важный пункт: на слайде выделен плашкой с цветной полосой "
          "(«Важно: …», типичная ошибка).", default=False),
    Field("items", "subitems", "Подпункты этого пункта (один уровень): на слайде с отступом и "
          "маленьким маркером.", max_len=8),
))

SUBITEM = Schema("subitem", "Подпункт: строка (или поле text).", (
    Field("text", "text", "Короткий текст подпункта.", required=True, max_len=200),
))

LINK = Schema("link", "Ссылка на слайде ресурсов: QR-код, короткий адрес и назначение.", (
    Field("url", "url", "Полный адрес (https://… или mailto:…): в гиперссылке и QR-коде.",
          required=True),
    Field("label", "text", "Короткий адрес под QR-кодом (по умолчанию домен).", max_len=60),
    Field("caption", "text", "Назначение ссылки в нескольких словах.", required=True,
          max_len=120),
))

COLUMN = Schema("column", "Колонка сравнения (макет compare): заголовок, пункты и оценка.", (
    Field("heading", "text", "Заголовок колонки («Можно», «Нельзя»).", required=True,
          max_len=60),
    Field("tone", "choice", "Оценка: positive — галочка, negative — крестик, neutral — точка.",
          default="neutral", choices=TONES),
    Field("items", "items", "Пункты колонки.", required=True, max_len=30),
))

QUOTE = Schema("quote", "Цитата (макет quote): слова и кто их сказал.", (
    Field("text", "text", "Слова цитаты (без кавычек: их добавит программа).", required=True,
          max_len=600),
    Field("name", "text", "Кто сказал: имя.", max_len=120),
    Field("role", "text", "Кто он: должность или роль.", max_len=150),
    Field("source", "text", "Где сказано или написано.", max_len=200),
))

TOPIC = Schema("topic", "Файл темы в папке slides/: один слайд (или несколько, если текст длинный).", (
    Field("id", "text", "Уникальный идентификатор латиницей (why-sferum).", required=True,
          max_len=60),
    Field("title", "text", "Заголовок слайда.", required=True, max_len=150),
    Field("section", "text", "Пункт плана встречи (по умолчанию заголовок темы); темы с "
          "одинаковым section перечисляются в плане один раз; после разделителя темам его "
          "писать не нужно (см. «Разделы плана встречи»).", max_len=150),
    Field("layout", "choice", "Макет слайда.", required=True, choices=NAMES),
    Field("audience", "choices", "Для кого слайд.", default=list(AUDIENCES), choices=AUDIENCES),
    Field("bullets", "items", "Пункты (макет bullets); у макета image — до трёх пунктов "
          "рядом с рисунком.", max_len=100),
    Field("answer", "items", "Ответ в 1–3 коротких утверждениях (макет question).",
          max_len=100),
    Field("steps", "items", "Шаги по порядку (макет steps).", max_len=100),
    Field("links", "links", "Ссылки (макет links).", max_len=40),
    Field("columns", "columns", "Две или три колонки (макет compare).", max_len=3),
    Field("quote", "quote", "Цитата (макет quote)."),
    Field("checklist", "items", "Пункты с квадратиками для отметки (макет checklist).",
          max_len=100),
    Field("numbered", "flag", "Пункты с номерами вместо точек: порядок, но не инструкция "
          "(макет bullets).", default=False),
    Field("table", "table", "Таблица (макет table): первая строка — заголовки, не больше "
          "4 столбцов и 100 символов в ячейке; длинная таблица продолжается на следующих "
          "слайдах с теми же заголовками.", max_len=40),
    Field("image", "picture", "Рисунок или снимок экрана (макет image); не растягивается "
          "и не увеличивается больше своего размера.", max_len=300),
    Field("alt", "text", "Что показывает рисунок, для тех, кто не видит слайд (макет image, "
          "обязательно): «Кнопка „Пригласить“ в чате класса».", max_len=250),
    Field("caption", "text", "Подпись под рисунком (макет image).", max_len=150),
    Field("notes", "text", "Полный текст для докладчика (заметки к слайду).", required=True),
))

CONTENT_FIELD = {layout.name: layout.reads for layout in LAYOUTS}  # layout -> field it reads
OPTION_FIELD = {name: layout.name for layout in LAYOUTS for name in layout.options}
# fields a layout reads beside its content field, and how many items it takes there
EXTRA_FIELDS = {"image": {"bullets": 3, "alt": 0, "caption": 0}}
MAX_COLUMNS = 4   # of a table: five columns of short words no longer read from the back
CELL_MAX = 100    # characters of a table cell

FONT = (
    Field("name", "text", "Название шрифта, как его видит PowerPoint (Arial).", required=True),
    Field("file", "font", "Файл шрифта (.ttf/.otf) для расчёта ширины текста."),
    Field("bold_file", "font", "Файл полужирного начертания для расчёта."),
)

BRAND = Schema("brand", "Профиль оформления (assets/brands/<имя>/brand.yaml).", (
    Field("extends", "text", "Профиль, от которого наследуются поля: имя или путь к файлу."),
    Field("name", "text", "Название профиля.", max_len=120),
    Field("full_name", "text", "Полное наименование школы.", max_len=400),
    Field("short_name", "text", "Краткое наименование (для колонтитула).", max_len=120),
    Field("municipality", "text", "Муниципалитет.", max_len=200),
    Field("logo", "image", "Логотип (PNG, JPEG, GIF, WebP, BMP, TIFF; SVG сохраните в PNG)."),
    Field("colors", "map", "Цвета бренда.", fields=(
        Field("primary", "colour", "Основной цвет (полосы, заголовки, номера шагов)."),
        Field("accent", "colour", "Акцентный цвет (линии, выделения)."),
        Field("background", "colour", "Фон слайдов."),
        Field("text", "colour", "Цвет основного текста."),
    )),
    Field("fonts", "map", "Шрифты.", fields=(
        Field("heading", "map", "Шрифт заголовков.", fields=FONT),
        Field("body", "map", "Шрифт основного текста.", fields=FONT),
    )),
    Field("footer", "text", "Текст колонтитула (по умолчанию название школы).", max_len=300),
    Field("principal", "text", "Директор школы (ФИО): на последнем слайде.", max_len=200),
    Field("contacts", "map", "Контакты школы.", fields=(
        Field("phone", "text", "Телефон.", max_len=60),
        Field("email", "email", "Электронная почта."),
        Field("site", "url", "Сайт."),
    )),
    Field("template", "template", "Шаблон школы (.pptx), на котором строится презентация."),
))

MEETING = Schema("meeting", "Данные собрания (meeting.yaml или параметры команды build).", (
    Field("title", "text", "Название встречи на титульном слайде.", max_len=150),
    Field("school", "text", "Школа.", max_len=400),
    Field("class", "text", "Класс (например, 5А).", max_len=40),
    Field("date", "date", "Дата (ДД.ММ.ГГГГ или ГГГГ-ММ-ДД)."),
    Field("time", "time", "Время (ЧЧ:ММ)."),
    Field("teacher", "text", "Классный руководитель.", max_len=200),
    Field("teacher_contacts", "text", "Как связаться с классным руководителем: телефон, "
          "почта (последний слайд и памятка для родителей).", max_len=200),
    Field("meeting_link", "url", "Ссылка на онлайн-собрание (QR-код на титульном и последнем "
          "слайдах)."),
))

SCHOOL = Schema("school", "Строка списка школ для команды batch (CSV из Excel или YAML); "
                "русские названия столбцов перечислены в README.", (
    Field("school_id", "text", "Код школы, уникальный в списке: из него имя файла презентации.",
          required=True, max_len=100),
    Field("full_name", "text", "Полное наименование школы (титульный и последний слайды).",
          required=True, max_len=400),
    Field("short_name", "text", "Краткое наименование (колонтитул).", max_len=120),
    Field("municipality", "text", "Муниципалитет.", max_len=200),
    Field("principal", "text", "Директор (ФИО): на последнем слайде.", max_len=200),
    Field("phone", "text", "Телефон.", max_len=60),
    Field("email", "email", "Электронная почта."),
    Field("site", "url", "Сайт (https:// можно не писать)."),
    Field("primary_color", "colour", "Основной цвет (#1F4E79)."),
    Field("accent_color", "colour", "Акцентный цвет."),
    Field("logo", "image", "Логотип: путь к рисунку от папки списка школ."),
))

GROUP = CLASS_SLOT

PACK = Schema("pack", "Набор материалов: файл pack.yaml в папке с темами. Кто составил набор и по "
              "каким документам, для какого региона, на какую дату верны сведения, и текст рамки "
              "презентации: титульного и последнего слайдов, памятки. Папка без pack.yaml "
              "получает нейтральный текст рамки.", (
    Field("extends", "text", "Набор, на котором строится этот: имя встроенного набора "
          "(perm-letter) или путь к папке. Темы с тем же id заменяют темы основы на их месте, "
          "новые темы встают по имени файла, поля рамки заменяют поля основы.", max_len=300),
    Field("title", "text", "Название набора (в check и в заметках титульного слайда).",
          max_len=200),
    Field("author", "text", "Кто составил набор: автор или организация.", max_len=300),
    Field("region", "text", "Для какого региона набор (или «вся Россия»).", max_len=200),
    Field("as_of", "date", "На какую дату верны сведения набора."),
    Field("review_after", "date", "После этой даты build, check и handout предупреждают, что "
          "набор пора проверить."),
    Field("review_advice", "text", "Что делать, когда срок review_after прошёл (продолжение "
          "предупреждения).", max_len=400),
    Field("sources", "maps", "Документы, по которым составлен набор.", max_len=30, fields=(
        Field("title", "text", "Название документа.", required=True, max_len=400),
        Field("organisation", "text", "Кто его выпустил.", max_len=300),
        Field("date", "date", "Дата документа."),
        Field("url", "url", "Адрес документа."),
        Field("note", "text", "Пояснение (например, почему дата не указана).", max_len=400),
    )),
    Field("drop", "ids", "Темы основы (extends), которых в этом наборе нет.", max_len=100),
    Field("meeting_title", "text", "Название встречи по умолчанию (если не задано в meeting.yaml "
          "или параметрах).", max_len=150),
    Field("subject", "text", "Тема презентации в свойствах файла.", max_len=300),
    Field("keywords", "text", "Ключевые слова в свойствах файла, через «; ».", max_len=300),
    Field("words", "map", "Слова организации; {class} заменяется названием класса или группы "
          "из данных собрания.", fields=(
        Field("organisation", "text", "Кто проводит встречу, как подпись к контактам: Школа, "
              "Детский сад, Колледж.", max_len=60),
        Field("group", "text", "Класс или группа на титульном слайде и в памятке: "
              "«{class} класс», «группа {class}».", max_len=80),
        Field("group_of", "text", "То же в родительном падеже, для обращения «уважаемые "
              "родители …»: «{class} класса», «группы {class}».", max_len=80),
        Field("teacher", "text", "Кто ведёт класс или группу, как подпись: Классный "
              "руководитель, Воспитатель, Куратор.", max_len=60),
        Field("head", "text", "Руководитель организации, как подпись: Директор, Заведующий.",
              max_len=60),
    )),
    Field("cover", "map", "Титульный слайд.", fields=(
        Field("notes", "text", "О чём встреча: заметки докладчика после приветствия (за ними "
              "идёт, по каким документам составлен набор).", max_len=2000),
    )),
    Field("closing", "map", "Последний слайд.", fields=(
        Field("lines", "lines", "Строки после контактов учителя и школы: поддержка, сайты.",
              max_len=6),
        Field("notes", "text", "Заметки докладчика после перечня контактов.", max_len=2000),
    )),
    Field("handout", "map", "Памятка для родителей (команда handout).", fields=(
        Field("title", "text", "Заголовок памятки.", max_len=80),
        Field("steps", "ids", "Темы с шагами подключения (их пункты — нумерованные шаги).",
              max_len=5),
        Field("links", "ids", "Темы со ссылками (макет links): карточки с QR-кодами.",
              max_len=5),
        Field("contacts", "lines", "Строки внизу памятки после учителя и школы: поддержка.",
              max_len=4),
    )),
))

SCHEMAS = (PACK, TOPIC, ITEM, SUBITEM, LINK, COLUMN, QUOTE, BRAND, MEETING, SCHOOL)


NO_FIELD = "нет: только `title` (и `section`)"
PARTS = (  # how topics make up the agenda (inputs/sections.py), for docs/schema.md
    ("Пункт плана встречи — поле `section` темы, а без него — её заголовок `title`. Темы с "
     "одним `section` перечисляются в плане один раз."),
    ("Разделитель (`layout: section`) открывает пункт плана: его `section`, а без него — его "
     "`title`; на разделителе крупно номер этого пункта. Темы после разделителя входят в его "
     "пункт до следующего разделителя, если у них нет своего `section` или он такой же, как у "
     "разделителя. Тема с другим `section` начинает следующий пункт плана: так разделитель "
     "можно поставить только перед одной частью встречи."),
    ("Если у разделителя нет `section`, первая тема после него может назвать раздел сама "
     "(`section: Телефоны`): она и темы с тем же `section` входят в пункт разделителя, и в "
     "плане он называется заголовком разделителя."),
    ("Разделитель, после которого не осталось ни одной темы его пункта, `check` и `build` "
     "называют в предупреждении; разделитель, все темы которого убраны отбором (`--only`, "
     "`--skip`, `--audience`), в презентацию не попадает."),
)


def reference() -> str:
    """The Markdown reference page of every schema (docs/schema.md)."""
    lines = ["# Справочник полей", "",
             "Generated from `sferum_deck/inputs/schema.py` by `python -m sferum_deck.inputs.schema > "
             "docs/schema.md`; do not edit by hand.", "",
             "Все файлы — YAML в кодировке UTF-8, не больше 1 МБ, один документ, без ссылок "
             "(& и *) и тегов (!). Пустое поле (кроме цвета) — то же, что отсутствующее.", "",
             "## Типы", "", "| тип | что писать |", "|---|---|"]
    lines += [f"| {kind} | {text} |" for kind, text in KINDS.items()]
    lines += ["", "## Макеты", "", "Значения поля `layout` темы и поле, которое читает каждый "
              "макет.", "", "| макет | поле | что на слайде |", "|---|---|---|"]
    lines += [f"| `{layout.name}` | {f'`{layout.reads}`' if layout.reads else NO_FIELD} | "
              f"{layout.doc} |" for layout in LAYOUTS]
    lines += ["", "## Разделы плана встречи", ""] + [f"- {rule}" for rule in PARTS] + [""]
    for schema in SCHEMAS:
        lines += [f"## {schema.name}", "", schema.description, "",
                  "| поле | тип | обязательно | по умолчанию | значения | описание |",
                  "|---|---|---|---|---|---|"]
        lines += _rows(schema.fields, "")
        lines.append("")
    return "\n".join(lines)


def _rows(fields: tuple[Field, ...], prefix: str) -> list[str]:
    rows = []
    for f in fields:
        default = "" if f.default is None else f"`{f.default}`"
        choices = ", ".join(f.choices) or _limit(f)
        rows.append(f"| `{prefix}{f.name}` | {f.kind} | {'да' if f.required else ''} | "
                    f"{default} | {choices} | {f.description} |")
        rows += _rows(f.fields, f"{prefix}{f.name}{'[]' if f.kind == 'maps' else ''}.")
    return rows


def _limit(f: Field) -> str:
    if f.max_len is None:
        return ""
    unit = COLUMNS_OF if f.kind == "columns" else \
        ITEMS_OF if f.kind in ("items", "subitems", "links", "maps", "ids", "lines") else SYMBOLS_OF
    return f"не больше {count(f.max_len, unit)}"


if __name__ == "__main__":
    print(reference())
