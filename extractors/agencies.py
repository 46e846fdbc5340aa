"""Agencies: one registry entry per real body, and a resolver from mentions as printed to entries.

The registry is data (``extractors/data/agencies.tsv``): full name, short stems, literal aliases, level,
parent, kind, validity years and predecessors of every body the Quzhou gazettes cite. County bodies are
derived from the city departments (``柯城区住建局``) and townships from their printed shape. English
labels come from the registry or are composed by ``extractors/data/agency_glossary_en.tsv``.

``resolve`` maps one mention to a body with the evidence it used and never guesses between two bodies:
a name that fits two bodies is ``ambiguous``, a name that fits none is ``unresolved`` (a new entity
keyed by its normalised form). ``expand_list`` reads an agency list (docs §4.4: separators, distributive
``市`` and suffixes, alias brackets, generic units) and ``learn_aliases`` finds short forms that a text
defines (``全名(以下简称X)``) or uses beside the full name that signs it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Literal

from extractors.records import Span

VERSION = "agencies-1"

Evidence = Literal[
    "exact full name", "alias", "市-prefixed short form", "省-prefixed short form", "county prefix + bare department",
    "bare short form", "distributive expansion", "bracket alias", "learned alias", "truncated short form", "township",
    "post of a body", "organ of a body", "generic", "ambiguous", "unresolved",
]  # fmt: skip
Rule = Literal["as written", "distributive 市", "distributive prefix", "distributive suffix", "bracket alias"]

COUNTIES: dict[str, tuple[str, str, tuple[str, ...]]] = {  # slug → (printed name, English, prefixes)
    "kecheng": ("柯城区", "Kecheng District", ("衢州市柯城区", "柯城区", "柯城")),
    "qujiang": ("衢江区", "Qujiang District", ("衢州市衢江区", "衢江区", "衢江")),
    "longyou": ("龙游县", "Longyou County", ("衢州市龙游县", "龙游县", "龙游")),
    "jiangshan": ("江山市", "Jiangshan Municipal", ("衢州市江山市", "江山市", "江山")),
    "changshan": ("常山县", "Changshan County", ("衢州市常山县", "常山县", "常山")),
    "kaihua": ("开化县", "Kaihua County", ("衢州市开化县", "开化县", "开化")),
}
_PREFIXES: dict[str, tuple[str, ...]] = {"city": ("衢州市", "衢州", "市"), "province": ("浙江省", "浙江", "省")}
_EVIDENCE_OF_SCOPE: dict[str, Evidence] = {"city": "市-prefixed short form", "province": "省-prefixed short form"}
_OPEN, _CLOSE = "(（〔[［【", ")）〕]］】"
_BRACKETS = str.maketrans({c: "(" for c in _OPEN} | {c: ")" for c in _CLOSE})
_QUOTES = str.maketrans("", "", "“”‘’\"'「」")
_AND = re.compile(r"(?<=[\u4e00-\u9fff])\s*\band\b\s*(?=[\u4e00-\u9fff])")
_EDGE = re.compile(r"^[\s\-—●·•*]+|[\s。.,，、;；:：*]+$")
_WS = re.compile(r"\s+")
_GENERIC_COUNTIES = re.compile(r"^(?:各(?:有关|相关)?)?县\(市(?:、区)?\)(?:政府|人民政府)?$")
_GENERIC_MARK = re.compile(r"各|有关|相关|其他|其它|直属|所属|市级|县级|省级|成员|本级")
_GENERIC_END = re.compile(r"(?:部门|单位|机关|机构|专班|企业|政府|乡镇|街道|银行|学校|医院|运营商|组织|地区)$")
_ORGAN = re.compile(
    r"(?:第[一二三四五六七八九十\d]+届)?(?:主席团执行理事会|执行理事会|主席团|机关党委|党组|党委|领导班子)$"
)
_CITY_POSTS = ("常务副市长", "分管副市长", "副市长", "市长", "分管副秘书长", "副秘书长", "秘书长")
_POSTS = (*_CITY_POSTS, "分管领导", "主要领导", "主要负责人", "分管负责人", "负责人", "领导", "副局长", "局长",
          "副主任", "主任")  # fmt: skip
_TOWN = re.compile(r"^(?P<name>[\u4e00-\u9fff]{1,5}?)(?P<type>镇|乡|街道)(?P<organ>人民政府|政府|办事处)?$")
_TOWN_EN = {"镇": "Town People's Government", "乡": "Township People's Government"}
_KIND_GUESS = (  # the kind a new entity's name implies: flagged on unresolved mentions
    (re.compile(r"(?:公司|集团|厂|事业部)(?:\([^()]*\))?$"), "enterprise"),
    (re.compile(r"专班$"), "task force"),
    (re.compile(r"[\u4e00-\u9fff]{2,}办(?:公室)?$"), "coordination office"),
    (re.compile(r"领导小组$"), "leading group"),
    (re.compile(r"管委会$|管理委员会$"), "zone management committee"),
    (re.compile(r"指挥部$"), "field command"),
    (re.compile(r"(?:局|委|厅)$"), "department"),
    (re.compile(r"(?:中心|院|校|站|所)$"), "public institution"),
)
_BODY_END = (
    r"(?:人民政府|政府|办公室|办公厅|委员会|领导小组|管委会|指挥部|专班|局|厅|委|办|部|署|中心|支行|分行"
    r"|公司|集团|院|校|社|会|站|所|队|台|处|馆|联)"
)


@dataclass(frozen=True, slots=True)
class Body:
    """One real body of the registry (or derived from it: county counterparts, townships)."""

    id: str
    name: str
    short: tuple[str, ...]
    aliases: tuple[str, ...]
    level: str
    parent: str | None
    kind: str
    valid_from: int | None
    valid_to: int | None
    predecessors: tuple[str, ...]
    status: str  # seen | expected | known | derived
    county: str
    en: str | None
    note: str

    def valid_in(self, year: int) -> bool:
        return (self.valid_from is None or year >= self.valid_from) and (self.valid_to is None or year <= self.valid_to)


@dataclass(frozen=True, slots=True)
class ResolveContext:
    """What the citing document tells: its year, its county (bare forms are then county bodies), learned aliases."""

    year: int | None = None
    county: str | None = None  # a slug of COUNTIES
    learned: Mapping[str, str] = field(default_factory=dict)  # short form → full name


@dataclass(frozen=True, slots=True)
class Resolution:
    """A mention as written and the body it names, with the evidence used (``id`` None: not a registry body)."""

    mention: str
    id: str | None
    name: str | None
    level: str | None
    evidence: Evidence
    kind: str | None = None
    post: str | None = None  # the office in ``市政府常务副市长``
    note: str | None = None
    successors: tuple[str, ...] = ()

    @property
    def resolved(self) -> bool:
        return self.id is not None

    @property
    def key(self) -> str:
        """A stable key: the registry id, else the normalised mention (a new entity)."""
        return self.id or f"unresolved:{normalise(self.mention)}"

    @property
    def label_en(self) -> str | None:
        if self.level == "town" and self.name:
            return town_english(self.name)
        return english_label(self.id) if self.id else None


@dataclass(frozen=True, slots=True)
class Mention:
    """One agency of a list as written (``text == source[start:end]``) and its expanded form."""

    text: str
    start: int
    end: int
    expanded: str
    rule: Rule = "as written"
    generic: bool = False
    alias_of: str | None = None  # for a bracket alias: the expanded form of the agency it follows
    marker: str | None = None  # 牵头 / 配合 / 负责 printed after the agency


@dataclass(frozen=True, slots=True)
class LearnedAlias:
    """A short form the text defines or uses beside a full name that signs it, with the evidence sentence."""

    short: str
    full: str
    source: Literal["definition", "signature"]
    evidence: Span
    status: Literal["new", "known", "conflict"]  # the registry already agrees / names another body


def normalise(text: str) -> str:
    """A name for matching: half-width, ``and`` → 和, no whitespace, quotes or edge punctuation, brackets → ()."""
    text = _AND.sub("和", unicodedata.normalize("NFKC", text))
    text = _WS.sub("", text).translate(_QUOTES).translate(_BRACKETS)
    return _EDGE.sub("", text)


# ---------------------------------------------------------------- registry


def _years(text: str) -> int | None:
    return int(text) if text.strip() else None


def _split(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split("|") if p.strip())


@lru_cache(maxsize=1)
def registry() -> dict[str, Body]:
    """All bodies by id: the data file plus the derived county counterparts of city bodies."""
    text = resources.files("extractors").joinpath("data/agencies.tsv").read_text(encoding="utf-8")
    bodies: dict[str, Body] = {}
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    for line in lines[1:]:
        c = (line.split("\t") + [""] * 14)[:14]
        bodies[c[0]] = Body(c[0], c[1], _split(c[2]), _split(c[3]), c[4], c[5] or None, c[6], _years(c[7]),
                            _years(c[8]), _split(c[9]), c[10], c[11] or "-", c[12] or None, c[13])  # fmt: skip
    for body in [b for b in bodies.values() if b.county != "-" and b.id.startswith("qz.")]:
        for slug, (cname, _en, _prefixes) in COUNTIES.items():
            derived = _county_body(body, slug, cname)
            bodies.setdefault(derived.id, derived)
    for body in list(bodies.values()):  # a county counterpart whose parent has none hangs under the county government
        if body.status == "derived" and body.parent not in bodies:
            bodies[body.id] = replace(body, parent=body.id.split(".")[0] + ".gov")
    return bodies


def _county_body(body: Body, slug: str, cname: str) -> Body:
    if body.county == "=":
        template, stems = body.name.replace("衢州市", "{C}", 1), body.short
    else:
        forms = _split(body.county)
        template = forms[0] if "{C}" in forms[0] else "{C}" + forms[0]
        stems = forms[1:] if "{C}" in forms[0] else forms
    name = template.replace("{C}", cname)
    if template.startswith("{C}"):
        stems = (*stems, template[3:])
    literal = tuple(s.replace("{C}", cname) for s in stems if "{C}" in s)
    stems = tuple(s for s in stems if "{C}" not in s)
    parent = f"{slug}.{body.parent[3:]}" if body.parent and body.parent.startswith("qz.") else f"{slug}.gov"
    preds = tuple(f"{slug}.{p[3:]}" for p in body.predecessors if p.startswith("qz."))
    en = None
    if body.en and (body.county == "=" or "Quzhou Municipal" in body.en):  # Quzhou Municipal X → Kecheng District X
        en = re.sub(r"Quzhou(?: Municipal)?", COUNTIES[slug][1], body.en)
    return Body(f"{slug}.{body.id[3:]}", name, stems, literal, "county", parent, body.kind, body.valid_from,
                body.valid_to, preds, "derived", "-", en, f"county counterpart of {body.id}")  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Entry:
    id: str
    since: int | None = None  # a name a body holds only in some years (林业局@2019-)
    until: int | None = None
    prefix_only: bool = False


@dataclass(slots=True)
class _Index:
    full: dict[str, list[_Entry]] = field(default_factory=dict)
    alias: dict[str, list[_Entry]] = field(default_factory=dict)
    stems: dict[tuple[str, str], list[_Entry]] = field(default_factory=dict)  # (scope, stem) → entries


def _entry(body_id: str, raw: str) -> tuple[str, _Entry]:
    prefix_only = raw.startswith("^")
    stem, _, years = raw.lstrip("^").partition("@")
    since, _, until = years.partition("-")
    return normalise(stem), _Entry(body_id, _years(since), _years(until), prefix_only)


@lru_cache(maxsize=1)
def _index() -> _Index:
    index = _Index()
    for body in registry().values():
        index.full.setdefault(normalise(body.name), []).append(_Entry(body.id))
        for alias in body.aliases:
            key, entry = _entry(body.id, alias)
            index.alias.setdefault(key, []).append(entry)
        scope = body.id.split(".", 1)[0] if body.level == "county" else body.level
        scope = {"qz": "city", "zj": "province"}.get(scope, scope)
        if scope in ("city", "province") or scope in COUNTIES:
            for stem in body.short:
                key, entry = _entry(body.id, stem)
                index.stems.setdefault((scope, key), []).append(entry)
    return index


# ---------------------------------------------------------------- resolution


def resolve(mention: str | Mention, context: ResolveContext | None = None) -> Resolution:
    """The body a mention names, with the evidence used; ``id`` None when no single registry body fits."""
    ctx = context or ResolveContext()
    if isinstance(mention, Mention):
        return _resolve_mention(mention, ctx)
    n = normalise(mention)
    found = _lookup(n, ctx.year, ctx.county)
    if found.evidence in ("unresolved", "ambiguous", "truncated short form") and ctx.learned:
        learned = {normalise(k): v for k, v in ctx.learned.items()}
        if n in learned:
            target = _lookup(normalise(learned[n]), ctx.year, ctx.county)
            name = target.name or normalise(learned[n])
            found = Resolution(n, target.id, name, target.level, "learned alias", target.kind, note=f"= {name}")
    return _dated(Resolution(mention, *_fields(found)), ctx.year)


def _fields(r: Resolution) -> tuple:
    return r.id, r.name, r.level, r.evidence, r.kind, r.post, r.note, r.successors


def _dated(r: Resolution, year: int | None) -> Resolution:
    """Mark a name cited after its body was abolished: the body stays, its successors are named."""
    if r.id is None or year is None:
        return r
    body = registry().get(r.id)
    if body is not None and body.valid_to is not None and year > body.valid_to:
        succ = successors(r.id)
        note = f"historic body (abolished {body.valid_to}); successors: {', '.join(succ) or 'none recorded'}"
        return Resolution(r.mention, r.id, r.name, r.level, r.evidence, r.kind, r.post, note, succ)
    return r


def _resolve_mention(m: Mention, ctx: ResolveContext) -> Resolution:
    r = resolve(m.expanded, ctx)
    if m.rule == "bracket alias" and m.alias_of is not None:
        head = resolve(m.alias_of, ctx)
        if r.id is None or r.id == head.id:
            note = f"alias of {m.alias_of}"
            return Resolution(m.text, head.id, head.name, head.level, "bracket alias", head.kind, note=note)
        return Resolution(m.text, *_fields(r)[:6], f"printed in brackets after {m.alias_of}: another body (co-located)")
    if m.rule != "as written" and r.id is not None:
        note = f"{r.evidence}: {m.expanded}"
        return Resolution(m.text, r.id, r.name, r.level, "distributive expansion", r.kind, r.post, note, r.successors)
    return Resolution(m.text, *_fields(r))


def _hit(n: str, entries: list[_Entry], evidence: Evidence, year: int | None, mention: str) -> Resolution | None:
    """One body from the candidate entries, or an ``ambiguous`` resolution; None when there are none."""
    if not entries:
        return None
    bodies = registry()
    if year is not None:
        fits = [e for e in entries if bodies[e.id].valid_in(year) and (e.since or 0) <= year <= (e.until or 9999)]
        pick = fits or [e for e in entries if e.since is None] or entries
    else:
        pick = [e for e in entries if e.since is None] or entries
    ids = list(dict.fromkeys(e.id for e in pick))
    if len(ids) > 1 and year is not None:  # in a reform year prefer the new body
        latest = max(bodies[i].valid_from or 0 for i in ids)
        ids = [i for i in ids if (bodies[i].valid_from or 0) == latest]
    if len(ids) > 1:
        return Resolution(mention, None, None, None, "ambiguous", note="candidates: " + ", ".join(ids))
    body = bodies[ids[0]]
    return Resolution(mention, body.id, body.name, body.level, evidence, body.kind)


@lru_cache(maxsize=65536)
def _lookup(n: str, year: int | None, county: str | None) -> Resolution:
    if not n:
        return Resolution(n, None, None, None, "unresolved")
    if _GENERIC_COUNTIES.match(n) or (_GENERIC_MARK.search(n) and _GENERIC_END.search(n)) or n.endswith("运营商"):
        return Resolution(n, None, None, _generic_level(n), "generic", "generic")
    direct = _direct(n, year, county)
    if direct is not None:
        return direct
    for step in (_bracket, _organ, _post, _township, _truncated):
        found = step(n, year, county)
        if found is not None:
            return found
    kind = next((k for pattern, k in _KIND_GUESS if pattern.search(n)), None)
    return Resolution(n, None, None, None if kind == "enterprise" else _level_guess(n), "unresolved", kind)


def _level_guess(n: str) -> str | None:
    """The level a new entity's name implies (a guess for entities outside the registry)."""
    if any(n.startswith(p) for _c, _e, prefixes in COUNTIES.values() for p in prefixes):
        return "county"
    if n.startswith(("市", "衢州")):
        return "city"
    return "province" if n.startswith(("省", "浙江")) else None


