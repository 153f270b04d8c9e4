"""The record type designer's rows and the document they describe, both ways."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData, UploadFile

from services.console.record_form import BLANK_ROWS, document_of, form_of

DOCUMENT: dict[str, Any] = {
    "key": "order",
    "name": {"zh-CN": "订单", "en": "Order"},
    "client": "required",
    "fields": [
        {
            "key": "product",
            "type": "text",
            "label": {"zh-CN": "产品", "en": "Product"},
            "required": True,
        },
        {
            "key": "stage",
            "type": "single_choice",
            "label": {"zh-CN": "阶段", "en": "Stage"},
            "options": ["open", "won"],
        },
        {
            "key": "amount",
            "type": "money",
            "label": {"zh-CN": "金额", "en": "Amount"},
            "currency": "USD",
            "indexed": True,
        },
        {
            "key": "fee",
            "type": "computed",
            "label": {"zh-CN": "费", "en": "Fee"},
            "expression": "record.amount * 0.01",
        },
    ],
    "title_field": "product",
    "list_columns": ["amount", "product"],
    "layout": ["amount", "product", "stage", "fee"],
    "report": True,
}


def _submitted(document: dict[str, Any]) -> FormData:
    form = form_of(document)
    items: list[tuple[str, str | UploadFile]] = [
        ("name_zh", form.name_zh),
        ("name_en", form.name_en),
        ("client", form.client),
        ("title_field", form.title_field),
        ("report", "yes" if form.report else ""),
    ]
    for index, row in enumerate(form.rows):
        for name in ("key", "type", "zh", "en", "options", "currency", "record_type", "expression"):
            items.append((f"f{index}_{name}", str(getattr(row, name))))
        items.append((f"f{index}_place", str(row.place)))
        for flag in ("required", "unique", "indexed", "in_list"):
            if getattr(row, flag):
                items.append((f"f{index}_{flag}", "yes"))
    return FormData(items)


def test_the_rows_describe_the_document_they_were_made_from() -> None:
    assert len(form_of(DOCUMENT).rows) == len(DOCUMENT["fields"]) + BLANK_ROWS
    assert document_of("order", _submitted(DOCUMENT)) == DOCUMENT


def test_a_blank_row_filled_in_is_a_new_field_and_a_place_reorders_the_layout() -> None:
    form = _submitted(DOCUMENT)
    items = [(k, v) for k, v in form.multi_items() if not k.startswith("f4_")]
    items += [
        ("f4_key", "region"),
        ("f4_type", "multi_choice"),
        ("f4_options", "华东、华南"),
        ("f4_place", "0"),
        ("f4_in_list", "yes"),
    ]
    document = document_of("order", FormData(items))
    assert document["fields"][-1] == {
        "key": "region",
        "type": "multi_choice",
        "label": {"zh-CN": "region", "en": "region"},
        "options": ["华东", "华南"],
    }
    assert document["layout"][0] == "region"
    assert document["list_columns"] == ["region", "amount", "product"]  # in layout order
