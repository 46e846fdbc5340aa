"""Closed namespaces of the gazette-kg vocabulary, one class per prefix.

Gazette knowledge graph ontology, version 2.0.0.
GENERATED from ontology/gazette.ttl by ``python -m ontology.generate``: do not edit by hand.
Each class lists exactly the terms gazette.ttl declares in its namespace; any other name raises
AttributeError. Terms whose local name is not a Python identifier are reached by item access
(``GK["section-order"]``).
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = [
    "BIBO",
    "CONCEPTS",
    "DCTERMS",
    "ELI",
    "FOAF",
    "GK",
    "GK_NS",
    "GRAPH_BASE",
    "ID_BASE",
    "M8G",
    "NIF",
    "ONTOLOGY_IRI",
    "ONTOLOGY_VERSION",
    "ORG",
    "PROV",
    "RDFS",
    "SKOS",
    "TIME",
]

ONTOLOGY_IRI = "https://w3id.org/gazette-kg/ontology"
ONTOLOGY_VERSION = "2.0.0"
GK_NS = "https://w3id.org/gazette-kg/ontology#"
ID_BASE = "https://w3id.org/gazette-kg/id/"
GRAPH_BASE = "https://w3id.org/gazette-kg/graph/"


class BIBO(DefinedNamespace):
    """Terms of bibo: that gazette-kg uses (declared in gazette.ttl): <http://purl.org/ontology/bibo/>."""

    _fail = True
    _NS = Namespace("http://purl.org/ontology/bibo/")

    # classes
    Issue: URIRef  # 期 — issue
    Periodical: URIRef  # 期刊 — periodical

    # properties
    issue: URIRef  # 期号 — issue number


class DCTERMS(DefinedNamespace):
    """Terms of dcterms: that gazette-kg uses (declared in gazette.ttl): <http://purl.org/dc/terms/>."""

    _fail = True
    _NS = Namespace("http://purl.org/dc/terms/")

    # properties
    date: URIRef  # 日期 — date
    isPartOf: URIRef  # 属于 — is part of
    issued: URIRef  # 出版日期 — date issued
    replaces: URIRef  # 取代 — replaces
    source: URIRef  # 来源文件 — source
    title: URIRef  # 标题 — title


class ELI(DefinedNamespace):
    """Terms of eli: that gazette-kg uses (declared in gazette.ttl): <http://data.europa.eu/eli/ontology#>."""

    _fail = True
    _NS = Namespace("http://data.europa.eu/eli/ontology#")

    # classes
    LegalResource: URIRef  # 法规性文件 — legal resource
    ResourceType: URIRef  # 文种 — resource type

    # properties
    amends: URIRef  # 修改 — amends
    based_on: URIRef  # 依据 — based on
    cites: URIRef  # 引用 — cites
    date_document: URIRef  # 成文日期 — date of the document
    date_no_longer_in_force: URIRef  # 失效日期 — date no longer in force
    first_date_entry_in_force: URIRef  # 施行日期 — first date of entry into force
    has_part: URIRef  # 包含附件 — has part
    id_local: URIRef  # 文号 — local identifier
    passed_by: URIRef  # 发文机关 — passed by
    repeals: URIRef  # 废止 — repeals
    type_document: URIRef  # 文种 — type of document


class FOAF(DefinedNamespace):
    """Terms of foaf: that gazette-kg uses (declared in gazette.ttl): <http://xmlns.com/foaf/0.1/>."""

    _fail = True
    _NS = Namespace("http://xmlns.com/foaf/0.1/")

    # classes
    Agent: URIRef  # 行为主体 — agent
    Document: URIRef  # 文档 — document
    Person: URIRef  # 人员 — person

    # properties
    name: URIRef  # 姓名 — name


