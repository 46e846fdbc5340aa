"""Input stage: encoding detection, rejection of unusable files, and folder walking.

The sample text is real: lines copied from the corpus (衢州政報 2018), so the byte patterns the
detector sees are those of actual gazettes, not of ASCII toy strings.
"""

from __future__ import annotations

import codecs
import hashlib
import pickle
import random
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kg.errors import ExtractionError, GazetteKGError, InputError
from kg.reader import DecodedText, decode_bytes, iter_input_files, read_text

CORPUS = Path("/work/shared/corpus")

# From corpus/002_a5cc36ccbffa9bf5.txt (lines 92-100) and 001_8386747fd2dce202.txt.
SAMPLE = (
    "衢州市人民政府关于 开展第四次经济普查的通知\n"
    "衢政发〔2018〕15号\n"
    "各县(市、区)人民政府,市政府各部门、直属各单位:\n"
    "国务院决定于2018年开展第四次全国经济普查。为认真贯彻《国务院关于开展第四次全国经济普查的通知》"
    "(国发〔2017〕53号)精神,现将有关事项通知如下:\n"
    "一、普查目的\n"
    "关于印发衢州市“十三五”结核病防治规划的通知(衢政办发[2018]29 号)\n"
    "\t2018年度\t全市\n"
)
SHORT = "衢州市人民政府关于 开展第四次经济普查的通知\n衢政发〔2018〕15号\n"

# (codec used to write the bytes, BOM written before them, encoding name decode_bytes must report)
ENCODINGS = [
    pytest.param("utf-8", b"", "utf-8", id="utf-8"),
    pytest.param("utf-8", codecs.BOM_UTF8, "utf-8-sig", id="utf-8-bom"),
    pytest.param("gb18030", b"", "gb18030", id="gb18030"),
    pytest.param("gbk", b"", "gb18030", id="gbk"),  # GBK is a subset of GB18030
    pytest.param("utf-16-le", codecs.BOM_UTF16_LE, "utf-16-le", id="utf-16-le-bom"),
    pytest.param("utf-16-be", codecs.BOM_UTF16_BE, "utf-16-be", id="utf-16-be-bom"),
    pytest.param("utf-16-le", b"", "utf-16-le", id="utf-16-le-nobom"),
    pytest.param("utf-16-be", b"", "utf-16-be", id="utf-16-be-nobom"),
]


def encode(text: str, codec: str, bom: bytes) -> bytes:
    return bom + text.encode(codec)


def with_endings(text: str, ending: str) -> str:
    return text.replace("\n", ending)


# --- round trips on real gazette lines ------------------------------------------------------------


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
@pytest.mark.parametrize(("codec", "bom", "name"), ENCODINGS)
@pytest.mark.parametrize("text", [SAMPLE, SHORT], ids=["sample", "short"])
def test_round_trip(text: str, codec: str, bom: bytes, name: str, ending: str) -> None:
    data = encode(with_endings(text, ending), codec, bom)
    decoded = decode_bytes(data, "issue.txt")
    assert decoded.text == text
    assert decoded.encoding == name
    assert decoded.path == Path("issue.txt")


def test_sha256_hashes_the_original_bytes() -> None:
    data = encode(with_endings(SHORT, "\r\n"), "utf-8", codecs.BOM_UTF8)
    decoded = decode_bytes(data, "a.txt")
    assert decoded.sha256 == "sha256:" + hashlib.sha256(data).hexdigest()
    # same text, other bytes: other hash (it identifies the file as delivered)
    assert decode_bytes(SHORT.encode("gb18030"), "a.txt").sha256 != decoded.sha256


def test_decoded_text_is_frozen_and_repr_is_short() -> None:
    decoded = decode_bytes(SAMPLE.encode(), "a.txt")
    with pytest.raises(AttributeError):
        decoded.text = "x"  # type: ignore[misc]
    assert "普查" not in repr(decoded)


def test_extension_does_not_decide(tmp_path: Path) -> None:
    path = tmp_path / "looks-like.utf16.txt"
    path.write_bytes(SAMPLE.encode("gbk"))
    decoded = read_text(path)
    assert (decoded.text, decoded.encoding, decoded.path) == (SAMPLE, "gb18030", path)