def _direct(n: str, year: int | None, county: str | None) -> Resolution | None:
    """Full name, literal alias, place prefix + stem, bare stem (county of the context, city, province)."""
    index = _index()
    for table, evidence in ((index.full, "exact full name"), (index.alias, "alias")):
        found = _hit(n, table.get(n, []), evidence, year, n)
        if found is not None:
            return found
    for slug, (_name, _en, prefixes) in COUNTIES.items():
        for prefix in prefixes:
            if n.startswith(prefix) and len(n) > len(prefix):
                entries = index.stems.get((slug, n[len(prefix) :]), [])
                found = _hit(n, entries, "county prefix + bare department", year, n)
                if found is not None:
                    return found
    for scope, prefixes in _PREFIXES.items():
        for prefix in prefixes:
            if n.startswith(prefix) and len(n) > len(prefix):
                found = _hit(n, index.stems.get((scope, n[len(prefix) :]), []), _EVIDENCE_OF_SCOPE[scope], year, n)
                if found is not None:
                    return found
    for scope in ((county,) if county else ()) + ("city", "province"):
        entries = [e for e in index.stems.get((scope, n), []) if not e.prefix_only]
        found = _hit(n, entries, "bare short form", year, n)
        if found is not None:
            return found
    return None


def _generic_level(n: str) -> str | None:
    if n.startswith(("市", "全市")):
        return "city"
    return "county" if "县" in n else ("province" if n.startswith("省") else None)


