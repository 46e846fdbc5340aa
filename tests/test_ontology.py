"""Lint the vocabulary (ontology/gazette.ttl), its SHACL shapes and the generated closed namespaces."""

from __future__ import annotations

from functools import cache

import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, SH
from rdflib.namespace import RDFS as _RDFS
from rdflib.namespace import SKOS as _SKOS

import ontology
from ontology import generate, terms
from ontology.terms import BIBO, DCTERMS, ELI, FOAF, GK, GRAPH_BASE, ID_BASE, NIF, ORG, PROV, RDFS, SKOS

XSD = Namespace("http://www.w3.org/2001/XMLSchema#")  # plain: pytest probes module globals
TERM_TYPES = (OWL.Class, _RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)
PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty)
# Namespaces of the modelling languages themselves: their terms are not part of our vocabulary.
META = (str(SH), str(RDF), str(_RDFS) + "Resource", str(_RDFS) + "Literal", str(XSD), str(OWL))
SHAPES_NS = "https://w3id.org/gazette-kg/shapes#"

# The terms the graph builder of the foundation issue uses now: they must exist with exactly these names.
BUILDER_CLASSES = [
    "eli:LegalResource",
    "foaf:Document",
    "bibo:Issue",
    "bibo:Periodical",
    "org:Organization",
    "foaf:Person",
    "gk:Attachment",
    "gk:Issuance",
    "gk:TocEntry",
    "gk:SourceFile",
    "gk:Evidence",
    "nif:Context",
    "gk:Finding",
    "prov:SoftwareAgent",
    "skos:Concept",
    "skos:ConceptScheme",
    "gk:PersonnelChange",
    "org:Post",
    "org:Membership",
    "time:Interval",
    "time:Instant",
    "gk:Succession",
    "gk:RenameCandidate",
    "gk:Citation",
]
BUILDER_PROPERTIES = [
    "eli:id_local",
    "gk:printedNumber",
    "gk:numberPrefix",
    "gk:numberYear",
    "gk:numberSequence",
    "dcterms:title",
    "eli:passed_by",
    "gk:issuance",
    "gk:issuer",
    "gk:position",
    "eli:date_document",
    "gk:section",
    "gk:sectionSource",
    "eli:type_document",
    "gk:addressee",
    "gk:publicationNote",
    "gk:signer",
    "gk:issuersSource",
    "dcterms:isPartOf",
    "eli:has_part",
    "gk:label",
    "gk:tocEntry",
    "gk:tocTitle",
    "gk:tocPage",
    "gk:tocNumber",
    "gk:describes",
    "bibo:issue",
    "gk:totalIssueNumber",
    "gk:issueYear",
    "gk:issueMonth",
    "dcterms:issued",
    "gk:sourceFile",
    "gk:contentHash",
    "gk:path",
    "gk:encoding",
    "gk:graph",
    "gk:extractorVersion",
    "prov:wasDerivedFrom",
    "prov:wasAttributedTo",
    "nif:referenceContext",
    "nif:sourceUrl",
    "nif:beginIndex",
    "nif:endIndex",
    "nif:anchorOf",
    "gk:context",
    "gk:inDocument",
    "gk:code",
    "rdfs:comment",
    "skos:prefLabel",
    "skos:altLabel",
    "skos:inScheme",
    "rdfs:label",
    "foaf:name",
    "gk:charCount",
    "gk:field",
    "gk:fileName",
    # personnel changes (kg/personnel.py) and the derived graph (kg/derive.py)
    "gk:action",
    "gk:person",
    "gk:post",
    "gk:grade",
    "gk:agency",
    "gk:qualifier",
    "gk:qualifierType",
    "gk:concurrent",
    "gk:decidedBy",
    "gk:layout",
    "dcterms:date",
    "dcterms:source",
    "org:postIn",
    "gk:title",
    "org:member",
    "org:organization",
    "org:memberDuring",
    "org:holds",
    "time:hasBeginning",
    "time:hasEnd",
    "time:inXSDDate",
    "time:inXSDgYearMonth",
    "time:inXSDgYear",
    "gk:startedBy",
    "gk:endedBy",
    "gk:startUnknown",
    "gk:replaces",
    "gk:predecessor",
    "gk:successor",
    "gk:oldOrganization",
    "gk:newOrganization",
    "gk:confidence",
    "gk:reason",
    # citations and policy dates (kg/policies.py) and the derived document status (kg/validity.py)
    "eli:cites",
    "eli:based_on",
    "eli:amends",
    "eli:repeals",
    "eli:first_date_entry_in_force",
    "eli:date_no_longer_in_force",
    "gk:citingDocument",
    "gk:citedDocument",
    "gk:citedTitle",
    "gk:citedNumber",
    "gk:relation",
    "gk:prefixIssuer",
    "gk:appliesFrom",
    "gk:effectiveFrom",
    "gk:resolved",
]
BUILDER_INDIVIDUALS = ["gk:Sections", "gk:DocumentTypes", "gk:Roles", "gk:Grades", "gk:Appoint", "gk:Remove"]
RANGES = {
    "gk:numberYear": XSD.integer,
    "gk:numberSequence": XSD.integer,
    "gk:position": XSD.integer,
    "gk:tocPage": XSD.integer,
    "gk:totalIssueNumber": XSD.integer,
    "gk:issueYear": XSD.integer,
    "gk:issueMonth": XSD.integer,
    "gk:charCount": XSD.integer,
    "gk:concurrent": XSD.boolean,
    "gk:resolved": XSD.boolean,
    "gk:startUnknown": XSD.boolean,
    "gk:layout": XSD.string,
    "gk:citedNumber": XSD.string,
    "gk:effectiveFrom": XSD.string,
}