def test_bom_is_stripped_and_only_once() -> None:
    decoded = decode_bytes(codecs.BOM_UTF8 + SHORT.encode(), "a.txt")
    assert not decoded.text.startswith("\ufeff")


def test_form_feed_page_breaks_are_text() -> None:
    text = SHORT + "\f" + SHORT  # pdftotext separates pages with \f
    assert decode_bytes(text.encode(), "a.txt").text == text


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not available")
@pytest.mark.parametrize("codec", ["utf-8", "gb18030", "utf-16-le"])
def test_whole_corpus_files(codec: str) -> None:
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_bytes().decode("utf-8")
        decoded = decode_bytes(text.encode(codec), path)
        assert decoded.text == text.replace("\r\n", "\n")
        assert decoded.encoding == codec


# --- rejected input -----------------------------------------------------------------------------


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


# A complete 1x1 RGBA PNG, and its signature plus IHDR chunk alone (NULs on both byte parities).
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_IHDR = png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0))
PNG_1X1 = (
    PNG_SIGNATURE
    + PNG_IHDR
    + png_chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00\xff"))
    + png_chunk(b"IEND", b"")
)
PNG_HEADER = PNG_SIGNATURE + PNG_IHDR


def random_bytes(n: int, seed: int, nul: bool) -> bytes:
    rng = random.Random(seed)
    data = bytearray(rng.randrange(256) for _ in range(n))
    if nul:
        data[10] = data[11] = 0
    else:
        data = data.replace(b"\x00", b"\x01")
    return bytes(data)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(PNG_1X1, id="png"),
        pytest.param(PNG_HEADER, id="png-header"),
        pytest.param(random_bytes(4096, 1, nul=True), id="random-with-nul"),
        pytest.param(random_bytes(4097, 2, nul=True), id="random-with-nul-odd"),
        pytest.param(random_bytes(4096, 3, nul=False), id="random-without-nul"),
        pytest.param(SHORT.encode() + b"\x00" + SHORT.encode(), id="utf8-with-nul"),
        pytest.param(b"\x01\x02\x03\x04" * 20 + SHORT.encode(), id="control-bytes"),
        pytest.param(codecs.BOM_UTF16_LE + "\x01\x02\x03".encode("utf-16-le") * 30, id="utf16-controls"),
    ],
)
def test_binary_is_rejected(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "scan.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_text(path)
    assert info.value.reason == "binary file"
    assert info.value.path == path
    assert str(path) in str(info.value)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b" \t\r\n\n  \r\n", id="ascii-whitespace"),
        pytest.param("\u3000\n\u3000\n".encode(), id="ideographic-spaces"),
        pytest.param(codecs.BOM_UTF8, id="utf8-bom-only"),
        pytest.param(codecs.BOM_UTF16_LE, id="utf16-bom-only"),
        pytest.param(" \n \r\n".encode("utf-16-le"), id="utf16-whitespace"),
    ],
)
def test_empty_is_rejected(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_text(path)
    assert info.value.reason == "empty file"
    assert str(path) in str(info.value)


def truncated_on_line_2(ending: str = "\n") -> tuple[bytes, int]:
    """SHORT with 政 (3 bytes in UTF-8) cut to its first 2 bytes, mid-line on line 2."""
    data = with_endings(SHORT, ending).encode()
    at = data.index("衢政发".encode()) + len("衢".encode())
    return data[: at + 2] + data[at + 3 :], at


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_truncated_multibyte_names_path_line_and_offset(tmp_path: Path, ending: str) -> None:
    data, at = truncated_on_line_2(ending)
    with pytest.raises(UnicodeDecodeError):
        data.decode("gb18030")  # the premise: no fallback can read it either
    path = tmp_path / "damaged.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_text(path)
    error = info.value
    assert (error.path, error.line, error.byte_offset) == (path, 2, at)
    message = str(error)
    assert message.startswith(f"{path}:2: ")
    assert f"byte offset {at}" in message
    assert "UTF-8" in message  # says what to do


def test_damaged_utf8_is_not_read_as_gb18030() -> None:
    # A real TOC line from the corpus with one byte dropped: valid GB18030, which would silently
    # decode as 閫氱煡(琛㈡斂鍔炲彂... — it must be reported instead.
    good = "通知(衢政办发[2018]32号) 3\n".encode()
    at = good.index("号".encode())
    data = good[:at] + good[at + 1 :]
    data.decode("gb18030")  # the premise: GB18030 accepts these bytes
    with pytest.raises(InputError) as info:
        decode_bytes(data, "toc.txt")
    assert (info.value.line, info.value.byte_offset) == (1, at)
    assert "damaged" in str(info.value)


def test_gb18030_noise_is_rejected() -> None:
    data = b"\xaa\xa1" * 40  # decodes, but to private-use characters only
    assert data.decode("gb18030")
    with pytest.raises(InputError) as info:
        decode_bytes(data, "pua.txt")
    assert (info.value.line, info.value.byte_offset) == (1, 0)


def test_truncated_utf16_with_bom() -> None:
    data = codecs.BOM_UTF16_LE + SHORT.encode("utf-16-le")[:-1]
    with pytest.raises(InputError) as info:
        decode_bytes(data, "half.txt")
    assert info.value.line == 2  # the half-written character is the line feed ending line 2
    assert info.value.byte_offset == len(data) - 1


def test_utf32_is_refused_with_advice() -> None:
    with pytest.raises(InputError, match="UTF-32"):
        decode_bytes(codecs.BOM_UTF32_LE + SHORT.encode("utf-32-le"), "wide.txt")


def test_unreadable_file_is_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_text(tmp_path)  # a folder: OSError from read_bytes
    assert str(tmp_path) in str(info.value)
    with pytest.raises(InputError, match="no-such"):
        read_text(tmp_path / "no-such.txt")


# --- folders ------------------------------------------------------------------------------------


def make_tree(root: Path) -> None:
    for rel in ["b/2.txt", "a/1.txt", "a/sub/z/3.txt", "a/sub/0.txt", "a/notes.md", "a/UPPER.TXT", "top.txt"]:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(SHORT, encoding="utf-8")


def test_folders_are_walked_recursively_and_sorted(tmp_path: Path) -> None:
    make_tree(tmp_path)
    files = iter_input_files([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in files] == [
        "a/1.txt",
        "a/UPPER.TXT",
        "a/sub/0.txt",
        "a/sub/z/3.txt",
        "b/2.txt",
        "top.txt",
    ]
    assert iter_input_files([str(tmp_path)]) == files


def test_named_files_taken_whatever_the_extension_in_order_once(tmp_path: Path) -> None:
    make_tree(tmp_path)
    md = tmp_path / "a" / "notes.md"
    files = iter_input_files([md, tmp_path / "b", tmp_path / "b" / "2.txt", tmp_path / "top.txt"])
    assert files == [md, tmp_path / "b" / "2.txt", tmp_path / "top.txt"]


def test_missing_path_is_input_error(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(SHORT, encoding="utf-8")
    missing = tmp_path / "2018-05.txt"
    with pytest.raises(InputError) as info:
        iter_input_files([tmp_path / "ok.txt", missing])
    assert info.value.path == missing
    assert str(missing) in str(info.value)


def test_empty_folder_gives_no_files(tmp_path: Path) -> None:
    assert iter_input_files([tmp_path]) == []


# --- errors ------------------------------------------------------------------------------------


def test_errors_are_gazette_errors_and_survive_pickling() -> None:
    error = InputError("x/y.txt", "cannot decode", line=3, byte_offset=17, hint="re-save it")
    assert isinstance(error, GazetteKGError)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.path, copy.reason, copy.line, copy.byte_offset, str(copy)) == (
        Path("x/y.txt"),
        "cannot decode",
        3,
        17,
        "x/y.txt:3: cannot decode; re-save it",
    )
    extraction = pickle.loads(pickle.dumps(ExtractionError("x/y.txt", "no document recognised")))
    assert str(extraction).startswith("x/y.txt: no document recognised; ")


# --- properties ----------------------------------------------------------------------------------

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)  # all of it is in GBK
ASCII = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
PUNCT = st.sampled_from(list("，。、；：？！“”‘’（）《》〔〕【】…—·　①②③●℃×"))
BREAKS = st.sampled_from(["\n", "\r", "\t"])  # "\r" then "\n" makes CRLF
TEXT = st.text(alphabet=st.one_of(CJK, ASCII, PUNCT, BREAKS), min_size=1, max_size=200)

PROPERTY_ENCODINGS = [tuple(param.values[:2]) for param in ENCODINGS]
PROPERTY_IDS = [param.id for param in ENCODINGS]


def normalised(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@pytest.mark.parametrize(("codec", "bom"), PROPERTY_ENCODINGS, ids=PROPERTY_IDS)
@settings(max_examples=300, suppress_health_check=[HealthCheck.filter_too_much])
@given(text=TEXT)
def test_property_round_trip(codec: str, bom: bytes, text: str) -> None:
    assume(text.strip())
    if codec.startswith("utf-16") and not bom:
        # Without a BOM only the NULs of ASCII characters reveal UTF-16, and a line feed is what
        # makes the two byte orders tell apart; every real file has line feeds.
        assume("\n" in normalised(text))
    data = encode(text, codec, bom)
    decoded = decode_bytes(data, "p.txt")
    if codec in ("gb18030", "gbk"):
        try:
            as_utf8 = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            # Bytes that are valid UTF-8 are UTF-8 (detection tries it first, by design) unless they
            # decode to C1 controls, which no text holds: then the GB18030 reading wins.
            if not any("\x80" <= ch <= "\x9f" for ch in as_utf8):
                assert (decoded.text, decoded.encoding) == (normalised(as_utf8), "utf-8")
                return
    assert decoded.text == normalised(text)
    assert "\r" not in decoded.text


def corrupt(data: bytes, where: int, byte: int) -> bytes:
    at = where % (len(data) + 1)
    return data[:at] + bytes([byte]) + data[at:]


ENCODED = st.builds(lambda text, enc: encode(text, *enc), TEXT, st.sampled_from(PROPERTY_ENCODINGS))
ARBITRARY = st.one_of(
    st.binary(max_size=400),
    ENCODED,
    st.builds(corrupt, ENCODED, st.integers(0, 10_000), st.integers(0, 255)),
    st.builds(lambda data, n: data[:n], ENCODED, st.integers(0, 400)),
)


@settings(max_examples=1000)
@given(data=ARBITRARY)
def test_property_only_input_errors(data: bytes) -> None:
    try:
        decoded = decode_bytes(data, "any.bin")
    except InputError as error:
        assert error.path == Path("any.bin")
        assert error.line is None or error.line >= 1
        assert str(error).startswith("any.bin")
    else:
        assert isinstance(decoded, DecodedText)
        assert decoded.text.strip()
        assert "\r" not in decoded.text


@settings(max_examples=300)
@given(text=TEXT, where=st.integers(0, 10_000))
def test_property_error_line_is_right(text: str, where: int) -> None:
    """A byte that is neither UTF-8 nor GB18030 (0xFF) is reported on the line it is on."""
    assume(text.strip())
    data = text.encode("utf-8")
    boundaries = [0] + [len(text[: i + 1].encode()) for i in range(len(text))]
    at = boundaries[where % len(boundaries)]
    damaged = data[:at] + b"\xff" + data[at:]
    with pytest.raises(InputError) as info:
        decode_bytes(damaged, "d.txt")
    assert info.value.byte_offset == at
    assert info.value.line == normalised(data[:at].decode()).count("\n") + 1


def test_gb18030_bytes_that_are_also_valid_utf8_c1_controls() -> None:
    """Regression (hypothesis found it): 聟 in GB18030 is b"\\xc2\\x85", valid UTF-8 for U+0085 (NEL)."""
    data = "聟".encode("gb18030")
    decoded = decode_bytes(data, "p.txt")
    assert (decoded.text, decoded.encoding) == ("聟", "gb18030")