def _bracket(n: str, year: int | None, county: str | None) -> Resolution | None:
    """``市发改委(铁办)``, ``市财政(地税)局``: the agency before the bracket; the bracket is noted."""
    m = re.fullmatch(r"(?P<head>[^()]+)\((?P<inner>[^()]+)\)(?P<tail>[^()]{0,3})", n)
    if not m:
        return None
    head = _direct(m["head"] + m["tail"], year, county)
    if head is None or head.id is None:
        return None
    inner = m["inner"] + m["tail"]
    other = _direct(inner, year, county) or _direct("市" + inner, year, county)
    note = f"bracket {m['inner']}: alias"
    if other is not None and other.id not in (None, head.id):
        note = f"bracket {m['inner']}: another body {other.id} (co-located)"
    return Resolution(n, head.id, head.name, head.level, head.evidence, head.kind, note=note)


def _organ(n: str, year: int | None, county: str | None) -> Resolution | None:
    m = _ORGAN.search(n)
    if not m or m.start() == 0:
        return None
    body = _direct(n[: m.start()], year, county)
    if body is None or body.id is None:
        return None
    return Resolution(n, body.id, body.name, body.level, "organ of a body", body.kind, note=f"organ: {m.group()}")


def _post(n: str, year: int | None, county: str | None) -> Resolution | None:
    """``市政府常务副市长`` names an office of the city government, not a body."""
    for post in _POSTS:
        if n.endswith(post):
            rest = n[: -len(post)]
            if not rest and post in _CITY_POSTS:
                rest = "市政府"
            body = _direct(rest, year, county) if rest else None
            if body is not None and body.id is not None:
                return Resolution(n, body.id, body.name, body.level, "post of a body", body.kind, post=post)
    return None