class GK(DefinedNamespace):
    """Gazette knowledge graph ontology (gk:), version 2.0.0: our own terms."""

    _fail = True
    _NS = Namespace("https://w3id.org/gazette-kg/ontology#")
    _extras = (
        "doctype-announcement",  # 通告 — Announcement
        "doctype-circular",  # 通报 — Circular
        "doctype-command",  # 命令 — Command
        "doctype-decision",  # 决定 — Decision
        "doctype-detailed-rules",  # 细则 — Detailed rules
        "doctype-key-points",  # 要点 — Key points
        "doctype-letter",  # 函 — Letter
        "doctype-measures",  # 办法 — Measures
        "doctype-notice",  # 通知 — Notice
        "doctype-opinion",  # 意见 — Opinions
        "doctype-order",  # 令 — Order
        "doctype-outline",  # 纲要 — Outline
        "doctype-plan",  # 方案 — Implementation plan
        "doctype-programme",  # 规划 — Programme
        "doctype-provisions",  # 规定 — Provisions
        "doctype-public-notice",  # 公告 — Public notice
        "doctype-regulations",  # 条例 — Regulations
        "doctype-reply",  # 批复 — Official reply
        "doctype-report",  # 报告 — Report
        "doctype-request",  # 请示 — Request for instructions
        "doctype-rules",  # 规则 — Rules
        "doctype-work-plan",  # 计划 — Work plan
        "grade-diaoyanyuan-1",  # 一级调研员 — First-grade researcher
        "grade-diaoyanyuan-2",  # 二级调研员 — Second-grade researcher
        "grade-diaoyanyuan-3",  # 三级调研员 — Third-grade researcher
        "grade-diaoyanyuan-4",  # 四级调研员 — Fourth-grade researcher
        "grade-keyuan-1",  # 一级科员 — First-grade staff member
        "grade-keyuan-2",  # 二级科员 — Second-grade staff member
        "grade-series-diaoyanyuan",  # 调研员序列 — Researcher series
        "grade-series-keyuan",  # 科员序列 — Staff member series
        "grade-series-xunshiyuan",  # 巡视员序列 — Inspector series
        "grade-series-zhurenkeyuan",  # 主任科员序列 — Principal staff member series
        "grade-xunshiyuan-1",  # 一级巡视员 — First-grade inspector
        "grade-xunshiyuan-2",  # 二级巡视员 — Second-grade inspector
        "grade-zhurenkeyuan-1",  # 一级主任科员 — First-grade principal staff member
        "grade-zhurenkeyuan-2",  # 二级主任科员 — Second-grade principal staff member
        "grade-zhurenkeyuan-3",  # 三级主任科员 — Third-grade principal staff member
        "grade-zhurenkeyuan-4",  # 四级主任科员 — Fourth-grade principal staff member
        "group-role-committee-member",  # 委员 — Committee member
        "group-role-deputy-director",  # 副主任 — Deputy director
        "group-role-deputy-head",  # 副组长 — Deputy head
        "group-role-director",  # 主任 — Director
        "group-role-executive-deputy-director",  # 常务副主任 — Executive deputy director
        "group-role-executive-deputy-head",  # 常务副组长 — Executive deputy head
        "group-role-head",  # 组长 — Head
        "group-role-member",  # 成员 — Member
        "group-role-office-deputy-director",  # 办公室副主任 — Office deputy director
        "group-role-office-director",  # 办公室主任 — Office director
        "honour-advanced-collective",  # 先进集体 — Advanced collective
        "honour-advanced-individual",  # 先进个人 — Advanced individual
        "honour-collective-commendation",  # 集体嘉奖 — Collective commendation
        "honour-collective-merit-1",  # 集体一等功 — Collective first-class merit
        "honour-collective-merit-2",  # 集体二等功 — Collective second-class merit
        "honour-collective-merit-3",  # 集体三等功 — Collective third-class merit
        "honour-person-commendation",  # 个人嘉奖 — Individual commendation
        "honour-person-merit-1",  # 个人一等功 — Individual first-class merit
        "honour-person-merit-2",  # 个人二等功 — Individual second-class merit
        "honour-person-merit-3",  # 个人三等功 — Individual third-class merit
        "kind-congress",  # 人大机关 — People's congress body
        "kind-constituent-department",  # 政府组成部门 — Constituent department
        "kind-coordinating-body",  # 议事协调机构 — Coordinating body
        "kind-cppcc",  # 政协机关 — CPPCC body
        "kind-directly-affiliated",  # 政府直属机构 — Directly affiliated agency
        "kind-dispatched",  # 派出机构 — Dispatched agency
        "kind-enterprise",  # 国有企业 — State-owned enterprise
        "kind-government",  # 人民政府 — People's government
        "kind-judicial",  # 审判检察机关 — Court or procuratorate
        "kind-mass-organisation",  # 群团组织 — Mass organisation
        "kind-other",  # 其他 — Other
        "kind-party",  # 党委机构 — Party committee body
        "kind-public-institution",  # 事业单位 — Public institution
        "kind-vertical",  # 垂直管理单位 — Vertically managed unit
        "level-city",  # 市级 — City
        "level-county",  # 县级 — County
        "level-national",  # 国家级 — National
        "level-province",  # 省级 — Province
        "level-town",  # 乡镇级 — Town
        "qualifier-probation",  # 试用期 — Probation
        "qualifier-secondment",  # 挂职 — Secondment
        "qualifier-secondment-ended",  # 挂职期满 — End of secondment
        "rank-bureau-deputy",  # 副厅局级 — Bureau level, deputy
        "rank-bureau-principal",  # 正厅局级 — Bureau level, principal
        "rank-division-deputy",  # 副县处级 — Division level, deputy
        "rank-division-principal",  # 正县处级 — Division level, principal
        "rank-section-deputy",  # 副乡科级 — Section level, deputy
        "rank-section-principal",  # 正乡科级 — Section level, principal
        "recipient-collective",  # 集体 — Collective
        "recipient-person",  # 个人 — Person
        "section-department-normative",  # 部门规范性文件 — Departmental normative documents
        "section-general-office",  # 市府办文件 — General office documents
        "section-government",  # 市政府文件 — Municipal government documents
        "section-order",  # 市政府令 — Municipal government orders
        "section-personnel",  # 机构与人事 — Organisation and personnel
        "validity-amended",  # 已修改 — Amended
        "validity-expired",  # 失效 — Expired
        "validity-in-force",  # 有效 — In force
        "validity-repealed",  # 废止 — Repealed
    )

    # classes
    Attachment: URIRef  # 附件 — attachment
    Citation: URIRef  # 文件引用 — citation
    Commendation: URIRef  # 表彰 — commendation
    Evidence: URIRef  # 证据 — evidence
    Finding: URIRef  # 提取发现 — finding
    Issuance: URIRef  # 发文署名 — issuance
    LeadingGroup: URIRef  # 领导小组 — leading group
    PersonnelChange: URIRef  # 职务任免 — personnel change
    PortfolioAssignment: URIRef  # 领导分工 — portfolio assignment
    Project: URIRef  # 项目 — project
    RenameCandidate: URIRef  # 更名候选 — rename candidate
    SourceFile: URIRef  # 源文件 — source file
    Succession: URIRef  # 职务接替 — succession
    Task: URIRef  # 工作任务 — task
    TocEntry: URIRef  # 目录条目 — table of contents entry

    # properties
    action: URIRef  # 任免动作 — action
    addressee: URIRef  # 主送机关 — addressee
    affiliation: URIRef  # 所在单位 — affiliation
    affiliationOrganization: URIRef  # 所在单位(机构) — affiliation organisation
    agency: URIRef  # 任免所在机构 — agency
    appliesFrom: URIRef  # 执行日期 — applies from
    asWritten: URIRef  # 原文名称 — as written
    assists: URIRef  # 协助 — assists
    charCount: URIRef  # 字符数 — character count
    citedDocument: URIRef  # 被引文件 — cited document
    citedNumber: URIRef  # 被引文号 — cited number
    citedTitle: URIRef  # 被引标题 — cited title
    citingDocument: URIRef  # 引用文件 — citing document
    code: URIRef  # 代码 — code
    concurrent: URIRef  # 兼任 — concurrent
    confidence: URIRef  # 置信度 — confidence
    contentHash: URIRef  # 内容哈希 — content hash
    context: URIRef  # 上下文 — context
    deadline: URIRef  # 完成时限 — deadline
    decidedBy: URIRef  # 决定机关 — decided by
    describes: URIRef  # 对应文件 — describes
    duties: URIRef  # 工作职责 — duties
    effectiveDate: URIRef  # 生效日期 — effective date
    effectiveFrom: URIRef  # 施行起点 — in force from event
    encoding: URIRef  # 字符编码 — encoding
    endedBy: URIRef  # 终于任免 — ended by
    entityStatements: URIRef  # 实体陈述 — entity statements
    extractorVersion: URIRef  # 提取器版本 — extractor version
    field: URIRef  # 字段 — field
    fileName: URIRef  # 文件名 — file name
    grade: URIRef  # 职级 — grade
    graph: URIRef  # 命名图 — named graph
    graphBase: URIRef  # 命名图IRI前缀 — named graph IRI base
    honour: URIRef  # 荣誉 — honour
    honourText: URIRef  # 荣誉(原文) — honour as written
    idBase: URIRef  # 实例IRI前缀 — instance IRI base
    inDocument: URIRef  # 所在文件 — in document
    issuance: URIRef  # 发文署名 — issuance
    issueMonth: URIRef  # 出版月份 — issue month
    issueYear: URIRef  # 出版年份 — issue year
    issuer: URIRef  # 发文机关 — issuer
    issuersSource: URIRef  # 发文机关来源 — issuers source
    kind: URIRef  # 机构类别 — agency kind
    label: URIRef  # 附件标号 — attachment label
    layout: URIRef  # 版式 — layout
    leadAgency: URIRef  # 牵头单位 — lead agency
    leadLeader: URIRef  # 牵头领导 — lead leader
    leader: URIRef  # 领导 — leader
    level: URIRef  # 行政层级 — administrative level
    liaisesWith: URIRef  # 联系 — liaises with
    liaisonLeader: URIRef  # 联系领导 — liaison leader
    memberByPost: URIRef  # 按职位成员 — member by post
    newOrganization: URIRef  # 新名机构 — new organisation
    numberPrefix: URIRef  # 发文字号 — number prefix
    numberSequence: URIRef  # 文号序号 — number sequence
    numberYear: URIRef  # 文号年份 — number year
    objectsAsWritten: URIRef  # 分管联系对象(原文) — units as written
    officeHostedBy: URIRef  # 办公室设在 — office hosted by
    oldOrganization: URIRef  # 原名机构 — old organisation
    path: URIRef  # 文件路径 — path
    person: URIRef  # 任免对象 — person
    position: URIRef  # 序位 — position
    positions: URIRef  # 职务表述 — positions
    post: URIRef  # 职位 — post
    predecessor: URIRef  # 前任 — predecessor
    prefixIssuer: URIRef  # 文号推定发文机关 — issuer implied by the number prefix
    printedNumber: URIRef  # 原文文号 — printed number
    publicationNote: URIRef  # 公开属性 — publication note
    qualifier: URIRef  # 附注 — qualifier
    qualifierType: URIRef  # 附注类别 — qualifier type
    rank: URIRef  # 排序 — rank
    reason: URIRef  # 依据说明 — reason
    recipient: URIRef  # 受表彰者 — recipient
    recipientAffiliation: URIRef  # 受表彰者单位 — recipient affiliation
    recipientType: URIRef  # 受表彰者类型 — recipient type
    registryEvidence: URIRef  # 名录匹配依据 — registry evidence
    relation: URIRef  # 引用关系 — relation
    replaces: URIRef  # 接替任职 — replaces
    resolved: URIRef  # 已解析 — resolved
    responsibleAgency: URIRef  # 责任单位 — responsible agency
    roleText: URIRef  # 角色(原文) — role as written
    section: URIRef  # 栏目 — section
    sectionSource: URIRef  # 栏目来源 — section source
    signer: URIRef  # 签署人 — signer
    sourceFile: URIRef  # 源文件 — source file
    startUnknown: URIRef  # 任职起点不明 — start unknown
    startedBy: URIRef  # 始于任免 — started by
    successor: URIRef  # 继任 — successor
    successorOrganization: URIRef  # 继任机构 — successor organisation
    supersedes: URIRef  # 替代 — supersedes
    supervises: URIRef  # 分管 — supervises
    supportAgency: URIRef  # 配合单位 — supporting agency
    title: URIRef  # 职务名称 — post title
    tocEntry: URIRef  # 目录条目 — TOC entry
    tocNumber: URIRef  # 目录文号 — TOC number
    tocPage: URIRef  # 目录页码 — TOC page
    tocTitle: URIRef  # 目录标题 — TOC title
    totalIssueNumber: URIRef  # 总期号 — total issue number
    validityStatus: URIRef  # 效力状态 — validity status

    # concept schemes
    Actions: URIRef  # 任免动作 — Personnel actions
    AgencyKinds: URIRef  # 机构类别 — Agency kinds
    DocumentTypes: URIRef  # 文种 — Document types
    Grades: URIRef  # 公务员职级 — Civil service grades
    GroupRoles: URIRef  # 小组成员角色 — Group roles
    Honours: URIRef  # 荣誉 — Honours
    Levels: URIRef  # 行政层级 — Administrative levels
    Qualifiers: URIRef  # 任免附注类别 — Appointment qualifiers
    Ranks: URIRef  # 级别 — Rank levels
    RecipientTypes: URIRef  # 受表彰者类型 — Recipient types
    Roles: URIRef  # 任务角色 — Task roles
    Sections: URIRef  # 栏目 — Sections
    ValidityStatuses: URIRef  # 效力状态 — Validity statuses

    # concepts
    Appoint: URIRef  # 任命 — Appoint
    LeadLeaderRole: URIRef  # 牵头领导 — Lead leader
    LeadRole: URIRef  # 牵头单位 — Lead agency
    LiaisonLeaderRole: URIRef  # 联系领导 — Liaison leader
    Remove: URIRef  # 免去 — Remove
    ResponsibleRole: URIRef  # 责任单位 — Responsible agency
    SupportRole: URIRef  # 配合单位 — Supporting agency