@cache
def onto() -> Graph:
    return generate.load(generate.ONTOLOGY)


@cache
def shapes() -> Graph:
    graph = Graph()
    graph.parse(ontology.shapes_path(), format="turtle")
    return graph


def iri(curie: str) -> URIRef:
    return onto().namespace_manager.expand_curie(curie)


def declared_terms() -> set[URIRef]:
    g = onto()
    return {s for t in TERM_TYPES for s in g.subjects(RDF.type, t) if isinstance(s, URIRef)}


def declared() -> set[URIRef]:
    """Every IRI gazette.ttl declares: classes, properties, concept schemes and concepts."""
    g = onto()
    individuals = {
        s for t in (_SKOS.Concept, _SKOS.ConceptScheme) for s in g.subjects(RDF.type, t) if isinstance(s, URIRef)
    }
    return declared_terms() | individuals


def langs(graph: Graph, subject: URIRef, predicate: URIRef) -> set[str | None]:
    return {o.language for o in graph.objects(subject, predicate) if isinstance(o, Literal)}


# --- the ontology ---------------------------------------------------------------------------------


def test_turtle_parses() -> None:
    assert len(onto()) > 1000
    assert len(shapes()) > 100
    (ontology_node,) = onto().subjects(RDF.type, OWL.Ontology)
    assert onto().value(ontology_node, OWL.versionInfo) == Literal(terms.ONTOLOGY_VERSION)
    assert {"zh", "en"} <= langs(onto(), ontology_node, _RDFS.label)


def test_every_class_and_property_has_zh_and_en_labels_and_a_comment() -> None:
    g = onto()
    missing = [
        g.qname(term)
        for term in sorted(declared_terms())
        if not {"zh", "en"} <= langs(g, term, _RDFS.label) or g.value(term, _RDFS.comment) is None
    ]
    assert not missing, f"add rdfs:label @zh and @en and an rdfs:comment to: {missing}"


def test_every_concept_has_zh_and_en_pref_labels_and_a_declared_scheme() -> None:
    g = onto()
    schemes = set(g.subjects(RDF.type, _SKOS.ConceptScheme))
    for concept in g.subjects(RDF.type, _SKOS.Concept):
        assert {"zh", "en"} <= langs(g, concept, _SKOS.prefLabel), g.qname(concept)
        assert set(g.objects(concept, _SKOS.inScheme)) & schemes, g.qname(concept)
    for scheme in schemes:
        assert {"zh", "en"} <= langs(g, scheme, _SKOS.prefLabel), g.qname(scheme)


