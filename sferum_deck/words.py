"""Russian words that go with a number: «1 слайд», «3 слайда», «5 слайдов».

A noun is three forms: for 1 (and 21, 101 ...), for 2-4 (and 22, 34 ...), and for the rest
(0, 5-20, 25, 111 ...). After «больше», «меньше», «до» the genitive is wanted: the forms are
then given in the genitive (SYMBOLS_OF: «не больше 1 символа», «не больше 5 символов»).
"""
from __future__ import annotations

Forms = tuple[str, str, str]

SLIDES: Forms = ("слайд", "слайда", "слайдов")
PAGES: Forms = ("страница", "страницы", "страниц")
SYMBOLS: Forms = ("символ", "символа", "символов")
SYMBOLS_OF: Forms = ("символа", "символов", "символов")
ITEMS_OF: Forms = ("пункта", "пунктов", "пунктов")
COLUMNS_OF: Forms = ("колонки", "колонок", "колонок")
LINES_ACC: Forms = ("строку", "строки", "строк")  # «заголовок в 3 строки»
FILES: Forms = ("файл", "файла", "файлов")
MINUTES_ACC: Forms = ("минуту", "минуты", "минут")  # «за 5 минут»
DECKS: Forms = ("презентация", "презентации", "презентаций")
SCHOOLS: Forms = ("школа", "школы", "школ")
STEPS: Forms = ("шаг", "шага", "шагов")
QR_CODES: Forms = ("QR-код", "QR-кода", "QR-кодов")
LINKS: Forms = ("ссылка", "ссылки", "ссылок")
ROWS: Forms = ("строка", "строки", "строк")        # of a table
CELLS: Forms = ("ячейка", "ячейки", "ячеек")


def plural(n: int, forms: Forms) -> str:
    """The form of a noun that goes with `n`: plural(3, SLIDES) == 'слайда'."""
    one, few, many = forms
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def count(n: int, forms: Forms) -> str:
    """`n` with its noun: count(21, SLIDES) == '21 слайд'."""
    return f"{n} {plural(n, forms)}"
