"""Post titles and grades: split a post string into organisation + title.

The vocabulary lives in ``extractors/data/post_titles.tsv`` (data, not code): the longest title
that ends a post string gives the split. A post that ends in no known title is reported by the
caller, never split by guesswork.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

PostType = Literal["position", "grade"]
_QUALIFIER_AT_END = re.compile(r"[(（](?P<q>[^()（）]{1,20})[)）]$")


@dataclass(frozen=True, slots=True)
class PostSplit:
    """A post as written, its organisation (``None`` for a bare title) and title, and its kind."""

    post: str
    organization: str | None
    title: str
    post_type: PostType
    qualifier: str | None
    known: bool


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, PostType]:
    """Title → kind, read once from the packaged data file."""
    text = resources.files("extractors").joinpath("data/post_titles.tsv").read_text(encoding="utf-8")
    titles: dict[str, PostType] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        title, kind = line.split("\t")
        titles[title.strip()] = "grade" if kind.strip() == "grade" else "position"
    return titles


@lru_cache(maxsize=1)
def _by_length() -> tuple[str, ...]:
    return tuple(sorted(vocabulary(), key=len, reverse=True))


def title_suffix(text: str) -> str | None:
    """The longest known title that ends ``text``."""
    return next((t for t in _by_length() if text.endswith(t)), None)


def strip_qualifiers(text: str) -> tuple[str, str | None]:
    """Drop the parenthesised qualifiers that end a post; two in a row (``(正科长级)(试用期一年)``) are joined by ,."""
    found: list[str] = []
    m = _QUALIFIER_AT_END.search(text)
    while m and m.start() > 0:
        found.insert(0, m["q"])
        text = text[: m.start()]
        m = _QUALIFIER_AT_END.search(text)
    return text, "，".join(found) or None


def split_post(text: str) -> PostSplit:
    """Split ``衢州市教育局副调研员(试用期一年)`` into organisation, title and qualifier."""
    text, qualifier = strip_qualifiers(text)
    title = title_suffix(text)
    if title is None:
        return PostSplit(text, None, text, "position", qualifier, known=False)
    organization = text[: -len(title)] or None
    return PostSplit(text, organization, title, vocabulary()[title], qualifier, known=True)
