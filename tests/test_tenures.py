"""The joins behind the derived graph (kg.tenures), on hand-made changes: the edge cases."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kg.tenures import Change, rename_candidates, successions, tenures

EDU = "org:edu"


def change(
    iri: str,
    action: str,
    person: str,
    date: str | None,
    *,
    title: str = "副局长",
    organization: str | None = EDU,
    document: str | None = None,
    position: int = 1,
    grade: bool = False,
) -> Change:
    label = ("衢州市教育局" if organization == EDU else organization or "") + title
    post = None if grade else f"post:{organization}|{title}" + ("" if organization else f"|{document}")
    return Change(
        iri=iri,
        action=action,
        person=person,
        name=person,
        post=post,
        grade=f"grade:{title}" if grade else None,
        organization=organization,
        org_name=organization,
        title=title,
        label=label,
        date=date,
        document=document or f"doc:{date}",
        number=document or f"衢政干〔{date}〕",
        sequence=1,
        position=position,
        concurrent=False,
    )


def test_reappointment_continues_the_open_tenure() -> None:
    first = change("c1", "appoint", "朱云福", "2018-05-24")
    again = change("c2", "appoint", "朱云福", "2019-05-24")
    removal = change("c3", "remove", "朱云福", "2020-01-01")
    (held,) = tenures([again, removal, first])
    assert (held.start, held.end, held.confirmed_by) == (first, removal, [again])


def test_appointment_after_a_removal_opens_a_new_tenure_and_replaces_nobody() -> None:
    changes = [
        change("c1", "remove", "朱云福", "2018-05-24"),
        change("c2", "appoint", "朱云福", "2019-01-01"),
    ]
    held = tenures(changes)
    assert [(t.start is None, t.end is None) for t in held] == [(True, False), (False, True)]
    assert successions(changes, held) == []  # the same person back in the post is no succession


def test_removal_before_any_appointment_has_an_unknown_start() -> None:
    (held,) = tenures([change("c1", "remove", "陈根成", "2018-05-24")])
    assert held.start is None and held.end is not None


def test_undated_changes_pair_only_within_their_notice() -> None:
    changes = [
        change("r", "remove", "陈根成", None, document="doc:a"),
        change("a", "appoint", "季根寿", "2018-06-01", document="doc:b"),
    ]
    assert successions(changes, tenures(changes)) == []
    same = [
        change("r", "remove", "陈根成", None, document="doc:a", position=1),
        change("a", "appoint", "季根寿", None, document="doc:a", position=2),
    ]
    (found,) = successions(same, tenures(same))
    assert found.same_notice and found.removal.person == "陈根成"


def test_next_appointment_by_date_and_each_used_once() -> None:
    changes = [
        change("r1", "remove", "甲", "2018-01-01", document="d1"),
        change("r2", "remove", "乙", "2018-02-01", document="d2"),
        change("a1", "appoint", "丙", "2017-12-01", document="d0"),  # before both removals
        change("a2", "appoint", "丁", "2018-03-01", document="d3"),
    ]
    found = successions(changes, tenures(changes))
    assert [(s.removal.person, s.appointment.person) for s in found] == [("甲", "丁")]


def test_grades_have_tenures_but_no_successions() -> None:
    changes = [
        change("r", "remove", "甲", "2018-01-01", title="一级调研员", grade=True),
        change("a", "appoint", "乙", "2018-01-01", title="一级调研员", grade=True),
    ]
    assert len(tenures(changes)) == 2
    assert successions(changes, tenures(changes)) == []


def test_posts_without_an_organisation_match_only_within_their_notice() -> None:
    changes = [
        change("a", "appoint", "甲", "2018-01-01", organization=None, document="d1"),
        change("r", "remove", "甲", "2018-06-01", organization=None, document="d2"),
    ]
    assert [(t.start is not None, t.end is not None) for t in tenures(changes)] == [(True, False), (False, True)]


def test_rename_candidate_confidence_grows_with_the_people_who_moved() -> None:
    def notice(moved: int, stayed: int) -> list[Change]:
        out = []
        for k in range(moved):
            out.append(change(f"r{k}", "remove", f"p{k}", "2019-03-10", title=f"t{k}", document="d"))
            out.append(
                change(f"a{k}", "appoint", f"p{k}", "2019-03-10", title=f"t{k}", organization="org:new", document="d")
            )
        for k in range(stayed):
            out.append(change(f"s{k}", "remove", f"q{k}", "2019-03-10", document="d"))
        return out

    (one,) = rename_candidates(notice(1, 0))
    (three,) = rename_candidates(notice(3, 0))
    (diluted,) = rename_candidates(notice(3, 3))
    assert one.confidence == 0.5  # a single transfer looks the same as a rename
    assert three.confidence == 0.75 and diluted.confidence == 0.375
    assert (three.old, three.new) == (EDU, "org:new")
    assert (
        rename_candidates([change("r", "remove", "p", "2019-01-01"), change("a", "appoint", "p", "2019-01-01")]) == []
    )


@given(
    st.lists(
        st.tuples(st.sampled_from(["appoint", "remove"]), st.sampled_from("甲乙丙"), st.integers(1, 9)), max_size=12
    )
)
def test_every_change_is_in_exactly_one_tenure_and_order_does_not_matter(events: list[tuple[str, str, int]]) -> None:
    changes = [change(f"c{k}", a, p, f"2018-0{d}-01", position=k) for k, (a, p, d) in enumerate(events)]
    held = tenures(changes)
    assert sorted(c.iri for t in held for c in t.changes) == sorted(c.iri for c in changes)
    assert [t.key for t in tenures(list(reversed(changes)))] == [t.key for t in held]
    found = successions(changes, held)
    assert len({s.appointment.iri for s in found}) == len(found) == len({s.removal.iri for s in found})