def test_gk_properties_have_a_range_and_gk_classes_specialise_nothing_unknown() -> None:
    g = onto()
    for term in declared_terms():
        if not str(term).startswith(terms.GK_NS):
            continue
        if any((term, RDF.type, t) in g for t in PROPERTY_TYPES):
            assert g.value(term, _RDFS.range) is not None, f"{g.qname(term)} needs an rdfs:range"
        for parent in g.objects(term, _RDFS.subClassOf | _RDFS.subPropertyOf):
            assert parent in declared(), f"{g.qname(term)} specialises undeclared {parent}"


@pytest.mark.parametrize("curie", BUILDER_CLASSES)
def test_builder_classes_are_declared(curie: str) -> None:
    assert (iri(curie), RDF.type, OWL.Class) in onto()


@pytest.mark.parametrize("curie", BUILDER_PROPERTIES)
def test_builder_properties_are_declared(curie: str) -> None:
    assert any((iri(curie), RDF.type, t) in onto() for t in TERM_TYPES[2:])
    if curie in RANGES:
        assert onto().value(iri(curie), _RDFS.range) == RANGES[curie]


@pytest.mark.parametrize("curie", BUILDER_INDIVIDUALS)
def test_builder_concepts_and_schemes_are_declared(curie: str) -> None:
    assert iri(curie) in declared()


def test_evidence_is_a_nif_span_and_activities_are_prov_activities() -> None:
    g = onto()
    assert (GK.Evidence, _RDFS.subClassOf, NIF.OffsetBasedString) in g
    for cls in (GK.PersonnelChange, GK.Task, GK.Project, GK.Commendation, GK.PortfolioAssignment):
        assert (cls, _RDFS.subClassOf, PROV.Activity) in g
    for prop in (GK.decidedBy, GK.leadAgency, GK.responsibleAgency, GK.supportAgency, GK.leadLeader):
        assert (prop, _RDFS.subPropertyOf, PROV.wasAssociatedWith) in g


def test_grades_are_ordered() -> None:
    g = onto()
    grades = [c for c in g.subjects(_SKOS.inScheme, GK.Grades) if g.value(c, GK.rank) is not None]
    ranks = sorted(int(g.value(c, GK.rank)) for c in grades)
    assert ranks == list(range(1, 13))
    assert all(g.value(c, _SKOS.broader) is not None and g.value(c, _SKOS.notation) for c in grades)


# --- the generated namespaces ---------------------------------------------------------------------


def test_terms_py_is_not_stale() -> None:
    expected = generate.render(generate.ONTOLOGY)
    assert generate.TERMS.read_text(encoding="utf-8") == expected, "run: python -m ontology.generate"


def test_namespaces_list_exactly_the_declared_terms() -> None:
    names = {v.prefix.upper(): v for v in generate.vocabularies(onto())}
    assert {"GK", "ELI", "BIBO", "NIF", "PROV", "DCTERMS", "SKOS", "FOAF", "ORG", "RDFS"} <= names.keys()
    for class_name, vocab in names.items():
        namespace = getattr(terms, class_name)
        for term in vocab.terms:
            assert namespace[term.name] == URIRef(vocab.namespace + term.name)
            if term.name.isidentifier():
                assert getattr(namespace, term.name) == URIRef(vocab.namespace + term.name)
    declared_iris = {str(t) for t in declared()}
    for vocab in names.values():
        assert {vocab.namespace + t.name for t in vocab.terms} <= declared_iris


def test_namespaces_are_closed() -> None:
    with pytest.raises(AttributeError):
        _ = GK.Evidense
    with pytest.raises(AttributeError):
        _ = ELI.title  # ELI's title belongs to LegalExpression: we use dcterms:title
    with pytest.raises(AttributeError):
        _ = GK["section-orders"]
    assert GK["section-order"] == URIRef(terms.GK_NS + "section-order")


def test_constants_and_concept_tables() -> None:
    assert ID_BASE == "https://w3id.org/gazette-kg/id/"
    assert GRAPH_BASE == "https://w3id.org/gazette-kg/graph/"
    assert terms.GK_NS == "https://w3id.org/gazette-kg/ontology#"
    assert terms.CONCEPTS["Sections"]["机构与人事"] == GK["section-personnel"]
    assert terms.CONCEPTS["DocumentTypes"]["通知"] == GK["doctype-notice"]
    assert terms.CONCEPTS["Ranks"]["正科长级"] == GK["rank-section-principal"]
    assert terms.CONCEPTS["Roles"]["牵头单位"] == GK.LeadRole


