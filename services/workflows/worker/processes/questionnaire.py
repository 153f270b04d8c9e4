"""The risk questionnaire of onboarding: questions, validation and the risk level.

Pure and deterministic, so the workflow scores it (and a replay scores it the same way).
Each answer is worth points; the total maps to the regulator's five levels C1 (conservative)
to C5 (aggressive). A change to the questions or the scale is a new `VERSION`, recorded
with the answers.
"""

from __future__ import annotations

import json
from typing import Any

VERSION = "2026-1"

QUESTIONS: dict[str, dict[str, int]] = {
    "age_band": {"under_30": 4, "30_50": 3, "50_65": 2, "over_65": 1},
    "horizon": {"under_1y": 1, "1_3y": 2, "3_5y": 3, "over_5y": 4},
    "loss_tolerance": {"none": 0, "up_to_10pct": 2, "up_to_20pct": 3, "over_20pct": 4},
    "experience": {"none": 1, "some": 2, "extensive": 4},
    "income_share": {"over_50pct": 1, "20_50pct": 2, "under_20pct": 4},
}

# Upper bounds of the total per level; above the last one is C5.
LEVELS = ((7, "C1"), (10, "C2"), (13, "C3"), (16, "C4"))


def validate(answers_json: str) -> dict[str, str]:
    """The answers, or ValueError naming the first bad one as `answers.<question>`."""
    try:
        answers: Any = json.loads(answers_json or "{}")
    except ValueError:
        raise ValueError("answers: is not a JSON object") from None
    if not isinstance(answers, dict):
        raise ValueError("answers: is not a JSON object")
    unknown = sorted(set(answers) - set(QUESTIONS))
    if unknown:
        raise ValueError(f"answers.{unknown[0]}: is not a question of this questionnaire")
    for question, options in QUESTIONS.items():
        value = answers.get(question)
        if value in (None, ""):
            raise ValueError(f"answers.{question}: is required")
        if value not in options:
            raise ValueError(f"answers.{question}={value!r}: must be one of {', '.join(options)}")
    return {question: str(answers[question]) for question in QUESTIONS}


def score(answers: dict[str, str]) -> tuple[int, str]:
    """(points, risk level) of validated answers."""
    points = sum(QUESTIONS[question][answers[question]] for question in QUESTIONS)
    for bound, level in LEVELS:
        if points <= bound:
            return points, level
    return points, "C5"