class M8G(DefinedNamespace):
    """Terms of m8g: that gazette-kg uses (declared in gazette.ttl): <http://data.europa.eu/m8g/>."""

    _fail = True
    _NS = Namespace("http://data.europa.eu/m8g/")

    # classes
    PublicOrganisation: URIRef  # 公共机构 — public organisation

    # properties
    hasFormalFramework: URIRef  # 设立依据 — has formal framework


class NIF(DefinedNamespace):
    """Terms of nif: that gazette-kg uses (declared in gazette.ttl): <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>."""

    _fail = True
    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")

    # classes
    Context: URIRef  # 文本语境 — context
    OffsetBasedString: URIRef  # 偏移定位文本 — offset-based string

    # properties
    anchorOf: URIRef  # 引文 — anchor of
    beginIndex: URIRef  # 起始位置 — begin index
    endIndex: URIRef  # 结束位置 — end index
    referenceContext: URIRef  # 所在语境 — reference context
    sourceUrl: URIRef  # 来源 — source URL


class ORG(DefinedNamespace):
    """Terms of org: that gazette-kg uses (declared in gazette.ttl): <http://www.w3.org/ns/org#>."""

    _fail = True
    _NS = Namespace("http://www.w3.org/ns/org#")

    # classes
    ChangeEvent: URIRef  # 机构变更 — organisational change event
    Membership: URIRef  # 任职/成员关系 — membership
    Organization: URIRef  # 机构 — organisation
    OrganizationalCollaboration: URIRef  # 协作组织 — organisational collaboration
    Post: URIRef  # 职位 — post
    Role: URIRef  # 角色 — role

    # properties
    changedBy: URIRef  # 变更事件 — changed by
    classification: URIRef  # 机构分类 — classification
    holds: URIRef  # 担任 — holds
    member: URIRef  # 成员 — member
    memberDuring: URIRef  # 任职期间 — member during
    organization: URIRef  # 所在组织 — organisation
    originalOrganization: URIRef  # 原机构 — original organisation
    postIn: URIRef  # 职位所在机构 — post in
    resultedFrom: URIRef  # 产生于 — resulted from
    resultingOrganization: URIRef  # 新机构 — resulting organisation
    role: URIRef  # 角色 — role
    subOrganizationOf: URIRef  # 隶属于 — sub-organisation of