def _township(n: str, year: int | None, county: str | None) -> Resolution | None:
    for slug, (cname, _en, prefixes) in COUNTIES.items():
        for prefix in prefixes:
            m = _TOWN.match(n[len(prefix) :]) if n.startswith(prefix) else None
            if m:
                name = f"{cname}{m['name']}{m['type']}" + ("办事处" if m["type"] == "街道" else "人民政府")
                kind = "subdistrict office" if m["type"] == "街道" else "town government"
                return Resolution(n, f"{slug}.town.{_slug(m['name'])}", name, "town", "township", kind)
    return None


def _truncated(n: str, year: int | None, county: str | None) -> Resolution | None:
    """``市旅游``, ``市电子政务中``: a 市 short form cut short, when one body's stems start with it."""
    rest = n[1:] if n.startswith("市") else ""
    if len(rest) < 2:
        return None
    entries = [
        e
        for (scope, stem), es in _index().stems.items()
        if scope == "city" and stem.startswith(rest) and 0 < len(stem) - len(rest) <= 2
        for e in es
    ]
    return _hit(n, entries, "truncated short form", year, n)


def _slug(name: str) -> str:
    try:
        from pypinyin import lazy_pinyin
    except ImportError:  # pragma: no cover - pypinyin is a project dependency
        return "u" + "-".join(f"{ord(c):x}" for c in name)
    return "".join(lazy_pinyin(name))


