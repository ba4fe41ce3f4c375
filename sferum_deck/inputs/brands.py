"""Brand profiles: `extends:` chains (region -> municipality -> school) merged into one Brand."""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError, Problem, Problems
from ..model import Brand, Font, Palette, Template
from .chains import extends_chain
from .load import Doc, display, load_yaml
from .resources import FONTS, brands_dir
from .schema import BRAND
from .validate import Checker, suggestion

PROFILE_FILE = "brand.yaml"


def profile_path(ref: str | Path, relative_to: Path | None = None) -> Path:
    """The brand.yaml a reference names: a path (file or folder) or a shipped profile name."""
    try:
        ref_path = Path(ref).expanduser()
    except RuntimeError:  # ~user that does not exist
        ref_path = Path(ref)
    candidates = []
    if relative_to is not None and not ref_path.is_absolute():
        candidates.append(relative_to / ref_path)
    candidates += [ref_path, brands_dir() / str(ref)]
    for path in candidates:
        try:
            if path.is_dir() and (path / PROFILE_FILE).is_file():
                return path / PROFILE_FILE
            if path.is_file():
                return path
        except (OSError, ValueError):  # a name too long or with a NUL byte: not found
            continue
    known = sorted(p.name for p in brands_dir().iterdir() if (p / PROFILE_FILE).is_file())
    raise InputError([Problem(str(ref), "", "профиль оформления не найден; встроенные профили: "
                              + ", ".join(known) + suggestion(str(ref), known))])


def load_chain(ref: str | Path) -> list[dict]:
    """Checked field values of a profile and its ancestors, the most general first."""
    def read(path: Path) -> tuple[dict, Doc, str]:
        doc = load_yaml(path)
        problems = Problems()
        clean = Checker(doc, problems).mapping(doc.data if doc.data is not None else {}, (), BRAND)
        problems.raise_if_any()
        clean["_source"] = doc.where(())
        return clean, doc, clean.get("extends") or ""

    return extends_chain(profile_path(ref), display(Path(ref)), read,
                         lambda named, path: profile_path(named, path.parent),
                         "профили наследуют друг друга по кругу")


def merged(chain: list[dict]) -> dict:
    """Child values over parent values; nested maps (colors, fonts, contacts) merged key by key."""
    result: dict = {}
    for profile in chain:
        _merge_into(result, profile)
    return result


def _merge_into(base: dict, over: dict) -> None:
    for key, value in over.items():
        if value is None:
            continue
        if isinstance(value, dict):
            _merge_into(base.setdefault(key, {}), value)
        else:
            base[key] = value


def load_brand(ref: str | Path = "default", school: str = "") -> Brand:
    """The Brand a profile reference resolves to, its whole extends chain applied on top of
    the default profile (which supplies every colour and font)."""
    return brand_of(profile_values(ref), school)


def profile_values(ref: str | Path = "default") -> dict:
    """Merged field values of a profile: its extends chain over the default profile."""
    chain = load_chain(ref)
    base = load_chain("default")
    if chain[0]["_source"] != base[0]["_source"]:
        chain = base + chain
    return merged(chain)


def brand_of(values: dict, school: str = "") -> Brand:
    """A Brand from merged profile values (the default profile supplies every colour)."""
    colours = values.get("colors", {})
    fonts = values.get("fonts", {})
    full_name = school or values.get("full_name") or ""
    short = values.get("short_name") or ""
    return Brand(
        name=values.get("name") or "",
        full_name=full_name,
        short_name=short,
        municipality=values.get("municipality") or "",
        palette=Palette(colours["primary"], colours["accent"], colours["background"],
                        colours["text"]),
        heading_font=font_of(fonts.get("heading", {})),
        body_font=font_of(fonts.get("body", {})),
        logo=values.get("logo"),
        footer=values.get("footer") or short or full_name or "Родительское собрание",
        phone=values.get("contacts", {}).get("phone") or "",
        email=values.get("contacts", {}).get("email") or "",
        site=values.get("contacts", {}).get("site") or "",
        principal=values.get("principal") or "",
        template=values.get("template"),
        source=values.get("_source", ""),
    )


def font_of(values: dict) -> Font:
    """A Font; measured with its own files when given, else with Liberation Sans (= Arial)."""
    regular = values.get("file") or FONTS / "LiberationSans-Regular.ttf"
    bold = values.get("bold_file") or (values.get("file") or FONTS / "LiberationSans-Bold.ttf")
    return Font(values.get("name") or "Arial", Path(regular), Path(bold))


def on_template(brand: Brand, template: Template) -> tuple[Brand, list[str]]:
    """The brand as the school's template shows it: the template's theme colours and
    fonts (a font that cannot be measured on this computer gives way to the profile's)."""
    warnings: list[str] = []
    heading = template_font(template.heading_font, brand.heading_font, warnings)
    body = template_font(template.body_font, brand.body_font, warnings)
    return brand._replace(palette=template.palette, heading_font=heading, body_font=body), \
        list(dict.fromkeys(warnings))


def template_font(name: str, profile: Font, warnings: list[str]) -> Font:
    """The template's font `name` with files to measure it by; the profile's font when
    they are the same or no file of it is found (with a warning)."""
    if not name or name.casefold() == profile.name.casefold():
        return profile
    from .fonts import font_files  # only templates need it (fontconfig, font folders)
    files = font_files(name)
    if files:
        return Font(name, *files)
    warnings.append(f"шрифт шаблона «{name}» не найден на этом компьютере: текст набран "
                    f"шрифтом {profile.name}, чтобы верно рассчитать его размеры")
    return profile