class PROV(DefinedNamespace):
    """Terms of prov: that gazette-kg uses (declared in gazette.ttl): <http://www.w3.org/ns/prov#>."""

    _fail = True
    _NS = Namespace("http://www.w3.org/ns/prov#")

    # classes
    Activity: URIRef  # 活动 — activity
    Agent: URIRef  # 代理者 — agent (PROV)
    Association: URIRef  # 关联 — association
    Entity: URIRef  # 实体 — entity
    Role: URIRef  # 职责角色 — role (PROV)
    SoftwareAgent: URIRef  # 软件代理 — software agent

    # properties
    agent: URIRef  # 主体 — agent
    hadRole: URIRef  # 担当角色 — had role
    qualifiedAssociation: URIRef  # 限定关联 — qualified association
    wasAssociatedWith: URIRef  # 关联主体 — was associated with
    wasAttributedTo: URIRef  # 归属于 — was attributed to
    wasDerivedFrom: URIRef  # 来源证据 — was derived from
    wasGeneratedBy: URIRef  # 产生于活动 — was generated by
    wasInvalidatedBy: URIRef  # 终止于活动 — was invalidated by


class RDFS(DefinedNamespace):
    """Terms of rdfs: that gazette-kg uses (declared in gazette.ttl): <http://www.w3.org/2000/01/rdf-schema#>."""

    _fail = True
    _NS = Namespace("http://www.w3.org/2000/01/rdf-schema#")

    # properties
    comment: URIRef  # 说明 — comment
    label: URIRef  # 标签 — label