def test_package_reexports_namespaces_and_locates_the_turtle() -> None:
    for name in terms.__all__:
        assert getattr(ontology, name) is getattr(terms, name)
    assert ontology.ontology_path().name == "gazette.ttl" and ontology.ontology_path().is_file()
    assert ontology.shapes_path().name == "shapes.ttl" and ontology.shapes_path().is_file()


def test_generate_check_mode(tmp_path) -> None:
    out = tmp_path / "terms.py"
    assert generate.main(["--check", "--output", str(out)]) == 1
    assert generate.main(["--output", str(out)]) == 0
    assert generate.main(["--check", "--output", str(out)]) == 0


# --- the shapes -----------------------------------------------------------------------------------


def path_iris(graph: Graph, path: object) -> set[URIRef]:
    """The predicates a SHACL property path mentions (IRI, inverse, sequence, alternative …)."""
    if isinstance(path, URIRef):
        return {path}
    found: set[URIRef] = set()
    if isinstance(path, BNode):
        items = list(graph.items(path)) if graph.value(path, RDF.first) is not None else []
        for item in items:
            found |= path_iris(graph, item)
        for predicate in (SH.inversePath, SH.alternativePath, SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath):
            for value in graph.objects(path, predicate):
                found |= path_iris(graph, value)
    return found


def test_shape_paths_and_classes_are_declared_in_the_ontology() -> None:
    g = shapes()
    known = declared()
    used: set[URIRef] = set()
    for path in g.objects(None, SH.path):
        used |= path_iris(g, path)
    used |= {o for p in (SH["class"], SH.targetClass) for o in g.objects(None, p) if isinstance(o, URIRef)}
    assert not sorted(used - known), f"not declared in gazette.ttl: {sorted(used - known)}"


def test_every_iri_in_the_shapes_is_declared() -> None:
    known = {str(t) for t in declared()}
    loose = sorted(
        str(node)
        for triple in shapes()
        for node in triple
        if isinstance(node, URIRef) and not str(node).startswith((*META, SHAPES_NS)) and str(node) not in known
    )
    assert not loose, f"declare these in gazette.ttl: {loose}"


def test_there_is_a_shape_for_each_main_class() -> None:
    targets = set(shapes().objects(None, SH.targetClass))
    for cls in (
        FOAF.Document, ELI.LegalResource, BIBO.Issue, GK.Issuance, GK.Attachment, GK.TocEntry, GK.SourceFile,
        GK.Evidence, NIF.Context, ORG.Organization,
        FOAF.Person, GK.Finding, GK.PersonnelChange, ORG.Post, ORG.Membership, GK.Task, GK.LeadingGroup,
        GK.Commendation, GK.PortfolioAssignment, PROV.SoftwareAgent, SKOS.Concept,
        GK.Succession, GK.RenameCandidate, GK.Citation,
    ):  # fmt: skip
        assert cls in targets, cls


# --- SHACL validation of a tiny document graph --------------------------------------------------------


def node(kind: str, key: str = "1") -> URIRef:
    return URIRef(f"{ID_BASE}{kind}/{key}")


def add_evidence(g: Graph, fact: URIRef, issue: URIRef, key: str, start: int, text: str) -> None:
    evidence, context = node("evidence", key), URIRef(f"{issue}/text")
    g.add((fact, PROV.wasDerivedFrom, evidence))
    g.add((evidence, RDF.type, GK.Evidence))
    g.add((evidence, NIF.referenceContext, context))
    g.add((evidence, NIF.beginIndex, Literal(start, datatype=XSD.nonNegativeInteger)))
    g.add((evidence, NIF.endIndex, Literal(start + len(text), datatype=XSD.nonNegativeInteger)))
    g.add((evidence, NIF.anchorOf, Literal(text)))
    g.add((evidence, GK.context, Literal(text)))
    g.add((evidence, GK.field, Literal(key)))


