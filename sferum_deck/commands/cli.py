"""Command line: thin commands that parse options, run the pipeline and report in Russian."""
from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from ..errors import DeckError
from ..inputs.validate import URL_RE, parse_date, parse_time
from ..model import ASPECTS, AUDIENCES
from ..words import FILES, SLIDES, count
from .usage import RussianGroup, output_gone


class DateType(click.ParamType):
    name = "ДАТА"

    def convert(self, value, param, ctx):
        return parse_date(str(value), lambda message: self.fail(message, param, ctx))


class TimeType(click.ParamType):
    name = "ВРЕМЯ"

    def convert(self, value, param, ctx):
        return parse_time(str(value), lambda message: self.fail(message, param, ctx))


class UrlType(click.ParamType):
    name = "URL"

    def convert(self, value, param, ctx):
        if not URL_RE.match(str(value).strip()):
            self.fail(f"неверный адрес «{value}»; нужен вид https://example.ru/", param, ctx)
        return str(value).strip()


class IdList(click.ParamType):
    name = "ID,..."

    def convert(self, value, param, ctx):
        if isinstance(value, tuple):
            return value
        return tuple(v.strip() for v in str(value).split(",") if v.strip())


def reporting(command):
    """Turn unexpected failures into a Russian message (a traceback only with --debug)."""
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        ctx = click.get_current_context()
        debug = bool(ctx.find_root().params.get("debug"))
        try:
            return command(*args, **kwargs)
        except (DeckError, click.ClickException, click.exceptions.Exit, click.Abort):
            if debug:  # where the error was raised, for developers
                import traceback
                traceback.print_exc()
            raise
        except KeyboardInterrupt:
            click.echo("Прервано.", err=True)
            sys.exit(130)
        except Exception as exc:  # the user must never see a traceback by default
            if debug or output_gone(exc):  # a closed pipe ends quietly (usage.py)
                raise
            raise DeckError(f"внутренняя ошибка программы ({type(exc).__name__}: {exc}). "
                            "Запустите команду с --debug и сообщите разработчикам.") from exc
    return wrapper