class SKOS(DefinedNamespace):
    """Terms of skos: that gazette-kg uses (declared in gazette.ttl): <http://www.w3.org/2004/02/skos/core#>."""

    _fail = True
    _NS = Namespace("http://www.w3.org/2004/02/skos/core#")

    # classes
    Concept: URIRef  # 概念 — concept
    ConceptScheme: URIRef  # 概念体系 — concept scheme

    # properties
    altLabel: URIRef  # 别名 — alternative label
    broader: URIRef  # 上位概念 — broader
    definition: URIRef  # 定义 — definition
    hasTopConcept: URIRef  # 顶层概念 — has top concept
    hiddenLabel: URIRef  # 隐藏标签 — hidden label
    inScheme: URIRef  # 所属概念体系 — in scheme
    notation: URIRef  # 代码 — notation
    prefLabel: URIRef  # 首选标签 — preferred label
    topConceptOf: URIRef  # 顶层概念所属体系 — top concept of


class TIME(DefinedNamespace):
    """Terms of time: that gazette-kg uses (declared in gazette.ttl): <http://www.w3.org/2006/time#>."""

    _fail = True
    _NS = Namespace("http://www.w3.org/2006/time#")

    # classes
    Instant: URIRef  # 时间点 — time instant
    Interval: URIRef  # 时间区间 — time interval

    # properties
    hasBeginning: URIRef  # 开始于 — has beginning
    hasEnd: URIRef  # 结束于 — has end
    inXSDDate: URIRef  # 日期值 — in XSD date
    inXSDgYear: URIRef  # 年份值 — in XSD year
    inXSDgYearMonth: URIRef  # 年月值 — in XSD year and month


