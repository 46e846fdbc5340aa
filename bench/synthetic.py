"""A large synthetic corpus made by recombining the bundled gazettes, for the benchmark.

Replica ``k`` of every issue gets new document numbers, new dates, new issue numbers and new
names for every person, so that nothing deduplicates: each replica adds as many documents,
people, tasks and citations to the graph as the original. The text keeps every layout quirk of
the original (line breaks, tables, ``[]``/``〔〕``), so extraction works as hard as on real input.

    python bench/synthetic.py --replicas 10 --out /tmp/corpus-10x
"""

from __future__ import annotations

import argparse
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "gazettes"

_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥"
    "玲芬燕彬斌鹏辉建国志新宇浩然子轩博文思远嘉欣雨涵晨阳俊杰"
)
_YEAR_SPAN = 40  # replicas shift years by k mod 40; every 40 replicas the document sequences move by 1000


def person_names(files: Iterable[Path]) -> list[str]:
    """The people the extractors find in the source issues (names are what we rename)."""
    from kg.build import extract_file
    from ontology.terms import FOAF

    names: set[str] = set()
    for path in files:
        mapped, _ = extract_file(path)
        names.update(q.object.value for q in mapped.quads() if q.predicate.value == str(FOAF.name))
    return sorted((n for n in names if len(n) >= 2), key=lambda n: (-len(n), n))


def synthetic_name(name: str, replica: int) -> str:
    """A new name of the same length, fixed for (name, replica)."""
    digest = hashlib.sha256(f"{name}/{replica}".encode()).digest()
    given = "".join(_GIVEN[b % len(_GIVEN)] for b in digest[1 : len(name)])
    return _SURNAMES[digest[0] % len(_SURNAMES)] + given


def transform(text: str, replica: int, names: list[str]) -> str:
    """Replica ``replica`` of one issue's text (replica 0 is the text unchanged)."""
    if replica == 0:
        return text
    years, sequence = replica % _YEAR_SPAN, 1000 * (replica // _YEAR_SPAN)

    def year(match: re.Match[str]) -> str:
        return str(int(match.group(0)) + years)

    def number(match: re.Match[str]) -> str:
        return f"{match['open']}{int(match['seq']) + sequence}{match['close']}"

    out = re.sub(r"(?P<open>[〔\[【]\s*20\d\d\s*[〕\]】]\s*)(?P<seq>\d+)(?P<close>\s*号)", number, text)
    out = re.sub(r"(?<!\d)20[0-4]\d(?=\s*(?:年|[〕\]】]))", year, out)
    out = re.sub(r"(令\s*第\s*)(\d+)(\s*号)", lambda m: f"{m[1]}{int(m[2]) + 1000 * replica}{m[3]}", out)
    out = re.sub(r"总第\s*(\d+)\s*期", lambda m: f"总第{int(m.group(1)) + 1000 * replica}期", out)
    if names:
        renamed = {n: synthetic_name(n, replica) for n in names}
        out = re.sub("|".join(map(re.escape, names)), lambda m: renamed[m.group(0)], out)
    return out


def make_corpus(replicas: int, out: Path, sources: Iterable[Path] | None = None) -> list[Path]:
    """Write ``replicas`` copies of every source issue (the first is the original) into ``out``."""
    files = sorted(sources or BUNDLED.glob("*.txt"))
    names = person_names(files)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        for k in range(replicas):
            target = out / f"{path.stem}-r{k:03d}.txt"
            if not target.exists():
                target.write_text(transform(text, k, names), encoding="utf-8")
            written.append(target)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--replicas", type=int, default=10)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    files = make_corpus(args.replicas, args.out)
    size = sum(f.stat().st_size for f in files)
    print(f"{len(files)} files, {size / 1e6:.1f} MB in {args.out}")


if __name__ == "__main__":
    main()