# ---------------------------------------------------------------- lineage and labels


@lru_cache(maxsize=1)
def _successor_map() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for body in registry().values():
        for pred in body.predecessors:
            out.setdefault(pred, []).append(body.id)
    return {k: tuple(v) for k, v in out.items()}


def successors(body_id: str) -> tuple[str, ...]:
    """Bodies this one was merged or renamed into (from the predecessors column)."""
    return _successor_map().get(body_id, ())


def predecessors(body_id: str) -> tuple[str, ...]:
    body = registry().get(body_id)
    return body.predecessors if body else ()


@lru_cache(maxsize=1)
def glossary() -> tuple[dict[str, str], dict[str, str]]:
    """Place prefixes and body names → English (from the packaged glossary)."""
    text = resources.files("extractors").joinpath("data/agency_glossary_en.tsv").read_text(encoding="utf-8")
    places: dict[str, str] = {}
    bodies: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            kind, zh, en = line.split("\t")
            (places if kind == "place" else bodies)[normalise(zh)] = en.strip()
    return places, bodies


def compose_english(name: str) -> str | None:
    """``衢州市住房和城乡建设局`` → ``Quzhou Municipal Housing and Urban-Rural Development Bureau``; None if unknown."""
    places, bodies = glossary()
    n = normalise(name)
    for place in sorted(places, key=len, reverse=True):
        if n.startswith(place) and n[len(place) :] in bodies:
            template = bodies[n[len(place) :]]
            return template.replace("{P}", places[place]) if "{P}" in template else f"{places[place]} {template}"
    return None