# Concept scheme (local name) → Chinese label, preferred or alternative → concept.
CONCEPTS: dict[str, dict[str, URIRef]] = {
    "Actions": {
        "任": GK.Appoint,
        "任命": GK.Appoint,
        "任职": GK.Appoint,
        "免去": GK.Remove,
        "免职": GK.Remove,
        "兼任": GK.Appoint,
    },
    "AgencyKinds": {
        "事业单位": GK["kind-public-institution"],
        "人大机关": GK["kind-congress"],
        "人民团体": GK["kind-mass-organisation"],
        "人民政府": GK["kind-government"],
        "党委机构": GK["kind-party"],
        "其他": GK["kind-other"],
        "国有企业": GK["kind-enterprise"],
        "垂直管理单位": GK["kind-vertical"],
        "审判检察机关": GK["kind-judicial"],
        "政协机关": GK["kind-cppcc"],
        "政府直属机构": GK["kind-directly-affiliated"],
        "政府组成部门": GK["kind-constituent-department"],
        "派出机构": GK["kind-dispatched"],
        "直属机构": GK["kind-directly-affiliated"],
        "群团组织": GK["kind-mass-organisation"],
        "议事协调机构": GK["kind-coordinating-body"],
    },
    "DocumentTypes": {
        "令": GK["doctype-order"],
        "公告": GK["doctype-public-notice"],
        "决定": GK["doctype-decision"],
        "函": GK["doctype-letter"],
        "办法": GK["doctype-measures"],
        "命令": GK["doctype-command"],
        "意见": GK["doctype-opinion"],
        "批复": GK["doctype-reply"],
        "报告": GK["doctype-report"],
        "政府令": GK["doctype-order"],
        "方案": GK["doctype-plan"],
        "条例": GK["doctype-regulations"],
        "纲要": GK["doctype-outline"],
        "细则": GK["doctype-detailed-rules"],
        "要点": GK["doctype-key-points"],
        "规划": GK["doctype-programme"],
        "规则": GK["doctype-rules"],
        "规定": GK["doctype-provisions"],
        "计划": GK["doctype-work-plan"],
        "请示": GK["doctype-request"],
        "通告": GK["doctype-announcement"],
        "通报": GK["doctype-circular"],
        "通知": GK["doctype-notice"],
    },
    "Grades": {
        "一级主任科员": GK["grade-zhurenkeyuan-1"],
        "一级巡视员": GK["grade-xunshiyuan-1"],
        "一级科员": GK["grade-keyuan-1"],
        "一级调研员": GK["grade-diaoyanyuan-1"],
        "三级主任科员": GK["grade-zhurenkeyuan-3"],
        "三级调研员": GK["grade-diaoyanyuan-3"],
        "主任科员序列": GK["grade-series-zhurenkeyuan"],
        "二级主任科员": GK["grade-zhurenkeyuan-2"],
        "二级巡视员": GK["grade-xunshiyuan-2"],
        "二级科员": GK["grade-keyuan-2"],
        "二级调研员": GK["grade-diaoyanyuan-2"],
        "四级主任科员": GK["grade-zhurenkeyuan-4"],
        "四级调研员": GK["grade-diaoyanyuan-4"],
        "巡视员序列": GK["grade-series-xunshiyuan"],
        "科员序列": GK["grade-series-keyuan"],
        "调研员序列": GK["grade-series-diaoyanyuan"],
    },
    "GroupRoles": {
        "主任": GK["group-role-director"],
        "副主任": GK["group-role-deputy-director"],
        "副总指挥": GK["group-role-deputy-head"],
        "副组长": GK["group-role-deputy-head"],
        "办公室主任": GK["group-role-office-director"],
        "办公室副主任": GK["group-role-office-deputy-director"],
        "委员": GK["group-role-committee-member"],
        "常务副主任": GK["group-role-executive-deputy-director"],
        "常务副组长": GK["group-role-executive-deputy-head"],
        "总指挥": GK["group-role-head"],
        "成员": GK["group-role-member"],
        "组长": GK["group-role-head"],
    },
    "Honours": {
        "个人一等功": GK["honour-person-merit-1"],
        "个人三等功": GK["honour-person-merit-3"],
        "个人二等功": GK["honour-person-merit-2"],
        "个人嘉奖": GK["honour-person-commendation"],
        "先进个人": GK["honour-advanced-individual"],
        "先进集体": GK["honour-advanced-collective"],
        "嘉奖": GK["honour-person-commendation"],
        "集体一等功": GK["honour-collective-merit-1"],
        "集体三等功": GK["honour-collective-merit-3"],
        "集体二等功": GK["honour-collective-merit-2"],
        "集体嘉奖": GK["honour-collective-commendation"],
    },
    "Levels": {
        "乡镇(街道)": GK["level-town"],
        "乡镇级": GK["level-town"],
        "县(市、区)": GK["level-county"],
        "县级": GK["level-county"],
        "国家级": GK["level-national"],
        "市级": GK["level-city"],
        "省级": GK["level-province"],
        "设区市": GK["level-city"],
    },
    "Qualifiers": {
        "挂职": GK["qualifier-secondment"],
        "挂职期满": GK["qualifier-secondment-ended"],
        "试用期": GK["qualifier-probation"],
        "试用期一年": GK["qualifier-probation"],
    },
    "Ranks": {
        "副乡科级": GK["rank-section-deputy"],
        "副厅局级": GK["rank-bureau-deputy"],
        "副厅级": GK["rank-bureau-deputy"],
        "副县处级": GK["rank-division-deputy"],
        "副县级": GK["rank-division-deputy"],
        "副处级": GK["rank-division-deputy"],
        "副处长级": GK["rank-division-deputy"],
        "副科级": GK["rank-section-deputy"],
        "副科长级": GK["rank-section-deputy"],
        "正乡科级": GK["rank-section-principal"],
        "正厅局级": GK["rank-bureau-principal"],
        "正厅级": GK["rank-bureau-principal"],
        "正县处级": GK["rank-division-principal"],
        "正县级": GK["rank-division-principal"],
        "正处级": GK["rank-division-principal"],
        "正处长级": GK["rank-division-principal"],
        "正科级": GK["rank-section-principal"],
        "正科长级": GK["rank-section-principal"],
    },
    "RecipientTypes": {
        "个人": GK["recipient-person"],
        "集体": GK["recipient-collective"],
    },
    "Roles": {
        "协办单位": GK.SupportRole,
        "牵头单位": GK.LeadRole,
        "牵头部门": GK.LeadRole,
        "牵头领导": GK.LeadLeaderRole,
        "联系领导": GK.LiaisonLeaderRole,
        "责任单位": GK.ResponsibleRole,
        "配合单位": GK.SupportRole,
    },
    "Sections": {
        "市府办文件": GK["section-general-office"],
        "市政府令": GK["section-order"],
        "市政府办公室文件": GK["section-general-office"],
        "市政府文件": GK["section-government"],
        "机构与人事": GK["section-personnel"],
        "部门规范性文件": GK["section-department-normative"],
    },
    "ValidityStatuses": {
        "失效": GK["validity-expired"],
        "已修改": GK["validity-amended"],
        "废止": GK["validity-repealed"],
        "有效": GK["validity-in-force"],
        "期满失效": GK["validity-expired"],
    },
}
