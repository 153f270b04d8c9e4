"""Reading and writing client spreadsheets: .xlsx read with calamine and written with openpyxl
(write-only mode), .csv both ways."""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from services.common.errors import InvalidArgument

# Header (lower-cased, trimmed) -> API field; zh-CN and en headers both map.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "client name", "姓名", "客户名称", "客户姓名", "名称"),
    "kind": ("kind", "type", "client type", "类型", "客户类型"),
    "advisor_id": ("advisor_id", "advisor", "客户经理", "理财经理", "顾问"),
    "team_id": ("team_id", "team", "团队"),
    "phone": ("phone", "mobile", "phone number", "手机", "手机号", "电话", "联系电话"),
    "email": ("email", "e-mail", "邮箱", "电子邮件", "电子邮箱"),
    "wecom_id": ("wecom_id", "wecom", "wechat", "企业微信", "微信"),
    "preferred_channel": ("preferred_channel", "preferred channel", "首选渠道"),
    "locale": ("locale", "language", "语言"),
    "timezone": ("timezone", "time zone", "时区"),
    "source_channel": ("source_channel", "source", "来源", "来源渠道"),
    "signed_on": ("signed_on", "signed on", "签约日期"),
    "birthday": ("birthday", "date of birth", "生日", "出生日期"),
    "contract_end": ("contract_end", "contract end", "合同到期日", "合同到期"),
    "risk_level": ("risk_level", "risk level", "风险等级"),
    "kyc_status": ("kyc_status", "kyc", "kyc状态"),
    "kyc_expires_on": ("kyc_expires_on", "kyc expires", "kyc到期日"),
    "tags": ("tags", "标签"),
    "external_id": ("external_id", "external id", "外部编号", "客户编号"),
}
KIND_VALUES = {
    "个人": "individual",
    "机构": "institution",
    "individual": "individual",
    "institution": "institution",
}
# comma, semicolon, their full-width forms, and the ideographic enumeration comma
TAG_SEPARATORS = (",", ";", "\uff0c", "\uff1b", "\u3001")
# What the parts of an uploaded workbook may add up to once decompressed: a 20 MB upload of
# repeated cells could otherwise unpack to gigabytes before a row is counted.
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
# Cells starting with these are formulas to a spreadsheet program (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _xlsx_rows(content: bytes) -> Iterator[list[str]]:
    """Rows of the first sheet, read by calamine (Rust): ~10x openpyxl's read speed."""
    try:
        unpacked = sum(part.file_size for part in zipfile.ZipFile(io.BytesIO(content)).infolist())
    except (zipfile.BadZipFile, ValueError) as error:
        raise InvalidArgument(
            "file", "(upload)", f"is not a readable .xlsx workbook: {error}"
        ) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise InvalidArgument(
            "file",
            "(upload)",
            f"unpacks to {unpacked} bytes, more than {MAX_UNPACKED_BYTES}; split it into parts",
        )
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
        rows = workbook.get_sheet_by_index(0).iter_rows()
    except Exception as error:  # calamine has its own error type for each kind of bad file
        raise InvalidArgument(
            "file", "(upload)", f"is not a readable .xlsx workbook: {error}"
        ) from None
    for row in rows:
        yield [_cell(v) for v in row]


def _encoding(content: bytes) -> str:
    """The CSV's encoding: UTF-8 (with or without a BOM) or GB18030, and no NUL in it."""
    if b"\x00" not in content:
        for encoding in ("utf-8-sig", "gb18030"):
            # Checked a megabyte at a time, never the whole text at once.
            decoder = codecs.getincrementaldecoder(encoding)()
            try:
                for start in range(0, len(content), 1 << 20):
                    decoder.decode(content[start : start + (1 << 20)])
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                continue
            return encoding
    raise InvalidArgument(
        "file", "(upload)", "is neither an .xlsx workbook nor a UTF-8/GB18030 CSV file"
    )


def read_rows(content: bytes, filename: str) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header and an iterator of (row number, cells); row 1 is the header."""
    if not content:
        raise InvalidArgument("file", filename, "is empty")
    if content[:4] == b"PK\x03\x04":
        rows: Iterator[list[str]] = _xlsx_rows(content)
    else:
        # Decoded as it is read: a StringIO of the whole text would hold 4 bytes a character.
        text = io.TextIOWrapper(io.BytesIO(content), encoding=_encoding(content), newline="")
        rows = (list(r) for r in csv.reader(text))
    try:
        header = [h.strip() for h in next(rows)]
    except StopIteration:
        raise InvalidArgument("file", filename, "has no header row") from None
    if not any(header):
        raise InvalidArgument("file", filename, "has an empty header row")
    numbered = (
        (number, row)
        for number, row in enumerate(rows, start=2)
        if any(cell.strip() for cell in row)
    )
    return header, numbered


def map_headers(header: list[str], custom_labels: dict[str, str]) -> dict[int, str]:
    """Column index -> field ("name", "custom_fields.<key>", ...); unknown columns are ignored."""
    lookup = {
        alias.lower(): field for field, aliases in HEADER_ALIASES.items() for alias in aliases
    }
    for key, label in custom_labels.items():
        lookup.setdefault(label.lower(), f"custom_fields.{key}")
        lookup[f"cf:{key}".lower()] = f"custom_fields.{key}"
    mapping: dict[int, str] = {}
    for index, title in enumerate(header):
        field = lookup.get(title.strip().lower())
        if field is not None and field not in mapping.values():
            mapping[index] = field
    if "name" not in mapping.values():
        raise InvalidArgument(
            "file", ", ".join(header)[:200], "needs a name column (name / 姓名 / 客户名称)"
        )
    return mapping


def neutralise(value: Any) -> Any:
    """Prefix text that a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def write_csv(header: list[str], rows: Iterable[list[Any]]) -> Iterator[bytes]:
    """CSV with a UTF-8 BOM (so Excel shows Chinese correctly), in chunks."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
        if buffer.tell() > 64_000:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def write_xlsx(header: list[str], rows: Iterable[list[Any]]) -> bytes:
    """An .xlsx (write-only mode keeps memory low while building it)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("clients")
    sheet.append(header)
    for row in rows:
        sheet.append([neutralise(v) for v in row])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
