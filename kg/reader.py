"""Input stage: find the gazette text files and decode them, whatever encoding they were saved in.

Gazettes arrive as plain text converted from PDF by assorted tools, so the same corpus mixes
UTF-8 (with or without BOM), UTF-16 (with or without BOM) and GB18030/GBK. The encoding is
detected from the bytes, never guessed from the file name, in this order:

1. a BOM (UTF-8, UTF-16 LE/BE) decides;
2. NUL bytes mean UTF-16 without BOM (the endianness whose reading looks like text wins) or,
   failing that, a binary file;
3. a high share of control bytes means a binary file;
4. strict UTF-8;
5. strict GB18030 (a superset of GBK and GB2312), accepted only when the result looks like
   Chinese text, and never for a file that is mostly valid UTF-8 with a few damaged bytes:
   decoding that as GB18030 would silently turn the whole file into mojibake.

Anything else is an ``InputError`` naming the path, the line and the byte offset of the first
byte that is not UTF-8. Line endings (CRLF, CR) are normalised to ``"\\n"`` and a BOM is
stripped: every character offset computed downstream is an offset into this normalised text,
not into the file's bytes. Standard library only.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError

log = logging.getLogger(__name__)

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # (BOM, encoding name reported, codec that decodes the bytes after the BOM)
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8"),
    (b"\xff\xfe", "utf-16-le", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be", "utf-16-be"),
)
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")

# C0 controls and DEL, except the whitespace controls text files legitimately hold (\t \n \v \f \r;
# pdftotext marks page breaks with \f).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_RATIO = 0.05
_C1_CONTROLS = re.compile("[\x80-\x9f]")

# What a Chinese government text is made of: ASCII, CJK ideographs, CJK and fullwidth punctuation
# and the symbols GBK carries (①, ●, ℃, №, ×, Greek letters...). Used to judge whether a GB18030
# or BOM-less UTF-16 reading (which can "succeed" on the wrong bytes) is plausible.
_ORDINARY = re.compile(
    "[\t\n\r\x0b\x0c -~\u00a0-\u00ff\u0370-\u03ff\u2000-\u206f\u2100-\u22ff\u2460-\u24ff"
    "\u2500-\u27bf\u3000-\u30ff\u3200-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
    "\U00020000-\U0003134f]+"
)
_MIN_ORDINARY_RATIO = 0.7
# Controls, unassigned code points, private use and lone surrogates: never in real text.
_BAD_CATEGORIES = frozenset({"Cc", "Cn", "Co", "Cs"})
_MAX_BAD_RATIO = 0.01
# Damaged UTF-8 (a byte lost or flipped in transfer) must not be read as GB18030: that "succeeds"
# more often than one would think and turns the whole file into mojibake (衢政 -> 琛㈡斂). Chinese in
# UTF-8 is mostly 3-byte sequences; GB18030 bytes form a valid one only by accident (~2% of
# characters of the corpus re-encoded, never more than 2 per undecodable run in any line). So bytes
# that, read as UTF-8, give at least this many 3-/4-byte characters, and this many per run of
# undecodable bytes, are UTF-8.
_WIDE_UTF8 = re.compile("[\u0800-\ufffc\ufffe\uffff\U00010000-\U0010ffff]")
_REPLACED_RUN = re.compile("\ufffd+")
_DAMAGED_UTF8_MIN_WIDE = 3
_DAMAGED_UTF8_WIDE_PER_ERROR = 4

_HINT_DECODE = "re-save the file as UTF-8 (`iconv -f GB18030 -t UTF-8` for GBK), or repair the damaged bytes"
_HINT_DECODE_BOM = "the file is cut short or damaged: convert the PDF again, or repair the bytes"  # also damaged UTF-8
_HINT_BINARY = "it is not a text file: convert the PDF to plain text first, or leave the file out"
_HINT_EMPTY = "the PDF conversion produced no text (a scanned PDF needs OCR); fix it or leave it out"
_HINT_READ = "check that the path exists and is readable"
_HINT_PATH = "check the path: pass .txt files or folders holding .txt files"


@dataclass(frozen=True, slots=True)
class DecodedText:
    """A decoded input file, with what provenance needs: encoding detected and hash of the bytes.

    ``text`` has its line endings normalised to ``"\\n"`` and no BOM; offsets into documents are
    offsets into this string. ``sha256`` hashes the original bytes, so it identifies the file as
    delivered, independent of how it was decoded.
    """

    text: str = field(repr=False)
    encoding: str
    sha256: str
    path: Path


def iter_input_files(paths: Sequence[str | Path]) -> list[Path]:
    """Expand files and folders into the list of files to read, in a reproducible order.

    Folders are walked recursively and only their ``*.txt`` files (case-insensitive) are taken,
    sorted, so a build does not depend on directory listing order; a file named explicitly is
    taken whatever its extension. Paths are taken in the order given and a file reached twice is
    listed once. A missing path raises ``InputError``.
    """
    files: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            try:
                found = sorted(p for p in path.rglob("*") if p.suffix.lower() == ".txt" and p.is_file())
            except OSError as exc:
                raise InputError(path, f"cannot list the folder: {exc.strerror or exc}", hint=_HINT_READ) from exc
            if not found:
                log.warning("no .txt files under %s", path)
        elif path.is_file():
            found = [path]
        elif path.exists():
            raise InputError(path, "not a regular file or folder", hint=_HINT_PATH)
        else:
            raise InputError(path, "no such file or folder", hint=_HINT_PATH)
        for file in found:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                files.append(file)
    return files


def read_text(path: str | Path) -> DecodedText:
    """Read and decode one input file; any failure is an ``InputError`` saying why."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read the file: {exc.strerror or exc}", hint=_HINT_READ) from exc
    return decode_bytes(data, path)


