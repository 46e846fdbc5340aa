"""Document-number prefixes tell the issuer: 衢政发 → 衢州市人民政府, 国发 → 国务院 …

The registry is data (``extractors/data/number_prefixes.tsv``); the longest listed prefix of a
number's prefix wins, so a department's sub-series (衢市科发高) falls back to its series (衢市科).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class PrefixInfo:
    prefix: str
    issuer: str
    level: str  # national | province | city | county
    kind: str  # normative | personnel | order | notice | office | letter | department


@lru_cache(maxsize=1)
def registry() -> dict[str, PrefixInfo]:
    text = resources.files("extractors").joinpath("data/number_prefixes.tsv").read_text(encoding="utf-8")
    out: dict[str, PrefixInfo] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        prefix, issuer, level, kind = (part.strip() for part in line.split("\t"))
        out[prefix] = PrefixInfo(prefix, issuer, level, kind)
    return out


def lookup(prefix: str) -> PrefixInfo | None:
    """The registry entry for a number's prefix: exact, else the longest listed prefix of it."""
    table = registry()
    if prefix in table:
        return table[prefix]
    for size in range(len(prefix) - 1, 1, -1):
        if prefix[:size] in table:
            return table[prefix[:size]]
    return None