@click.group("sferum-deck", cls=RussianGroup,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Показывать подробности ошибок (для разработчиков).")
@click.version_option(package_name="sferum-deck", message="sferum-deck %(version)s",
                      help="Показать версию программы и выйти.")
def cli(debug: bool) -> None:
    """Презентация для родительского собрания о цифровом общении школы и семьи."""


PACK_OPTION = click.option(
    "--pack", help="Набор материалов: имя встроенного (perm-letter, max-2025) или папка с "
    "pack.yaml; по умолчанию perm-letter.")
CONTENT_OPTION = click.option(
    "--content", type=click.Path(path_type=Path),
    help="Папка с файлами тем (с pack.yaml или без него) вместо набора.")


def deck_options(command):
    """The options every command that builds a deck shares (build, check, preview ...)."""
    options = [
        PACK_OPTION,
        CONTENT_OPTION,
        click.option("--brand", default="default", show_default=True,
                     help="Профиль оформления: имя или путь к brand.yaml."),
        click.option("--template", type=click.Path(path_type=Path),
                     help="Шаблон школы (.pptx)."),
        click.option("--meeting", "meeting_file", type=click.Path(path_type=Path),
                     help="Файл meeting.yaml с данными собрания."),
        click.option("--school", help="Название школы."),
        click.option("--class", "class_", help="Класс, например 5А."),
        click.option("--date", type=DateType(), help="Дата собрания (ДД.ММ.ГГГГ)."),
        click.option("--time", type=TimeType(), help="Время (ЧЧ:ММ)."),
        click.option("--teacher", help="Классный руководитель."),
        click.option("--teacher-contacts", help="Телефон или почта классного руководителя."),
        click.option("--meeting-link", type=UrlType(), help="Ссылка на онлайн-собрание."),
        click.option("--only", type=IdList(), default="", help="Только эти темы (id через запятую)."),
        click.option("--skip", type=IdList(), default="", help="Пропустить эти темы."),
        click.option("--audience", type=click.Choice(AUDIENCES),
                     help="Оставить слайды для этой аудитории."),
        click.option("--aspect", type=click.Choice(ASPECTS), default="16:9", show_default=True,
                     help="Формат слайдов (с шаблоном — как в шаблоне)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def options_from(kw: dict):
    """Pipeline Options from the shared deck options."""
    from ..core import Options
    meeting = {"school": kw.pop("school"), "class": kw.pop("class_"), "date": kw.pop("date"),
               "time": kw.pop("time"), "teacher": kw.pop("teacher"),
               "meeting_link": kw.pop("meeting_link"),
               "teacher_contacts": kw.pop("teacher_contacts")}
    return Options(content=kw.pop("content"), pack=kw.pop("pack"), brand=kw.pop("brand"),
                   meeting_file=kw.pop("meeting_file"), meeting=meeting,
                   only=kw.pop("only") or (), skip=kw.pop("skip") or (),
                   audience=kw.pop("audience"), aspect=_given(kw.pop("aspect"), "aspect"),
                   template=kw.pop("template"))


def _given(value, name: str):
    """`value` when the user gave the option `name`, None when it is click's default."""
    source = click.get_current_context().get_parameter_source(name)
    return None if source == click.core.ParameterSource.DEFAULT else value


@cli.command("build")
@deck_options
@click.option("-o", "--output", type=click.Path(path_type=Path), default="sferum-deck.pptx",
              show_default=True, help="Куда сохранить презентацию.")
@click.option("--pdf", is_flag=True, help="Сохранить рядом и PDF (нужен LibreOffice).")
@reporting
def build_command(output: Path, pdf: bool, **kw) -> None:
    """Собрать презентацию."""
    from ..core import build
    if pdf:
        from ..output.preview import pdf_beside, require_pdf_target
        require_pdf_target(output)
    built = build(options_from(kw), output)
    for warning in built.warnings:
        click.echo(f"Предупреждение: {warning}", err=True)
    click.echo(f"Готово: {output} ({count(built.slides, SLIDES)}, {built.size // 1024} КБ)")
    if pdf:
        pdf_beside(output)
        click.echo(f"Готово: {output.with_suffix('.pdf')}")


@cli.command("topics")
@PACK_OPTION
@CONTENT_OPTION
@reporting
def topics_command(pack: str | None, content: Path | None) -> None:
    """Показать темы набора: id, макет, аудитория и заголовок."""
    from ..inputs.packs import load_content
    topics = load_content(pack, content).topics
    width = max(len(t.id) for t in topics)
    for t in topics:
        audience = ",".join(t.audience)
        click.echo(f"{t.id:<{width}}  {t.layout:<8}  {audience:<25}  {t.title}")


@cli.command("check")
@click.argument("deck", required=False, type=click.Path(path_type=Path))
@deck_options
@reporting
def check_command(deck: Path | None, **kw) -> None:
    """Проверить темы, оформление и данные собрания, ничего не записывая;
    с файлом DECK.pptx — отрисовать готовую презентацию и найти вылезающий текст."""
    if deck is not None:
        report_rendered(deck)
        return
    from ..checks.summary import fitting_table
    from ..core import load_deck
    from ..inputs.packs import description
    from ..plan import plan
    deck = load_deck(options_from(kw))
    planned = plan(deck)
    for line in description(deck.pack):
        click.echo(line)
    click.echo("Как уместился текст (размеры шрифта в пунктах):")
    click.echo(fitting_table(planned, deck))
    for warning in planned.warnings:
        click.echo(f"Предупреждение: {warning}")
    click.echo(f"Ошибок нет: {count(len(planned.slides), SLIDES)}.")


def report_rendered(deck: Path) -> None:
    from ..checks.rendered import check_deck
    if deck.is_dir():
        raise DeckError(f"{deck}: это папка; чтобы проверить темы из неё, запустите "
                        f"sferum-deck check --content {deck}")
    if not deck.is_file():
        raise DeckError(f"{deck}: файл не найден")
    if deck.suffix.lower() != ".pptx":
        raise DeckError(f"{deck}: это не презентация .pptx; файлы тем, профиль и данные "
                        "собрания проверяет sferum-deck check --content ПАПКА --brand ПРОФИЛЬ "
                        "--meeting ФАЙЛ")
    readable_deck(deck)
    problems = check_deck(deck)
    for number, problem in problems:
        click.echo(f"{deck}: слайд {number}: {problem}")
    if problems:
        raise DeckError(f"{deck}: найдено проблем: {len(problems)}")
    click.echo(f"{deck}: проблем не найдено.")


def readable_deck(deck: Path) -> None:
    """DeckError when `deck` is no PowerPoint package we may unpack (judged from its zip
    directory: damaged, encrypted, .odp, too large; see inputs/packages)."""
    from ..inputs.packages import package_problem
    problem = package_problem(deck, str(deck), "презентацию")
    if problem:
        raise DeckError(problem)


@cli.command("preview")
@click.argument("deck", required=False, type=click.Path(path_type=Path))
@deck_options
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default="preview",
              show_default=True, help="Папка для картинок слайдов и общего листа.")
@click.option("--dpi", type=click.IntRange(36, 300), default=96, show_default=True,
              help="Чёткость картинок слайдов (точек на дюйм).")
@click.option("--columns", type=click.IntRange(1, 10), default=4, show_default=True,
              help="Сколько слайдов в ряд на общем листе.")
@click.option("--fast", is_flag=True,
              help="Быстрый просмотр без LibreOffice: слайды в SVG и страница slides.html "
              "со всеми слайдами и заметками (для печати).")
@reporting
def preview_command(deck: Path | None, out_dir: Path, dpi: int, columns: int, fast: bool,
                    **kw) -> None:
    """Посмотреть презентацию заранее: картинка каждого слайда и общий лист со всеми
    слайдами. Без DECK.pptx презентация собирается по тем же параметрам, что и build.
    С --fast (или когда LibreOffice не установлен) — быстрый просмотр в SVG."""
    import tempfile

    from ..errors import ToolMissing
    from ..output.preview import preview, require_renderers
    if fast and deck is not None:
        raise DeckError(f"{deck}: быстрый просмотр (--fast) строится по темам, а не по "
                        "готовому файлу; уберите --fast или имя файла")
    if not fast:
        try:
            require_renderers()
        except ToolMissing as exc:
            if deck is not None:
                raise
            click.echo(f"LibreOffice не найден ({exc}); показываю быстрый просмотр в SVG — "
                       "точный вид даст PowerPoint или LibreOffice.", err=True)
            fast = True
    if fast:
        fast_preview_of(options_from(kw), out_dir)
        return
    if deck is not None:
        if not deck.is_file():
            raise DeckError(f"{deck}: файл не найден")
        readable_deck(deck)
        shown = preview(deck, out_dir, dpi, columns)
    else:
        from ..core import build
        with tempfile.TemporaryDirectory(prefix="sferum-preview-") as tmp:
            built = build(options_from(kw), Path(tmp) / "sferum-deck.pptx")
            for warning in built.warnings:
                click.echo(f"Предупреждение: {warning}", err=True)
            shown = preview(built.path, out_dir, dpi, columns)
    click.echo(f"Готово: {count(len(shown.slides), SLIDES)}: "
               f"{out_dir / shown.slides[0].name} … {shown.slides[-1].name}")
    click.echo(f"Все слайды на одном листе: {out_dir / shown.sheet.name}")


def fast_preview_of(options, out_dir: Path) -> None:
    """preview --fast: plan the deck and draw it as SVG, with the run-through page."""
    from ..core import load_deck
    from ..output.preview import fast_preview
    from ..plan import plan
    deck = load_deck(options)
    planned = plan(deck)
    for warning in planned.warnings:
        click.echo(f"Предупреждение: {warning}", err=True)
    shown = fast_preview(planned, deck, out_dir)
    click.echo(f"Готово: {count(len(shown.slides), SLIDES)}: "
               f"{out_dir / shown.slides[0].name} … {shown.slides[-1].name}")
    click.echo(f"Все слайды с заметками: {out_dir / shown.page.name}")


@cli.command("handout")
@deck_options
@click.option("-o", "--output", type=click.Path(path_type=Path), default="sferum-handout.pdf",
              show_default=True, help="Куда сохранить памятку (PDF); рядом сохраняется "
              "редактируемый файл .pptx с тем же именем.")
@click.option("--no-pdf", "no_pdf", is_flag=True,
              help="Только редактируемый .pptx, без PDF (LibreOffice не нужен).")
@reporting
def handout_command(output: Path, no_pdf: bool, **kw) -> None:
    """Памятка для родителей на одном листе A4: как подключиться (шаги из набора),
    QR-коды полезных ссылок и онлайн-собрания, контакты учителя и поддержки."""
    from ..core import build_handout
    built = build_handout(options_from(kw), output, pdf=not no_pdf)
    for warning in built.warnings:
        click.echo(f"Предупреждение: {warning}", err=True)
    if built.pdf is not None:
        click.echo(f"Готово: {output.with_suffix('.pdf')} (для печати, A4, 1 страница)")
    click.echo(f"Готово: {output.with_suffix('.pptx')} (редактируемая памятка, "
               f"текст {built.size_pt:g} пт)")


@cli.command("batch")
@click.argument("schools", type=click.Path(path_type=Path))
@click.option("-o", "--out", type=click.Path(path_type=Path), default="презентации",
              show_default=True, help="Папка для презентаций и отчёта report.csv.")
@click.option("--brand", default="default", show_default=True,
              help="Профиль оформления, на который накладываются данные каждой школы.")
@click.option("--meeting", "meeting_file", type=click.Path(path_type=Path),
              help="Файл meeting.yaml: данные собрания, общие для всех школ.")
@PACK_OPTION
@CONTENT_OPTION
@click.option("--aspect", type=click.Choice(ASPECTS), default="16:9", show_default=True,
              help="Формат слайдов.")
@click.option("-j", "--jobs", type=click.IntRange(min=1),
              help="Сколько презентаций собирать одновременно (по умолчанию по числу "
                   "процессоров).")
@click.option("--force", is_flag=True, help="Пересобрать все презентации, даже не изменившиеся.")
@reporting
def batch_command(schools: Path, out: Path, **kw) -> None:
    """Собрать презентации всех школ из списка SCHOOLS (CSV из Excel или YAML): по файлу
    на школу и отчёт report.csv."""
    from ..batch.run import Settings, run
    progress = BatchProgress(sys.stdout.isatty())
    try:
        summary = run(Settings(schools, out, **kw), progress)
    except KeyboardInterrupt:
        progress.close()
        click.echo("Прервано. Собранные презентации сохранены; при повторном запуске они "
                   "будут пропущены.", err=True)
        sys.exit(130)
    progress.close()
    for warning in summary.warnings:
        click.echo(f"Предупреждение: {warning}", err=True)
    if progress.terminal:  # the bar has shown only counts: now the rows to fix
        for result in summary.results:
            if result.error:
                click.echo(f"Ошибка: {result.error}")
    debug = click.get_current_context().find_root().params.get("debug")
    for result in summary.results:
        if debug and result.detail:
            click.echo(result.detail, err=True)
    warned = sum(bool(r.warnings) for r in summary.results)
    if warned:
        click.echo(f"Презентаций с предупреждениями: {warned} (подробно в {summary.report})")
    click.echo(summary.line())
    click.echo(f"Отчёт: {summary.report}")
    if summary.failed:
        click.get_current_context().exit(1)


class BatchProgress:
    """A progress bar on a terminal; one plain line per school otherwise (logs, CI)."""

    def __init__(self, terminal: bool):
        self.terminal, self.bar = terminal, None
        self.total = self.count = 0

    def start(self, total: int) -> None:
        self.total = total
        if total and self.terminal:
            self.bar = click.progressbar(length=total, label="Сборка презентаций",
                                         show_pos=True, show_eta=True,
                                         item_show_func=lambda r: r.school_id if r else None)
            self.bar.__enter__()

    def done(self, result) -> None:
        from ..batch.run import DONE, FAILED
        if result.status == DONE or (result.status == FAILED and self.total):
            self.count += 1
        if self.terminal:
            if self.bar is not None:
                self.bar.update(1, result)
            return
        if result.status == FAILED:
            click.echo(f"Ошибка: {result.error}")
        elif result.status == DONE:
            notes = f", предупреждений: {len(result.warnings)}" if result.warnings else ""
            click.echo(f"[{self.count}/{self.total}] {result.file}: готово "
                       f"({count(result.slides, SLIDES)}{notes})")
        else:
            click.echo(f"{result.file}: без изменений")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@cli.command("init")
@click.argument("folder", type=click.Path(path_type=Path))
@PACK_OPTION
@reporting
def init_command(folder: Path, pack: str | None) -> None:
    """Создать в папке FOLDER заготовку для своей презентации: набор материалов (темы и
    pack.yaml), профиль оформления школы и данные собрания, с пояснением к каждому полю."""
    from ..inputs.load import display
    from .starter import write_starter
    written = write_starter(folder, pack)
    click.echo(f"Готово: {display(folder)} ({count(len(written), FILES)}). Поправьте их и "
               "соберите презентацию:")
    click.echo(f"  sferum-deck build --content {display(folder / 'slides')} "
               f"--brand {display(folder / 'brand')} --meeting {display(folder / 'meeting.yaml')}")
    click.echo(f"Примеры других макетов и полей — в {display(folder / 'examples')}: "
               f"скопируйте нужный файл в {display(folder / 'slides')}.")


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Адрес, на котором ждать браузеры; 0.0.0.0 — для всей школьной сети.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True,
              help="Порт.")
@click.option("--open", "open_browser", is_flag=True,
              help="Открыть страницу в браузере этого компьютера.")
@click.option("--schools", type=click.Path(path_type=Path),
              help="Список школ (CSV или YAML, как для batch): учителя выбирают школу из него.")
@click.option("--brand", default="default", show_default=True,
              help="Профиль оформления: имя или путь к brand.yaml.")
@click.option("--template", type=click.Path(path_type=Path), help="Шаблон (.pptx) для всех.")
@PACK_OPTION
@CONTENT_OPTION
@click.option("--password", envvar="SFERUM_DECK_PASSWORD",
              help="Пароль страницы куратора (или переменная SFERUM_DECK_PASSWORD); без него "
                   "пароль придумывается и печатается при запуске.")
@click.option("--workers", type=click.IntRange(min=1),
              help="Сколько презентаций собирать одновременно (по умолчанию по числу "
                   "процессоров).")
@reporting
def serve_command(**kw) -> None:
    """Запустить веб-страницу: учителя заполняют данные собрания, видят слайды и скачивают
    презентацию, PDF и памятку; куратор собирает презентации по списку школ."""
    from .serve import serve
    serve(**kw)


def main() -> None:
    cli(prog_name="sferum-deck")
