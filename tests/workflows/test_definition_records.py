"""A definition that makes a record, waits for one of its fields and changes it, under the
time-skipping server: the wait reads the field at once, again when a `record:<id>` signal
says the record changed (and every few hours regardless), and takes `on_timeout` past its
timeout; the record's id is the one the clients service derives from the create action's
idempotency key."""

from __future__ import annotations

import json
import os
import uuid
from datetime import timedelta
from typing import Any

from temporalio.testing import WorkflowEnvironment

from services.workflows.service.automation.definition_checks import validate
from services.workflows.worker.interpreter.workflow import DefinitionResult
from tests.workflows.definition_support import HISTORIES, Env, env_queue, start

__all__ = ["env_queue"]


def order_definition() -> dict[str, Any]:
    return {
        "key": "order-follow-up",
        "name": {"zh-CN": "订单跟进", "en": "Order follow-up"},
        "start": "open",
        "nodes": [
            {
                "id": "open",
                "kind": "update",
                "actions": [
                    {"kind": "add_tag", "target": "ordering"},
                    {
                        "kind": "create_record",
                        "target": "order",
                        "parameters": {"product": "基金A", "status": "open"},
                    },
                ],
                "next": "paid",
            },
            {
                "id": "paid",
                "kind": "wait",
                "record": {
                    "node": "open",
                    "field": "status",
                    "values": ["paid", "settled"],
                    "timeout": {"days": 3},
                    "on_timeout": "chase",
                },
                "next": "close",
            },
            {
                "id": "close",
                "kind": "update",
                "actions": [
                    {
                        "kind": "update_record",
                        "target": "order",
                        "record": "open",
                        "parameters": {"status": "closed"},
                    }
                ],
                "next": "done",
            },
            {"id": "chase", "kind": "end", "outcome": "chased"},
            {"id": "done", "kind": "end", "outcome": "closed"},
        ],
    }


def made_id(workflow_id: str) -> str:
    key = f"{workflow_id}/open/1"
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"clientflow:record:{key}"))


async def test_a_process_waits_for_its_orders_payment_then_closes_it(
    time_skipping_env: WorkflowEnvironment, env_queue: Env
) -> None:
    _services, fakes, queue = env_queue
    handle = await start(time_skipping_env, queue, "order-follow-up", order_definition())
    record_id = made_id(handle.id)
    while not fakes.reads:
        await time_skipping_env.sleep(timedelta(seconds=1))
    assert fakes.reads[0].record_id == record_id and fakes.reads[0].type == "order"
    fakes.records[record_id] = {"status": "paid"}
    await handle.signal("definition_signal", f"record:{record_id}")
    result: DefinitionResult = await handle.result()
    assert result.outcome == "closed"
    closing = json.loads(fakes.updates[-1].actions_json)
    assert closing == [
        {
            "kind": "update_record",
            "target": "order",
            "record": "open",
            "parameters": {"status": "closed"},
            "record_id": record_id,
        }
    ]
    # Woken by the signal, well before the six-hourly read.
    assert len(fakes.reads) == 2
    if os.environ.get("CLIENTFLOW_RECORD_HISTORIES"):
        (HISTORIES / "definition_records.json").write_text(
            json.dumps(
                {"workflow_id": handle.id, **(await handle.fetch_history()).to_json_dict()},
                indent=1,
            )
        )


async def test_an_order_never_paid_is_chased_after_the_timeout(
    time_skipping_env: WorkflowEnvironment, env_queue: Env
) -> None:
    _services, fakes, queue = env_queue
    handle = await start(time_skipping_env, queue, "order-follow-up", order_definition())
    result: DefinitionResult = await handle.result()
    assert result.outcome == "chased"
    # Read at the start and every six hours for three days.
    assert 12 <= len(fakes.reads) <= 14


def test_record_references_are_checked() -> None:
    wrong = order_definition()
    wrong["nodes"][1]["record"]["node"] = "close"
    wrong["nodes"][2]["actions"][0]["record"] = "paid"
    _definition, problems = validate(wrong)
    assert {p.field for p in problems} == {
        "nodes[paid].record.node",
        "nodes[close].actions[0].record",
    }
    missing = order_definition()
    del missing["nodes"][2]["actions"][0]["record"]
    _definition, problems = validate(missing)
    assert [p.field for p in problems] == ["nodes[close].actions[0].record"]