def decode_bytes(data: bytes, path: str | Path) -> DecodedText:
    """Decode the bytes of ``path`` by detecting their encoding (see the module docstring).

    ``path`` is only used in messages and in the result. Raises ``InputError`` (and nothing else)
    for binary, empty or undecodable data.
    """
    path = Path(path)
    if not data.strip():
        raise InputError(path, "empty file", hint=_HINT_EMPTY)
    text, encoding = _detect(data, path)
    text = _normalise_newlines(text)
    if not text.strip():
        raise InputError(path, "empty file", hint=_HINT_EMPTY)
    log.debug("%s: decoded as %s", path, encoding)
    return DecodedText(text, encoding, "sha256:" + hashlib.sha256(data).hexdigest(), path)


def _detect(data: bytes, path: Path) -> tuple[str, str]:
    """Return (text, encoding name) or raise ``InputError``."""
    if data.startswith(_UTF32_BOMS):
        raise InputError(path, "UTF-32 text is not supported", hint="re-save the file as UTF-8")
    for bom, name, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise _undecodable(path, data, name, exc, len(bom)) from None
            if _control_ratio(text) > _MAX_CONTROL_RATIO:
                raise InputError(path, "binary file", hint=_HINT_BINARY)
            return text, name

    if b"\x00" in data:
        guess = _guess_utf16(data)
        if guess is None:
            raise InputError(path, "binary file", hint=_HINT_BINARY)
        return guess

    control_bytes = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if control_bytes > _MAX_CONTROL_RATIO * len(data):
        raise InputError(path, "binary file", hint=_HINT_BINARY)

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    else:
        if not _C1_CONTROLS.search(text):
            return text, "utf-8"
        # Valid UTF-8 that decodes to C1 controls (U+0080–U+009F) is GB18030 in disguise: 聟 is b"\xc2\x85".
        try:
            other = data.decode("gb18030")
        except UnicodeDecodeError:
            return text, "utf-8"
        return (other, "gb18030") if _looks_like_text(other) else (text, "utf-8")

    if _is_damaged_utf8(data):
        what = "UTF-8 text with damaged bytes"
        raise _undecodable(path, data, "utf-8", utf8_error, 0, what=what, hint=_HINT_DECODE_BOM)
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_like_text(text):
            return text, "gb18030"
    raise _undecodable(path, data, "utf-8", utf8_error, 0)