def document_graph() -> tuple[Graph, URIRef]:
    """One issue with one document, as the graph builder writes it (all named graphs in one union)."""
    g = Graph()
    issue, periodical, source = node("issue"), node("periodical"), node("source", "ab12")
    doc, org, issuance = node("doc"), node("org"), node("issuance")
    toc, attachment, finding = node("toc"), node("attachment"), node("finding")
    extractor = node("extractor", "segment@1")
    g.add((extractor, RDF.type, PROV.SoftwareAgent))
    context = URIRef(f"{issue}/text")
    g.add((context, RDF.type, NIF.Context))
    g.add((context, NIF.sourceUrl, issue))
    g.add((context, NIF.beginIndex, Literal(0, datatype=XSD.nonNegativeInteger)))
    g.add((context, NIF.endIndex, Literal(90000, datatype=XSD.nonNegativeInteger)))
    g.add((context, PROV.wasAttributedTo, extractor))
    g.add((periodical, RDF.type, BIBO.Periodical))
    g.add((periodical, DCTERMS.title, Literal("衢州政报", lang="zh")))
    g.add((issue, RDF.type, BIBO.Issue))
    g.add((issue, RDFS.label, Literal("衢州政报 2018年6月 第5期", lang="zh")))
    g.add((issue, DCTERMS.isPartOf, periodical))
    g.add((issue, BIBO.issue, Literal("5")))
    g.add((issue, GK.totalIssueNumber, Literal(106)))
    g.add((issue, GK.issueYear, Literal(2018)))
    g.add((issue, GK.issueMonth, Literal(6)))
    g.add((issue, DCTERMS.issued, Literal("2018-06", datatype=XSD.gYearMonth)))
    g.add((issue, GK.sourceFile, source))
    g.add((source, RDF.type, GK.SourceFile))
    g.add((source, GK.path, Literal("data/gazettes/002_a5cc36ccbffa9bf5.txt")))
    g.add((source, GK.fileName, Literal("002_a5cc36ccbffa9bf5.txt")))
    g.add((source, GK.contentHash, Literal("sha256:ab12")))
    g.add((source, GK.encoding, Literal("utf-8")))
    g.add((source, GK.extractorVersion, Literal("segment@1")))
    g.add((source, GK.graph, URIRef(GRAPH_BASE + "issue-1")))
    g.add((source, DCTERMS.isPartOf, issue))
    g.add((doc, RDF.type, ELI.LegalResource))
    g.add((doc, RDF.type, FOAF.Document))
    g.add((doc, ELI.id_local, Literal("衢政发〔2018〕15号")))
    g.add((doc, GK.printedNumber, Literal("衢政发[2018]15号")))
    g.add((doc, GK.numberPrefix, Literal("衢政发")))
    g.add((doc, GK.numberYear, Literal(2018)))
    g.add((doc, GK.numberSequence, Literal(15)))
    g.add((doc, DCTERMS.title, Literal("衢州市人民政府关于开展第四次经济普查的通知", lang="zh")))
    g.add((doc, ELI.date_document, Literal("2018-05-30", datatype=XSD.date)))
    g.add((doc, DCTERMS.isPartOf, issue))
    g.add((doc, GK.section, GK["section-government"]))
    g.add((doc, GK.sectionSource, Literal("toc")))
    g.add((doc, ELI.type_document, GK["doctype-notice"]))
    g.add((doc, GK.issuersSource, Literal("signature")))
    g.add((doc, GK.charCount, Literal(1200)))
    g.add((doc, GK.publicationNote, Literal("此件公开发布", lang="zh")))
    g.add((doc, ELI.passed_by, org))
    g.add((doc, GK.issuance, issuance))
    g.add((doc, ELI.has_part, attachment))
    g.add((org, RDF.type, ORG.Organization))
    g.add((org, SKOS.prefLabel, Literal("衢州市人民政府", lang="zh")))
    g.add((issuance, RDF.type, GK.Issuance))
    g.add((issuance, GK.issuer, org))
    g.add((issuance, GK.position, Literal(1)))
    g.add((attachment, RDF.type, GK.Attachment))
    g.add((attachment, GK.label, Literal("附件1", lang="zh")))
    g.add((attachment, GK.position, Literal(1)))
    g.add((attachment, DCTERMS.isPartOf, doc))
    g.add((issue, GK.tocEntry, toc))
    g.add((toc, RDF.type, GK.TocEntry))
    g.add((toc, GK.position, Literal(1)))
    g.add((toc, GK.tocTitle, Literal("关于开展第四次经济普查的通知", lang="zh")))
    g.add((toc, GK.tocNumber, Literal("衢政发〔2018〕15号")))
    g.add((toc, GK.tocPage, Literal(1)))
    g.add((toc, GK.describes, doc))
    g.add((toc, GK.section, GK["section-government"]))
    g.add((finding, RDF.type, GK.Finding))
    g.add((finding, GK.code, Literal("no-signature")))
    g.add((finding, RDFS.comment, Literal("document has no signature block")))
    g.add((finding, DCTERMS.isPartOf, issue))
    add_evidence(g, doc, issue, "title", 120, "衢州市人民政府关于开展第四次经济普查的通知")
    add_evidence(g, issuance, issue, "issuer", 900, "衢州市人民政府")
    add_evidence(g, attachment, issue, "attachment", 950, "附件1")
    add_evidence(g, toc, issue, "toc-entry", 40, "关于开展第四次经济普查的通知(衢政发[2018]15号) 1")
    for evidence in g.subjects(GK.field, None):
        g.add((evidence, GK.inDocument, doc))
    return g + onto(), doc


