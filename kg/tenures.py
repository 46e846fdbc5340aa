"""Join personnel changes into tenures, successions and rename candidates (pure: no store, no RDF).

``kg.derive`` reads the ``gk:PersonnelChange`` nodes from the store into ``Change`` records, calls
the functions here and writes what they return into the derived graph. Everything is sorted, and
every identifier is made from content, so the same changes always give the same derived facts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Change:
    """One personnel change as the store holds it (IRIs, and the labels needed for messages)."""

    iri: str
    action: str  # "appoint" | "remove"
    person: str
    name: str
    post: str | None  # org:Post IRI (positions)
    grade: str | None  # grade concept IRI (grades)
    organization: str | None  # org:postIn of the post, or gk:gradeIn of the grade
    org_name: str | None
    title: str
    label: str  # the whole post as written
    date: str | None  # ISO lexical form: 2018-05-24, or 2018-05 / 2018 for a partial date
    document: str
    number: str
    sequence: int
    position: int
    concurrent: bool
    evidence: tuple[str, ...] = ()

    def order(self) -> tuple[bool, str, int, str, int]:
        """Time order: by date (undated last), then notice number and place in the notice."""
        return (self.date is None, self.date or "", self.sequence, self.number, self.position)


@dataclass(slots=True)
class Tenure:
    """A person in a post or grade: started by an appointment and/or ended by a removal."""

    person: str
    slot: str
    start: Change | None = None
    end: Change | None = None
    confirmed_by: list[Change] = field(default_factory=list)  # re-appointments while it was open

    @property
    def changes(self) -> list[Change]:
        return [c for c in (self.start, *self.confirmed_by, self.end) if c is not None]

    @property
    def some(self) -> Change:
        """A change that describes the post (the appointment, else the removal)."""
        return self.start or self.end  # type: ignore[return-value]

    @property
    def concurrent(self) -> bool:
        return any(c.concurrent for c in self.changes)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.person, self.slot, self.some.iri)


@dataclass(frozen=True, slots=True)
class Succession:
    """``removal`` took the post from its holder and ``appointment`` gave it to the next one."""

    removal: Change
    appointment: Change
    same_notice: bool


@dataclass(frozen=True, slots=True)
class RenameCandidate:
    """One notice moved ``people`` from titles in ``old`` to the same titles in ``new``."""

    old: str
    new: str
    old_name: str
    new_name: str
    document: str
    number: str
    moves: tuple[tuple[str, str], ...]  # (person name, title), sorted
    removed_from_old: int
    changes: tuple[Change, ...]

    @property
    def confidence(self) -> float:
        """Share of the people removed from ``old`` who moved to ``new``, damped by n/(n+1).

        One person moving with the same title is also what an ordinary transfer looks like, so a
        single mover never scores above 0.5; more people moving together make a rename likelier.
        """
        movers = len({name for name, _ in self.moves})
        return round(movers / self.removed_from_old * movers / (movers + 1), 3)


class _Slots:
    """Which changes are about the same post: equal post IRIs (organisation + title) or equal post
    strings. Grades are the same slot when grade and agency are equal. Posts printed without an
    organisation are scoped to their notice by their IRI, and not merged by string."""

    def __init__(self, changes: list[Change]) -> None:
        self.parent: dict[str, str] = {}
        for change in changes:
            if change.post is not None and change.organization is not None:
                self._union(change.post, "label:" + change.label)

    def _find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def of(self, change: Change) -> str:
        if change.post is not None:
            return self._find(change.post)
        return f"grade:{change.grade}|{change.organization or change.document}"


def tenures(changes: list[Change]) -> list[Tenure]:
    """Walk each (person, slot) through time: an appointment opens a tenure, a removal closes it.

    A removal with no open tenure gives a tenure with no start (``start is None``); an
    appointment never followed by a removal stays open. An appointment while the person already
    holds the post (a confirmation after probation, a repeated notice) continues the open tenure.
    """
    slots = _Slots(changes)
    groups: dict[tuple[str, str], list[Change]] = defaultdict(list)
    for change in changes:
        groups[(change.person, slots.of(change))].append(change)
    out: list[Tenure] = []
    for (person, slot), group in sorted(groups.items()):
        current: Tenure | None = None
        for change in sorted(group, key=Change.order):
            if change.action == "appoint":
                if current is None:
                    current = Tenure(person, slot, start=change)
                else:
                    current.confirmed_by.append(change)
            elif current is not None:
                current.end = change
                out.append(current)
                current = None
            else:
                out.append(Tenure(person, slot, end=change))
        if current is not None:
            out.append(current)
    return sorted(out, key=lambda t: t.key)


def successions(changes: list[Change], held: list[Tenure]) -> list[Succession]:
    """Who replaced whom in a post (grades are ranks held by many: they have no successions).

    First, in each notice, removals from a post are paired in order with appointments of other
    people to it. Then each removal still unpaired is paired with the next appointment to the post
    (same or later date, another notice, another person) not yet paired. Only appointments that
    open a tenure count: a confirmation of the holder replaces nobody; undated changes pair only
    within their notice.
    """
    slots = _Slots(changes)
    openers = {t.start.iri for t in held if t.start is not None}
    by_slot: dict[str, list[Change]] = defaultdict(list)
    for change in changes:
        if change.post is not None:
            by_slot[slots.of(change)].append(change)
    out: list[Succession] = []
    for _slot, group in sorted(by_slot.items()):
        group.sort(key=Change.order)
        removals = [c for c in group if c.action == "remove"]
        appointments = [c for c in group if c.action == "appoint" and c.iri in openers]
        used: set[str] = set()
        pending: list[Change] = []
        for removal in removals:
            match = next(
                (
                    a
                    for a in appointments
                    if a.document == removal.document and a.person != removal.person and a.iri not in used
                ),
                None,
            )
            if match is None:
                pending.append(removal)
                continue
            used.add(match.iri)
            out.append(Succession(removal, match, same_notice=True))
        for removal in pending:
            if removal.date is None:
                continue
            match = next(
                (
                    a
                    for a in appointments
                    if a.iri not in used
                    and a.date is not None
                    and a.date >= removal.date
                    and a.document != removal.document
                    and a.person != removal.person
                ),
                None,
            )
            if match is not None:
                used.add(match.iri)
                out.append(Succession(removal, match, same_notice=False))
    return sorted(out, key=lambda s: (s.appointment.order(), s.removal.order()))


def rename_candidates(changes: list[Change]) -> list[RenameCandidate]:
    """Notices that remove people from titles in body A and appoint the same people to the same
    titles in body B (A ≠ B): evidence, not proof, that A was renamed B."""
    by_document: dict[str, list[Change]] = defaultdict(list)
    for change in changes:
        if change.organization is not None:
            by_document[change.document].append(change)
    out: list[RenameCandidate] = []
    for document, group in sorted(by_document.items()):
        removed = [c for c in group if c.action == "remove"]
        appointed = [c for c in group if c.action == "appoint"]
        moves: dict[tuple[str, str], list[tuple[Change, Change]]] = defaultdict(list)
        for r in removed:
            for a in appointed:
                if a.person == r.person and a.title == r.title and a.organization != r.organization:
                    moves[(r.organization, a.organization)].append((r, a))  # type: ignore[index]
        for (old, new), pairs in sorted(moves.items()):
            first_r, first_a = pairs[0]
            out.append(
                RenameCandidate(
                    old=old,
                    new=new,
                    old_name=first_r.org_name or old,
                    new_name=first_a.org_name or new,
                    document=document,
                    number=first_r.number,
                    moves=tuple(sorted({(r.name, r.title) for r, _ in pairs})),
                    removed_from_old=len({c.person for c in removed if c.organization == old}),
                    changes=tuple(sorted({c for pair in pairs for c in pair}, key=Change.order)),
                )
            )
    return out