def _is_damaged_utf8(data: bytes) -> bool:
    """Whether bytes that are not valid UTF-8 are still mostly UTF-8 (see ``_WIDE_UTF8``)."""
    text = data.decode("utf-8", errors="replace")
    wide = len(_WIDE_UTF8.findall(text))
    damaged_runs = len(_REPLACED_RUN.findall(text))
    return wide >= _DAMAGED_UTF8_MIN_WIDE and wide >= _DAMAGED_UTF8_WIDE_PER_ERROR * damaged_runs


def _guess_utf16(data: bytes) -> tuple[str, str] | None:
    """Read NUL-bearing bytes as BOM-less UTF-16 if either endianness gives plausible text.

    ASCII characters put a NUL in their high byte (odd positions in LE, even in BE); both
    readings are tried because CJK characters such as 一 (U+4E00) put NULs on the other side.
    The reading with fewer impossible characters, then more ordinary ones, wins; ties go to the
    endianness whose high bytes hold the NULs, then to LE.
    """
    if len(data) % 2:
        return None
    nul_even = data[0::2].count(0)
    nul_odd = data[1::2].count(0)
    candidates: list[tuple[tuple[int, int, int, int], str, str]] = []
    for name, high_byte_nuls, preference in (("utf-16-le", nul_odd, 0), ("utf-16-be", nul_even, 1)):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        ordinary, bad = _text_counts(text)
        candidates.append(((bad, -ordinary, -high_byte_nuls, preference), text, name))
    if not candidates:
        return None
    _, text, name = min(candidates)
    return (text, name) if _looks_like_text(text) else None


def _text_counts(text: str) -> tuple[int, int]:
    """(ordinary characters, impossible characters) in ``text``."""
    rest = _ORDINARY.sub("", text)
    bad = sum(unicodedata.category(ch) in _BAD_CATEGORIES for ch in rest)
    return len(text) - len(rest), bad


def _looks_like_text(text: str) -> bool:
    """Whether a reading that decoded without error is plausibly Chinese text, not noise."""
    if not text:
        return False
    ordinary, bad = _text_counts(text)
    return ordinary >= _MIN_ORDINARY_RATIO * len(text) and bad <= _MAX_BAD_RATIO * len(text)


def _control_ratio(text: str) -> float:
    """Share of control characters other than whitespace: high in binary data."""
    return len(_CONTROL_CHARS.findall(text)) / len(text) if text else 0.0


def _normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF, so offsets and line numbers agree across platforms."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _line_breaks(text: str) -> int:
    """Number of line breaks as counted after normalisation (CRLF counts once)."""
    return _normalise_newlines(text).count("\n")


def _undecodable(
    path: Path,
    data: bytes,
    name: str,
    exc: UnicodeDecodeError,
    skip: int,
    what: str | None = None,
    hint: str | None = None,
) -> InputError:
    """The error for bytes that are not valid ``name`` (``skip`` = BOM length before ``exc.object``)."""
    offset = skip + exc.start
    prefix = data[skip:offset].decode(name.removesuffix("-sig"))
    line = _line_breaks(prefix) + 1
    bad = data[offset : offset + 4].hex(" ")
    if name == "utf-8":
        what, hint = what or "not UTF-8, UTF-16 or GB18030/GBK text", hint or _HINT_DECODE
    else:
        what, hint = what or f"invalid {name} after a {name} byte-order mark", hint or _HINT_DECODE_BOM
    reason = f"cannot decode: {what} (first invalid bytes {bad} at byte offset {offset}, line {line})"
    return InputError(path, reason, line=line, byte_offset=offset, hint=hint)