def town_english(name: str) -> str | None:
    """``柯城区石梁镇人民政府`` → ``Shiliang Town People's Government, Kecheng District``."""
    for cname, en, _prefixes in COUNTIES.values():
        m = _TOWN.match(name[len(cname) :]) if name.startswith(cname) else None
        if m:
            kind = _TOWN_EN.get(m["type"], "Subdistrict Office")
            return f"{_slug(m['name']).capitalize()} {kind}, {en.replace(' Municipal', '')}"
    return None


def english_label(body_id: str) -> str | None:
    body = registry().get(body_id)
    if body is None:
        return None
    if body.en:
        return body.en
    if body.level == "town":
        return None
    return compose_english(body.name)


# ---------------------------------------------------------------- lists


_LABEL = re.compile(
    r"(?:整改责任单位|牵头单位|牵头部门|责任单位|责任部门|配合单位|配合部门|协办单位|督办单位|责任主体|成员单位(?:包括|为)?)\s*[:：]?"
)
_ROLE = re.compile(r"(?:牵头|配合|负责|参与|协助)+$")
_HARD, _SOFT = "hard", "soft"


def expand_list(text: str, context: ResolveContext | None = None) -> list[Mention]:
    """The agencies of a list as written, each with its expanded form (docs §4.4)."""
    ctx = context or ResolveContext()
    items = list(_items(text, ctx))
    _distribute_suffix(items, ctx)
    out: list[Mention] = []
    prefixes: tuple[str, ...] = ()
    for sep, mention in items:
        if sep == _HARD:
            prefixes = ()
        n = normalise(mention.expanded)
        if mention.rule == "as written" and not mention.generic and prefixes and _bare(n, ctx):
            for prefix in prefixes:
                if _good(prefix + n, ctx):
                    rule: Rule = "distributive 市" if prefix.startswith("市") else "distributive prefix"
                    mention = replace(mention, expanded=prefix + n, rule=rule)
                    break
        prefixes = _prefixes_of(normalise(mention.expanded)) or prefixes
        out.extend(_with_bracket(text, mention, ctx))
    return out


def _good(n: str, ctx: ResolveContext) -> bool:
    r = _lookup(normalise(n), ctx.year, ctx.county)
    return r.id is not None or r.evidence == "generic"


def _bare(n: str, ctx: ResolveContext) -> bool:
    r = _lookup(n, ctx.year, ctx.county)
    return r.evidence in ("bare short form", "unresolved", "truncated short form") and not n.startswith(("市", "省"))


def _prefixes_of(n: str) -> tuple[str, ...]:
    for slug in COUNTIES:
        if n in COUNTIES[slug][2]:
            return ()
        for prefix in COUNTIES[slug][2]:
            if n.startswith(prefix) and len(n) > len(prefix) and not n.startswith(prefix + "市"):
                return (prefix,)
    if n.startswith(("市", "衢州市")) and not n.startswith(("市场", "市级", "市区")):
        return tuple(p for p in ("市政府", "市委", "市") if n.startswith(p) or n.startswith("衢州" + p))
    return ("省",) if n.startswith(("省", "浙江省")) else ()


