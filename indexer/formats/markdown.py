"""Markdown: front matter (YAML, PyYAML's safe loader) as metadata, the rest as text.

Markdown is text, so it is decoded and cut as a .txt file is, in the indexing
process; only this part differs.
"""

import datetime
from typing import Any

import yaml

from . import Extracted
from .container import clean


def parse(text: str) -> Extracted:
    front, body = _front_matter(text)
    heading = next(
        (
            clean(line.lstrip("#"))
            for line in body.splitlines()
            if line.startswith("#") and line.lstrip("#").strip()
        ),
        "",
    )
    return Extracted(
        body,
        title=_scalar(front.get("title")),
        heading=heading,
        date=_scalar(front.get("date")),
        author=_scalar(front.get("author")),
    )


def _front_matter(text: str) -> tuple[dict[Any, Any], str]:
    """({key: value}, the rest) for text opening with a block of YAML between
    --- lines; ({}, text) for any other."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 3)
        if end > 0:
            try:
                front = yaml.safe_load(text[4:end])
            except yaml.YAMLError:
                front = None
            if isinstance(front, dict):
                return front, text[end + 5 :]
    return {}, text


def _scalar(value: object) -> str:
    """A front-matter value as text. Only scalars and lists of them are taken: YAML
    aliases can nest a list in itself a billion times, cheap to load, not to print."""
    if isinstance(value, list):
        return ", ".join(filter(None, map(_scalar, value)))
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return clean(str(value))
    return ""