def validate(data: Graph, inference: str = "none") -> tuple[bool, str]:
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes(), inference=inference, allow_warnings=False)
    return bool(conforms), str(text)


@pytest.mark.parametrize("inference", ["none", "rdfs"])
def test_a_valid_document_graph_conforms(inference: str) -> None:
    data, _ = document_graph()
    conforms, report = validate(data, inference)
    assert conforms, report


def test_a_document_without_its_number_does_not_conform() -> None:
    data, doc = document_graph()
    data.remove((doc, ELI.id_local, None))
    conforms, report = validate(data)
    assert not conforms
    assert "eli:id_local" in report or str(ELI.id_local) in report


def test_a_partial_signing_date_does_not_conform() -> None:
    data, doc = document_graph()
    data.set((doc, ELI.date_document, Literal("2018-05", datatype=XSD.gYearMonth)))
    assert not validate(data)[0]


def test_evidence_without_offsets_does_not_conform() -> None:
    data, _ = document_graph()
    data.remove((node("evidence", "title"), NIF.beginIndex, None))
    conforms, report = validate(data)
    assert not conforms, report


def test_evidence_whose_span_ends_before_it_begins_does_not_conform() -> None:
    data, _ = document_graph()
    evidence = node("evidence", "title")
    data.set((evidence, NIF.endIndex, Literal(0, datatype=XSD.nonNegativeInteger)))
    conforms, report = validate(data)
    assert not conforms, report


def test_evidence_outside_any_issue_text_does_not_conform() -> None:
    data, _ = document_graph()
    data.remove((node("evidence", "title"), NIF.referenceContext, None))
    conforms, report = validate(data)
    assert not conforms, report


def test_an_issue_text_not_attributed_to_an_extractor_does_not_conform() -> None:
    data, _ = document_graph()
    data.remove((None, PROV.wasAttributedTo, None))
    conforms, report = validate(data)
    assert not conforms, report


def test_a_stub_cited_document_conforms_without_evidence() -> None:
    data, doc = document_graph()
    stub = node("doc", "stub")
    data.add((doc, ELI.cites, stub))
    data.add((stub, RDF.type, ELI.LegalResource))
    data.add((stub, DCTERMS.title, Literal("中华人民共和国公务员法", lang="zh")))
    data.add((stub, GK.resolved, Literal(False)))
    assert validate(data)[0]
    data.remove((stub, DCTERMS.title, None))
    assert not validate(data)[0]


def test_readme_names_every_gk_class_and_scheme() -> None:
    readme = (generate.HERE / "README.md").read_text(encoding="utf-8")
    g = onto()
    names = [
        g.qname(s)
        for t in (OWL.Class, _SKOS.ConceptScheme)
        for s in g.subjects(RDF.type, t)
        if str(s).startswith(terms.GK_NS)
    ]
    missing = sorted(n for n in names if f"`{n}`" not in readme)
    assert not missing, f"describe in ontology/README.md: {missing}"
