"""A content folder of every layout: docs/example's topics (a table and a picture among
them) and a topic of bold words, an important item with notes and an item with sub-items,
as the web tests serve it."""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from conftest import ROOT

EXAMPLE = ROOT / "docs" / "example" / "slides"
EMPHASIS = {"id": "emphasis", "title": "Как зарегистрироваться", "layout": "bullets",
            "section": "Регистрация", "audience": ["parents"],
            "bullets": ["**Сначала** зайдите на сайт sferum.ru",
                        {"text": "**Важно:** не регистрируйте ребёнка сами", "important": True,
                         "notes": "Типичная ошибка родителей."},
                        {"text": "Что понадобится", "items": ["номер телефона", "код из SMS"]},
                        "Вопросы — классному руководителю"],
            "notes": "Регистрация через школу."}


def every_layout(parent: Path) -> Path:
    """parent/slides: the example's topic files and pictures, and 12-emphasis.yaml."""
    folder = parent / "slides"
    shutil.copytree(EXAMPLE, folder)
    (folder / "12-emphasis.yaml").write_text(yaml.safe_dump(EMPHASIS, allow_unicode=True,
                                                            sort_keys=False), encoding="utf-8")
    return folder
