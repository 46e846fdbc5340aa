"""Clean-up lists of normative documents (gazettes.md §4.7 'Expect'): status headings, tables, fused status."""

from __future__ import annotations

from extractors.segment import segment_issue
from extractors.validity_lists import extract_validity_declarations

NOTICE = """衢州市人民政府办公室关于公布市政府规范性文件清理结果的通知

衢政办发〔2021〕12号

各县(市、区)人民政府,市政府各部门、直属各单位:

经清理,决定继续有效的规范性文件35件,拟修改的3件,废止的2件,宣布失效的1件。

衢州市人民政府办公室
2021年3月1日

附件1

继续有效的市政府规范性文件目录(共35件)

| 序号 | 文件名称 | 文号 |
|---|---|---|
| 1 | 衢州市人民政府关于推进创新驱动加快绿色发展的若干政策意见(试行) | 衢政发〔2017〕46号 |
| 2 | 衢州市燃气管理办法 | 衢州市人民政府令第51号 |

附件2

决定废止的市政府规范性文件目录(共2件)

序号	文件名称	文号	备注
1	衢州市人民政府办公室关于印发衢州市质量工作考核办法的通知	衢政办发[2014]31 号
2	关于加强城市管理的若干意见	衢政发〔2012〕5号	宣布失效

3.衢州市市区开展工业企业单位要素综合经济效益排序实施办法(衢政办发〔2015〕37号)
"""


def test_rows_take_their_heading_status_unless_they_carry_their_own() -> None:
    document = segment_issue(NOTICE).documents[0]
    rows = [(d.number, d.status, d.title) for d in extract_validity_declarations(NOTICE, document)]
    assert rows == [
        ("衢政发〔2017〕46号", "in_force", "衢州市人民政府关于推进创新驱动加快绿色发展的若干政策意见(试行)"),
        ("衢州市人民政府令第51号", "in_force", "衢州市燃气管理办法"),
        ("衢政办发〔2014〕31号", "repealed", "衢州市人民政府办公室关于印发衢州市质量工作考核办法的通知"),
        ("衢政发〔2012〕5号", "invalid", "关于加强城市管理的若干意见"),
        ("衢政办发〔2015〕37号", "repealed", "衢州市市区开展工业企业单位要素综合经济效益排序实施办法"),
    ]
    for d in extract_validity_declarations(NOTICE, document):
        assert NOTICE[d.span.start : d.span.end] == d.span.text


def test_other_documents_have_no_declarations() -> None:
    raw = "衢州市人民政府关于开展第四次经济普查的通知\n\n衢政发〔2018〕15号\n\n废止的文件\n1 《X》 衢政发〔2010〕1号\n"
    document = segment_issue(raw).documents[0]
    assert extract_validity_declarations(raw, document) == []


def test_declarations_become_citations_with_their_status() -> None:
    from extractors.citations import extract_citations

    document = segment_issue(NOTICE).documents[0]
    cited = {c.number: (c.relation, c.status) for c in extract_citations(NOTICE, document)}
    assert cited["衢政办发〔2014〕31号"] == ("repeals", "repealed")
    assert cited["衢政发〔2012〕5号"] == ("repeals", "invalid")
    assert cited["衢政发〔2017〕46号"] == ("cites", "in_force")