def _items(text: str, ctx: ResolveContext) -> Iterator[tuple[str, Mention]]:
    """Split on separators outside brackets; whitespace splits only where both sides read as agencies."""
    protected = _protected_brackets(text)
    labels = {i for m in _LABEL.finditer(text) for i in range(m.start(), m.end())}
    depth, start, sep = 0, 0, _HARD
    for i, ch in enumerate(text + "、"):
        if i < len(text) and (i in labels or (ch in _OPEN + _CLOSE and i not in protected)):
            cut = True
        elif ch in _OPEN:
            depth, cut = depth + 1, False
        elif ch in _CLOSE:
            depth, cut = max(0, depth - 1), False
        else:
            cut = i == len(text) or ch in "|\t" or (depth == 0 and ch in "、,，;；。")
        if cut:
            for k, mention in enumerate(_pieces(text, start, i, ctx)):
                yield (sep if k == 0 else _SOFT), mention
            if i < len(text):
                hard = i in labels or ch in ";；。|\t" or ch in _OPEN + _CLOSE
                sep = _HARD if hard else ("," if ch in ",，" else "、")
            start = i + 1


def _protected_brackets(text: str) -> set[int]:
    """Offsets of brackets that belong to a name (not the parentheses around a whole labelled list)."""
    protected: set[int] = set()
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch in _OPEN:
            stack.append(i)
        elif ch in _CLOSE and stack:
            j = stack.pop()
            inner = text[j + 1 : i]
            if not _LABEL.search(inner) and ":" not in inner and "：" not in inner and len(inner) <= 20:
                protected.update((i, j))
    return protected


def _pieces(text: str, a: int, b: int, ctx: ResolveContext) -> Iterator[Mention]:
    parts = [(m.start() + a, m.end() + a) for m in re.finditer(r"\S+", text[a:b]) if m.group() != "and"]
    merged: list[tuple[int, int]] = []
    for s, e in parts:
        if merged:
            ps, pe = merged[-1]
            left, right, both = text[ps:pe], text[s:e], text[ps:pe] + text[s:e]
            good_left, good_right = _good(left, ctx), _good(right, ctx)
            if (not good_left or not good_right) and (_good(both, ctx) or not (good_left or good_right)):
                merged[-1] = (ps, e)
                continue
        merged.append((s, e))
    for s, e in merged:
        mention = _mention(text, s, e)
        if mention is not None:
            yield mention


def _mention(text: str, s: int, e: int) -> Mention | None:
    while s < e and text[s] in " \t\n-—●·•*":
        s += 1
    while e > s and text[e - 1] in " \t\n。.,，、;；:：*":
        e -= 1
    stop = text.find("等", s, e)
    if stop == s:
        return None  # 等单位, 等及相关成员单位: a tail, not an agency
    if stop > s:
        e = stop
    marker = None
    m = _ROLE.search(text[s:e])
    if m and m.start() > 0:
        marker, e = m.group(), s + m.start()
    n = normalise(text[s:e])
    if not n:
        return None
    generic = _lookup(n, None, None).evidence == "generic"
    return Mention(text[s:e], s, e, n, "as written", generic, None, marker)


def _with_bracket(text: str, m: Mention, ctx: ResolveContext) -> list[Mention]:
    """``市发改委(铁办)``: the agency (expanded without the bracket) and the alias as a mention of its own."""
    if m.generic:
        return [m]
    raw = m.text
    opened = next((i for i, ch in enumerate(raw) if ch in _OPEN), -1)
    closed = max(raw.rfind(c) for c in _CLOSE)
    if opened <= 0 or closed < opened or len(raw) - closed - 1 > 3:
        return [m]
    tail = normalise(raw[closed + 1 :])
    head = normalise(raw[:opened]) + tail
    if m.rule != "as written":  # the distributive prefix applies to the head
        head = normalise(m.expanded.split("(")[0]) + tail
    whole = _lookup(normalise(raw), None, None)
    if not _good(head, ctx) or whole.evidence in ("exact full name", "alias"):
        return [m]
    inner = normalise(raw[opened + 1 : closed]) + tail
    prefixes = _prefixes_of(head)
    if _bare(inner, ctx):
        inner = next((p + inner for p in prefixes if _good(p + inner, ctx)), prefixes[0] + inner if prefixes else inner)
    start = m.start + opened + 1
    alias = Mention(raw[opened + 1 : closed], start, m.start + closed, inner, "bracket alias", False, head)
    return [replace(m, expanded=head), alias]


