"""Spreadsheet import with a row-level report, and segment export."""

from __future__ import annotations

import csv
import io
import uuid

import asyncpg
import httpx
import pytest
from openpyxl import Workbook, load_workbook

from services.clients import importer, spreadsheets
from tests.support import token

ADMIN = token("admin-imp", "admin")


def csv_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


async def upload(
    http: httpx.AsyncClient, content: bytes, name: str, **params: object
) -> httpx.Response:
    return await http.post(
        "/v1/clients:import",
        files={"file": (name, content)},
        params={k: str(v).lower() for k, v in params.items()},
        headers=ADMIN,
    )


async def search(http: httpx.AsyncClient, query: str) -> list[dict[str, object]]:
    response = await http.get("/v1/clients:search", params={"q": query}, headers=ADMIN)
    items: list[dict[str, object]] = response.json()["items"]
    return items


class TestImport:
    async def test_chinese_headers_then_reimport_updates_instead_of_doubling(
        self, gateway: httpx.AsyncClient
    ) -> None:
        marker = uuid.uuid4().hex[:6]
        rows = [
            ["姓名", "手机", "邮箱", "标签", "生日", "外部编号"],
            [
                f"李{marker}一",
                "13900000001",
                f"a{marker}@example.com",
                "vip、高净值",
                "1980-01-02",
                f"X{marker}1",
            ],
            [f"李{marker}二", "13900000002", f"b{marker}@example.com", "", "", f"X{marker}2"],
        ]
        first = await upload(gateway, csv_bytes(rows), "clients.csv")
        assert first.status_code == 200, first.text
        assert first.json() | {"errors": []} == {
            "rows": 2,
            "created": 2,
            "updated": 0,
            "rejected": 0,
            "committed": True,
            "errors": [],
        }
        found = await search(gateway, f"李{marker}一")
        assert found[0]["tags"] == ["vip", "高净值"] and found[0]["birthday"] == "1980-01-02"
        rows[1][2] = f"new{marker}@example.com"
        again = (await upload(gateway, csv_bytes(rows), "clients.csv")).json()
        assert (again["created"], again["updated"]) == (0, 2)
        assert len(await search(gateway, f"李{marker}")) == 2
        updated = (await search(gateway, f"李{marker}一"))[0]
        assert updated["email"] == f"new{marker}@example.com"
        assert updated["version"] == 2  # an import is a change like any other: ETags go stale

    async def test_a_row_repeating_an_earlier_rows_client_is_named_as_such(
        self, gateway: httpx.AsyncClient
    ) -> None:
        """By external id, phone or e-mail, across the import's batches."""
        marker = uuid.uuid4().hex[:6]
        rows = [["姓名", "手机", "邮箱", "外部编号"]]
        rows += [[f"重{marker}{n}", "", f"r{n}{marker}@example.com", ""] for n in range(1200)]
        rows.append([f"重{marker}x", "", f"r7{marker}@example.com", ""])  # the e-mail of row 9
        rows.append([f"重{marker}y", "13911112222", "", f"E{marker}"])
        rows.append([f"重{marker}z", "", "", f"E{marker}"])  # row 1204's external id
        response = await upload(gateway, csv_bytes(rows), "repeats.csv", all_or_nothing=False)
        assert response.status_code == 200, response.text
        report = response.json()
        assert (report["created"], report["rejected"]) == (1201, 2)
        assert [(e["row"], e["message"]) for e in report["errors"]] == [
            (1202, "is the same client as row 9"),
            (1204, "is the same client as row 1203"),
        ]

    async def test_all_or_nothing_writes_nothing_and_reports_the_row(
        self, gateway: httpx.AsyncClient
    ) -> None:
        marker = uuid.uuid4().hex[:6]
        content = xlsx_bytes(
            [
                ["Name", "Email"],
                [f"Good {marker}", f"g{marker}@example.com"],
                [f"Bad {marker}", "not-an-email"],
            ]
        )
        response = await upload(gateway, content, "book.xlsx", all_or_nothing=True)
        assert response.status_code == 422
        body = response.json()
        assert body["report"]["committed"] is False and body["report"]["created"] == 0
        assert body["report"]["errors"] == [
            {
                "row": 3,
                "column": "Email",
                "value": "not-an-email",
                "message": "is not an email address",
            }
        ]
        assert await search(gateway, f"Good {marker}") == []

    async def test_valid_rows_only_commits_the_good_rows(self, gateway: httpx.AsyncClient) -> None:
        marker = uuid.uuid4().hex[:6]
        content = xlsx_bytes(
            [
                ["Name", "Birthday"],
                [f"Ok {marker}", "1990-05-06"],
                ["", "1990-01-01"],
                [f"Late {marker}", "1990-02-31"],
            ]
        )
        report = (await upload(gateway, content, "book.xlsx", all_or_nothing=False)).json()
        assert (report["created"], report["rejected"], report["committed"]) == (1, 2, True)
        assert [(e["row"], e["column"]) for e in report["errors"]] == [(3, "Name"), (4, "Birthday")]
        assert len(await search(gateway, f"Ok {marker}")) == 1

    async def test_an_import_larger_than_the_lock_table_commits_with_its_audit_chains(
        self, gateway: httpx.AsyncClient, database_url: str
    ) -> None:
        """40,000 new clients in one transaction: more than PostgreSQL's shared lock table
        holds with default settings, so the audit chain must not take a lock per client."""
        marker = uuid.uuid4().hex[:6]
        rows = [["Name", "Phone", "External id"]] + [
            [f"Bulk {marker} {i}", f"1770{i:07d}", f"B{marker}-{i}"] for i in range(40_000)
        ]
        response = await upload(gateway, csv_bytes(rows), "bulk.csv", all_or_nothing=True)
        assert response.status_code == 200, response.text[:500]
        assert (response.json()["created"], response.json()["rejected"]) == (40_000, 0)
        connection = await asyncpg.connect(database_url.replace("+asyncpg", ""))
        try:
            chains = await connection.fetchrow(
                "SELECT count(*) AS entries, count(*) FILTER (WHERE a.seq = 1"
                " AND a.prev_hash = '' AND a.hash IS NOT NULL) AS opened"
                " FROM clients.audit_log a JOIN clients.clients c ON c.id = a.client_id"
                " WHERE c.name LIKE $1",
                f"Bulk {marker} %",
            )
            # Its 40,000 change events are not what later tests are about: relaying them
            # through the shared stack would hold every later test's events behind them
            # (the relay keeps id order) for over a minute.
            await connection.execute(
                "UPDATE clients.outbox o SET published_at = now() FROM clients.clients c"
                " WHERE c.id = o.client_id AND c.name LIKE $1 AND o.published_at IS NULL",
                f"Bulk {marker} %",
            )
        finally:
            await connection.close()
        assert (chains["entries"], chains["opened"]) == (40_000, 40_000)

    async def test_a_file_over_the_row_limit_is_400_and_writes_nothing(
        self, gateway: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(importer, "MAX_ROWS", 3)
        marker = uuid.uuid4().hex[:6]
        rows = [["Name"]] + [[f"Over {marker} {i}"] for i in range(4)]
        response = await upload(gateway, csv_bytes(rows), "big.csv")
        assert response.status_code == 400, response.text
        assert "more than 3 rows" in response.text and "big.csv" in response.text
        assert await search(gateway, f"Over {marker}") == []

    async def test_a_workbook_that_unpacks_too_far_is_400(
        self, gateway: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(spreadsheets, "MAX_UNPACKED_BYTES", 1000)
        response = await upload(gateway, xlsx_bytes([["Name"], ["x" * 2000]]), "wide.xlsx")
        assert response.status_code == 400, response.text
        assert "unpacks to" in response.text

    async def test_a_file_that_is_not_a_spreadsheet_is_400(
        self, gateway: httpx.AsyncClient
    ) -> None:
        png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
        response = await upload(gateway, png, "photo.png")
        assert response.status_code == 400
        assert response.json()["errors"][0]["field"] == "file"
        broken_zip = b"PK\x03\x04" + b"\x00" * 100
        assert (await upload(gateway, broken_zip, "broken.xlsx")).status_code == 400

    async def test_a_50_mb_upload_is_413(self, gateway: httpx.AsyncClient) -> None:
        response = await upload(gateway, b"a" * (50 * 1024 * 1024), "huge.csv")
        assert response.status_code == 413

    async def test_a_file_without_a_name_column_says_so(self, gateway: httpx.AsyncClient) -> None:
        response = await upload(gateway, csv_bytes([["phone"], ["13800000000"]]), "x.csv")
        assert response.status_code == 400 and "name column" in response.json()["detail"]

    async def test_advisors_cannot_import(self, gateway: httpx.AsyncClient) -> None:
        response = await gateway.post(
            "/v1/clients:import",
            files={"file": ("a.csv", csv_bytes([["name"], ["x"]]))},
            headers=token("a1", "advisor"),
        )
        assert response.status_code == 403


class TestExport:
    async def _segment(self, http: httpx.AsyncClient, marker: str, headers: dict[str, str]) -> str:
        body = {"name": f"export {marker}", "filter": {"tags_any": [marker]}}
        return str((await http.post("/v1/segments", json=body, headers=headers)).json()["id"])

    async def test_formulas_are_neutralised_in_csv_and_xlsx(
        self, gateway: httpx.AsyncClient
    ) -> None:
        marker = uuid.uuid4().hex[:8]
        evil = '=HYPERLINK("http://evil.example","click")'
        await gateway.post("/v1/clients", json={"name": evil, "tags": [marker]}, headers=ADMIN)
        segment = await self._segment(gateway, marker, ADMIN)
        as_csv = await gateway.get(
            f"/v1/segments/{segment}/export", params={"format": "csv"}, headers=ADMIN
        )
        assert as_csv.status_code == 200 and as_csv.headers["content-type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
        assert rows[1][1] == "'" + evil
        as_xlsx = await gateway.get(
            f"/v1/segments/{segment}/export", params={"format": "xlsx"}, headers=ADMIN
        )
        sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
        assert sheet is not None
        cell = sheet.cell(row=2, column=2)
        assert cell.data_type == "s" and cell.value == "'" + evil

    async def test_export_is_scoped_to_the_caller(self, gateway: httpx.AsyncClient) -> None:
        marker = uuid.uuid4().hex[:8]
        mine = token(f"adv-{marker}", "advisor")
        await gateway.post("/v1/clients", json={"name": "mine", "tags": [marker]}, headers=mine)
        await gateway.post(
            "/v1/clients",
            json={"name": "not mine", "advisor_id": "someone", "tags": [marker]},
            headers=ADMIN,
        )
        segment = await self._segment(gateway, marker, mine)
        exported = await gateway.get(
            f"/v1/segments/{segment}/export", params={"format": "csv"}, headers=mine
        )
        names = [row[1] for row in csv.reader(io.StringIO(exported.content.decode("utf-8-sig")))][
            1:
        ]
        assert names == ["mine"]

    async def test_unknown_segment_is_404(self, gateway: httpx.AsyncClient) -> None:
        response = await gateway.get(f"/v1/segments/{uuid.uuid4()}/export", headers=ADMIN)
        assert response.status_code == 404
