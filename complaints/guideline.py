"""The complaint-handling guideline as data (complaints/data/guideline.yaml): states, their
deadlines and duties, and the lists of categories, channels, outcomes and referral bodies."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

from lib.translated import TranslatedMixin

PATH = Path(__file__).parent / "data" / "guideline.yaml"


@dataclass(frozen=True)
class Choice(TranslatedMixin):
    code: str
    label_th: str
    label_en: str

    @property
    def label(self) -> str:
        return self.tr("label")


@dataclass(frozen=True)
class State(Choice):
    deadline_days: int | None
    duty_th: str
    duty_en: str
    next: tuple[str, ...]

    @property
    def duty(self) -> str:
        return self.tr("duty")


@dataclass(frozen=True)
class Guideline:
    states: dict[str, State]
    categories: dict[str, Choice]
    channels: dict[str, Choice]
    outcomes: dict[str, Choice]
    referral_bodies: dict[str, Choice]
    reminder_days_before: int
    retention_days: int

    def state(self, code: str) -> State:
        return self.states[code]


def _choices(rows) -> dict[str, Choice]:
    return {row["code"]: Choice(row["code"], row["label_th"], row["label_en"]) for row in rows}


def parse(text: str) -> Guideline:
    data = yaml.safe_load(text)
    states = {
        row["code"]: State(
            row["code"], row["label_th"], row["label_en"], row.get("deadline_days"),
            row.get("duty_th", ""), row.get("duty_en", ""), tuple(row.get("next", [])),
        )
        for row in data["states"]
    }
    for state in states.values():
        unknown = set(state.next) - set(states)
        if unknown:
            raise ValueError(f"{PATH.name}: states/{state.code}/next: unknown state(s) {sorted(unknown)}")
    if "received" not in states or "closed" not in states:
        raise ValueError(f"{PATH.name}: states: 'received' and 'closed' are required")
    return Guideline(
        states=states,
        categories=_choices(data["categories"]),
        channels=_choices(data["channels"]),
        outcomes=_choices(data["outcomes"]),
        referral_bodies=_choices(data["referral_bodies"]),
        reminder_days_before=int(data["reminder_days_before"]),
        retention_days=int(data["retention_days"]),
    )


@functools.cache
def guideline() -> Guideline:
    return parse(PATH.read_text(encoding="utf-8"))
