"""Stable IRIs: the same input always mints the same identifiers.

IRIs are ASCII slugs (pinyin of the Chinese key) followed by a short hash of the exact key, so
they are readable, never collide for two keys with the same pinyin, and never depend on the
order or the time of a build (house style: ids are hashes of explicitly listed parts).
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from pypinyin import lazy_pinyin

from ontology.terms import GRAPH_BASE, ID_BASE

_NON_SLUG = re.compile(r"[^a-z0-9]+")
_MAX_SLUG = 48


def digest(*parts: object, length: int = 10) -> str:
    """Short hex digest of explicitly listed parts (``None`` stands as an 'unknown' placeholder)."""
    key = "\x1f".join("\x00unknown" if p is None else str(p) for p in parts)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:length]


@lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """ASCII slug of a Chinese string plus a hash of the exact string."""
    ascii_text = "".join(lazy_pinyin(text))
    base = _NON_SLUG.sub("-", ascii_text.lower()).strip("-")[:_MAX_SLUG].rstrip("-")
    return f"{base}-{digest(text, length=8)}" if base else digest(text, length=12)


def issue_key(title: str | None, year: int | None, totals: tuple[int, ...], content_hash: str) -> str:
    """Key of an issue: periodical + year + 总第N期 when the masthead gives them, else the file hash."""
    if title and totals:
        return slug(f"{title}-{year}-{'-'.join(map(str, totals))}")
    return "file-" + content_hash.removeprefix("sha256:")[:16]


def issue_iri(key: str) -> str:
    return f"{ID_BASE}issue/{key}"


def text_context_iri(issue: str) -> str:
    """The decoded text of an issue (a nif:Context), which evidence offsets count in."""
    return f"{issue}/text"


def periodical_iri(title: str) -> str:
    return f"{ID_BASE}periodical/{slug(title)}"


def document_iri(canonical_number: str) -> str:
    """Documents are identified by their canonical number, across issues (citations link to it)."""
    return f"{ID_BASE}doc/{slug(canonical_number)}"


def organization_iri(name: str) -> str:
    return f"{ID_BASE}org/{slug(name)}"


def person_iri(name: str) -> str:
    """A person is identified by the name alone: the gazettes print nothing else about a person
    (no birth date, no ID), so two people of the same name merge into one node. A known limit,
    accepted rather than guessed around; the personnel changes keep their own documents."""
    return f"{ID_BASE}person/{slug(name)}"


def post_iri(organization: str | None, title: str, post: str, document: str | None = None) -> str:
    """A post is identified by (organisation, title). A title printed without any organisation
    means nothing outside its notice, so such a post is scoped to the ``document`` that prints it.
    The post string takes part only if it is not organisation + title (it always is, when the
    extractor splits it), so that one post never gets two labels."""
    joined = f"{organization or ''}{title}"
    scope = document if organization is None else None
    extra = None if post == joined else post
    return f"{ID_BASE}post/{slug(post)}-{digest(organization, title, scope, extra, length=6)}"


def instant_iri(iso: str) -> str:
    """A time:Instant per (possibly partial) date: 2018-05-24, 2018-05 or 2018."""
    return f"{ID_BASE}instant/{iso}"


def concept_iri(scheme: str, label: str) -> str:
    return f"{ID_BASE}{scheme}/{slug(label)}"


def source_iri(content_hash: str) -> str:
    return f"{ID_BASE}source/{content_hash.removeprefix('sha256:')[:32]}"


def extractor_iri(name: str) -> str:
    return f"{ID_BASE}extractor/{name}"


def node_iri(kind: str, *parts: object) -> str:
    """IRI of a fact or helper node (evidence, issuance, TOC entry …) from its defining parts."""
    return f"{ID_BASE}{kind}/{digest(*parts, length=16)}"


def issue_graph(key: str) -> str:
    return f"{GRAPH_BASE}{key}"


def document_graph(key: str, canonical_number: str) -> str:
    return f"{GRAPH_BASE}{key}/{slug(canonical_number)}"


MANIFEST_GRAPH = f"{GRAPH_BASE}manifest"
DERIVED_GRAPH = f"{GRAPH_BASE}derived"
ONTOLOGY_GRAPH = f"{GRAPH_BASE}ontology"
ENTITIES_GRAPH = f"{GRAPH_BASE}entities"