def _distribute_suffix(items: list[tuple[str, Mention]], ctx: ResolveContext) -> None:
    """``龙游县、江山市、常山县、开化县政府``, ``柯城、衢江住建局``: bare counties take the suffix of the last one."""
    bare = {p: slug for slug, (_n, _e, prefixes) in COUNTIES.items() for p in prefixes if not p.startswith("衢州市")}
    run: list[int] = []
    for k, (sep, mention) in enumerate(items):
        if sep not in ("、", _SOFT) or mention.generic:
            run = []
        n = normalise(mention.text)
        if n in bare:
            run.append(k)
            continue
        prefix = next((p for p in sorted(bare, key=len, reverse=True) if n.startswith(p) and len(n) > len(p)), None)
        if prefix and run:
            suffix = n[len(prefix) :]
            for j in run:
                s, m = items[j]
                expanded = normalise(m.text) + suffix
                if _good(expanded, ctx):
                    items[j] = (s, replace(m, expanded=expanded, rule="distributive suffix"))
        run = []


# ---------------------------------------------------------------- alias learning


_DEFINITION = re.compile(
    r"[(（]\s*以下(?:简称|统称)\s*[“\"‘]?(?P<short>[^()（）“”\"‘’,，、;；。]{2,16})[”\"’]?\s*[)）]"
)
_START = re.compile(r"衢州|浙江|国网|国家|国务院|中共|中国|全国|共青团|省|市|县|区|" + "|".join(s for s in COUNTIES))
_FULL_BODY = re.compile(
    rf"^(?:衢州|浙江|中国|国网|中共|国家|共青团|江山|龙游|常山|开化|柯城|衢江)[^\s,，。;；:：、()（）《》]{{1,36}}{_BODY_END}$"
)
_SHORT_USE = re.compile(r"市[\u4e00-\u9fff]{1,10}?(?:局|委|办|中心|支队)")
_SENTENCE_END = "。;；\n"


def learn_aliases(text: str) -> list[LearnedAlias]:
    """Short forms a text defines (``全名(以下简称X)``) or uses beside the full name that signs it."""
    found: list[LearnedAlias] = []
    for m in _DEFINITION.finditer(text):
        full = _defined_name(text, m.start())
        short = normalise(m["short"])
        if full and not short.startswith("《") and short != full:
            found.append(LearnedAlias(short, full, "definition", _sentence(text, m.start()), _status(short, full)))
    signers = _signers(text)
    seen: set[str] = {a.short for a in found}
    for m in _SHORT_USE.finditer(text):
        short = m.group()
        if short in seen:
            continue
        seen.add(short)
        fits = [f for f in signers if f != short and _abbreviates(short, f)]
        if len(fits) == 1:
            found.append(LearnedAlias(short, fits[0], "signature", _sentence(text, m.start()), _status(short, fits[0])))
    return found


def _defined_name(text: str, at: int) -> str | None:
    """The body name that ends right before a ``(以下简称…)`` bracket: from the first place word on."""
    start = at
    while start > 0 and at - start < 40 and text[start - 1] not in "。,，;；:：、()（）《》“”\n\t ":
        start -= 1
    window = text[start:at]
    for m in _START.finditer(window):
        name = normalise(window[m.start() :])
        if re.search(rf"{_BODY_END}$", name) and len(name) >= 4 and not name.endswith(("办法", "部门", "平台")):
            return name
    return None


def _signers(text: str) -> list[str]:
    names: list[str] = []
    for line in text.split("\n"):
        cells = [c for c in re.split(r"[|\s]+", line.strip()) if c]
        if cells and all(_FULL_BODY.match(c) and "关于" not in c for c in cells):
            names.extend(c for c in cells if c not in names)
    return names


def _abbreviates(short: str, full: str) -> bool:
    """``市人社局`` abbreviates ``衢州市人力资源和社会保障局``: same end, characters in order."""
    stem = re.sub(r"^(?:浙江省)?衢州市", "", full)
    rest = short[1:]
    if stem == full or rest[-1] != stem[-1] or len(rest) >= len(stem):
        return False
    chars = iter(stem)
    return all(c in chars for c in rest)


def _sentence(text: str, at: int) -> Span:
    a = max(text.rfind(c, 0, at) for c in _SENTENCE_END) + 1
    b = min((i for i in (text.find(c, at) for c in _SENTENCE_END) if i >= 0), default=len(text))
    return Span.of(text, a, min(b + 1, len(text)))


def _status(short: str, full: str) -> Literal["new", "known", "conflict"]:
    s, f = _lookup(normalise(short), None, None), _lookup(normalise(full), None, None)
    if s.id is None:
        return "new"
    return "known" if s.id == f.id else "conflict"
