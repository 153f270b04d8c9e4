"""The onboarding risk questionnaire: every answer validated by name, the score's levels."""

from __future__ import annotations

import json

import pytest

from services.workflows.worker.processes import questionnaire

CAUTIOUS = {
    "age_band": "over_65",
    "horizon": "under_1y",
    "loss_tolerance": "none",
    "experience": "none",
    "income_share": "over_50pct",
}
BOLD = {
    "age_band": "under_30",
    "horizon": "over_5y",
    "loss_tolerance": "over_20pct",
    "experience": "extensive",
    "income_share": "under_20pct",
}


def test_the_extremes_are_c1_and_c5() -> None:
    assert questionnaire.score(questionnaire.validate(json.dumps(CAUTIOUS))) == (4, "C1")
    assert questionnaire.score(questionnaire.validate(json.dumps(BOLD))) == (20, "C5")


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ("[1]", "answers: is not a JSON object"),
        (json.dumps({**CAUTIOUS, "age_band": ""}), "answers.age_band: is required"),
        (json.dumps({**CAUTIOUS, "pets": "cat"}), "answers.pets: is not a question"),
        (json.dumps({**CAUTIOUS, "horizon": "10y"}), "answers.horizon='10y': must be one of"),
    ],
)
def test_bad_answers_name_the_question(answers: str, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("[", r"\[")) as raised:
        questionnaire.validate(answers)
    assert str(raised.value).startswith(message)
