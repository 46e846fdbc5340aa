"""kg.quads formats N-Quads itself (the workers' hot path): every value must read back as written."""

from __future__ import annotations

import pyoxigraph as ox
from hypothesis import given
from hypothesis import strategies as st

from kg.quads import GraphWriter, Lit, date_literal, integer, text, typed

_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)


@given(_TEXT, st.sampled_from([None, "zh", "en", "zh-Latn-pinyin"]))
def test_any_text_reads_back_as_written(value: str, language: str | None) -> None:
    writer = GraphWriter("https://w3id.org/gazette-kg/graph/test")
    writer.add("https://w3id.org/gazette-kg/id/s", "https://w3id.org/gazette-kg/ontology#p", text(value, language))
    (quad,) = writer.quads
    assert quad.object == (ox.Literal(value, language=language) if language else ox.Literal(value))


@given(st.integers(min_value=0, max_value=10**12))
def test_numbers_and_dates_keep_their_datatypes(n: int) -> None:
    writer = GraphWriter("https://w3id.org/gazette-kg/graph/test")
    s, p = "https://w3id.org/gazette-kg/id/s", "https://w3id.org/gazette-kg/ontology#p"
    writer.add(s, p, integer(n))
    writer.add(s, p, typed(n, "nonNegativeInteger"))
    writer.add(s, p, date_literal("2018-05", "month"))
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert [q.object for q in writer.quads] == [
        ox.Literal(str(n), datatype=ox.NamedNode(xsd + "integer")),
        ox.Literal(str(n), datatype=ox.NamedNode(xsd + "nonNegativeInteger")),
        ox.Literal("2018-05", datatype=ox.NamedNode(xsd + "gYearMonth")),
    ]


def test_objects_may_be_iris_pyoxigraph_terms_or_literals_and_none_is_left_out() -> None:
    writer = GraphWriter("https://w3id.org/gazette-kg/graph/test")
    s, p = "https://w3id.org/gazette-kg/id/s", "https://w3id.org/gazette-kg/ontology#p"
    writer.add(s, p, "https://w3id.org/gazette-kg/id/o")
    writer.add(s, p, ox.NamedNode("https://w3id.org/gazette-kg/id/o2"))
    writer.add(s, p, ox.Literal("值", language="zh"))
    writer.add(s, p, None)
    writer.types(s, ["https://w3id.org/gazette-kg/ontology#C"])
    objects = [q.object for q in writer.quads]
    assert objects == [
        ox.NamedNode("https://w3id.org/gazette-kg/id/o"),
        ox.NamedNode("https://w3id.org/gazette-kg/id/o2"),
        ox.Literal("值", language="zh"),
        ox.NamedNode("https://w3id.org/gazette-kg/ontology#C"),
    ]
    assert isinstance(text("x"), Lit) and text("x").term() == ox.Literal("x")
