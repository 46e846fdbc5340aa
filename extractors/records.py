"""Frozen records that extractors return and the graph builder consumes.

Every record that comes from the text carries a ``Span`` into the *raw* text of the issue
(``raw[start:end] == text``), so that each fact can be traced back to the characters that say it.
Values keep both their normalised form and the string as printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

DatePrecision = Literal["day", "month", "year"]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the raw issue text: ``raw[start:end] == text``."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, raw: str, start: int, end: int) -> Span:
        return cls(start, end, raw[start:end])


@dataclass(frozen=True, slots=True)
class DocNumber:
    """A document number (文号) as printed and in canonical form (``衢政发〔2018〕11号``)."""

    printed: str
    canonical: str
    prefix: str
    year: int | None
    seq: int


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date with its precision: ``2018年5月`` is a month, not the 1st of May."""

    iso: str  # YYYY-MM-DD, YYYY-MM or YYYY according to precision
    precision: DatePrecision
    printed: str


@dataclass(frozen=True, slots=True)
class IssueMeta:
    """Masthead of one gazette issue."""

    title: str | None  # 衢州政报 (simplified)
    year: int | None
    months: tuple[int, ...]
    numbers: tuple[str, ...]  # 期 numbers as printed (``3``, ``4`` or ``十``)
    totals: tuple[int, ...]  # 总第N期
    span: Span | None


@dataclass(frozen=True, slots=True)
class TocEntry:
    """One table-of-contents line: the TOC is used for sections and cross-checks only."""

    section: str | None
    title: str
    number: DocNumber | None
    page: int | None
    span: Span


@dataclass(frozen=True, slots=True)
class Attachment:
    """An attachment (附件) printed with its parent document."""

    label: str  # 附件 / 附件1 / 附件2 ...
    title: str | None
    span: Span


@dataclass(frozen=True, slots=True)
class Document:
    """One official document of an issue, with the metadata the body prints."""

    number: DocNumber
    number_span: Span
    title: str
    title_span: Span
    issuers: tuple[str, ...]
    issuer_spans: tuple[Span, ...]
    issuers_from: Literal["signature", "title", "prefix", "none"]
    date: DateValue | None
    date_span: Span | None
    section: str | None
    section_from: Literal["toc", "prefix"]
    addressees: str | None
    addressee_span: Span | None
    public_note: str | None
    signer: str | None  # a person signing (代市长 汤飞帆) rather than a body
    doc_type: str | None  # 通知, 意见, 批复 ... from the end of the title
    attachments: tuple[Attachment, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class Finding:
    """Something the extractor noticed and could not settle: reported, never silently dropped."""

    code: str  # e.g. toc-missing-in-body, body-missing-in-toc, no-signature
    message: str
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class SegmentedIssue:
    """An issue split into masthead, table of contents and documents."""

    meta: IssueMeta
    toc: tuple[TocEntry, ...]
    documents: tuple[Document, ...]
    findings: tuple[Finding, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class PersonnelChange:
    """One (person, post) appointment or removal in a personnel notice (任免).

    ``post`` is the whole post as written (organisation + title, whitespace removed, without
    同志/职务/职级); ``organization`` + ``title`` are its split. A grade (职级, post_type ``grade``)
    is a rank, not a post: a bare grade inherits the organisation of the post beside it.
    """

    action: Literal["appoint", "remove"]
    person: str
    person_span: Span
    post: str
    organization: str | None
    title: str
    post_type: Literal["position", "grade"]
    qualifier: str | None  # text in parentheses after the post: 正科长级, 试用期一年, 挂职期满
    concurrent: bool  # 兼任 / 兼任的
    decided_by: str | None  # the deciding body named in the formula: 市政府, 市政府党组 …
    decision: str | None  # the formula as printed: 市政府研究决定 / …代表大会选举结果
    post_span: Span
    evidence: Span  # the clause that states the change
    layout: Literal["prose", "table"]
    title_known: bool  # False when the title is not in the vocabulary (reported, not guessed)


@dataclass(frozen=True, slots=True)
class Citation:
    """A document cited inside another by title in 《》, by number, or both.

    ``relation`` types the link from the sentence around it: ``cites`` (plain mention),
    ``based_on`` (根据, 依据, 按照, 贯彻), ``amends`` (修改, 调整), ``repeals`` (废止, 停止执行, 作废).
    """

    title: str | None  # without 《》, whitespace removed; nested 〈〉 kept
    number: str | None  # canonical (衢政发〔2017〕46号), or a standard's code (GB/T29490-2013)
    relation: Literal["cites", "based_on", "amends", "repeals"]
    title_span: Span | None
    number_span: Span | None
    evidence: Span  # the sentence
    status: str | None = None  # declared by a clean-up list: in_force | to_amend | repealed | invalid


@dataclass(frozen=True, slots=True)
class PolicyDate:
    """When a policy applies: takes effect, applies from (possibly retroactively), or expires.

    ``date`` is ``None`` when the text ties it to an event (``自发布之日起`` → ``relative_to``
    ``publication``) or to a span of years (``有效期2年`` → ``years``).
    """

    kind: Literal["effective", "applies_from", "expires"]
    date: DateValue | None
    relative_to: Literal["publication"] | None
    years: int | None
    span: Span
