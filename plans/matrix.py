"""The risk matrix, read from plans/data/risk-matrix.yaml. Pure: no database.

A malformed file fails loudly with the file, the path inside it and the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from lib.translated import pick_text

from lib import yamlio

MATRIX_FILE = Path(__file__).resolve().parent / "data" / "risk-matrix.yaml"
FORMAT = "prongsai.risk-matrix/1"
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


class MatrixFileError(ValueError):
    def __init__(self, source: str, path: str, reason: str):
        super().__init__(f"{source}: {path or '(top)'}: {reason}")


def _pick(text: dict) -> str:
    return pick_text(text)


@dataclass(frozen=True)
class Level:
    id: str
    label_th: str
    label_en: str
    colour: str
    text_colour: str
    rank: int

    @property
    def label(self) -> str:
        return _pick({"th": self.label_th, "en": self.label_en})


@dataclass(frozen=True)
class ScaleStep:
    value: int
    label_th: str
    label_en: str

    @property
    def label(self) -> str:
        return _pick({"th": self.label_th, "en": self.label_en})


@dataclass(frozen=True)
class RiskMatrix:
    id: str
    name_th: str
    name_en: str
    likelihood: tuple[ScaleStep, ...]
    impact: tuple[ScaleStep, ...]
    levels: tuple[Level, ...]
    grid: dict[tuple[int, int], str]  # (likelihood, impact) -> level id

    @property
    def name(self) -> str:
        return _pick({"th": self.name_th, "en": self.name_en})

    @property
    def likelihood_values(self) -> list[int]:
        return [step.value for step in self.likelihood]

    @property
    def impact_values(self) -> list[int]:
        return [step.value for step in self.impact]

    def level(self, likelihood: int, impact: int) -> Level:
        """The level of a cell; KeyError when the cell is outside the matrix."""
        level_id = self.grid[(likelihood, impact)]
        return next(level for level in self.levels if level.id == level_id)

    def contains(self, likelihood: int, impact: int) -> bool:
        return (likelihood, impact) in self.grid


def parse_matrices(data: object, source: str = "<data>") -> dict[str, RiskMatrix]:
    def fail(path: str, reason: str):
        raise MatrixFileError(source, path, reason)

    if not isinstance(data, dict) or data.get("format") != FORMAT:
        fail("format", f"must be {FORMAT}")
    matrices = data.get("matrices")
    if not isinstance(matrices, list) or not matrices:
        fail("matrices", "must be a non-empty list")
    result: dict[str, RiskMatrix] = {}
    for index, raw in enumerate(matrices):
        here = f"matrices[{index}]"
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            fail(here, "needs an id")
        steps: dict[str, tuple[ScaleStep, ...]] = {}
        for axis in ("likelihood", "impact"):
            values = raw.get(axis)
            if not isinstance(values, list) or not values:
                fail(f"{here}.{axis}", "must be a non-empty list")
            parsed = []
            for i, step in enumerate(values):
                if not isinstance(step, dict) or not isinstance(step.get("value"), int) or step["value"] < 1:
                    fail(f"{here}.{axis}[{i}]", "needs a positive integer value")
                label = step.get("label") or {}
                if not label.get("th"):
                    fail(f"{here}.{axis}[{i}].label", "needs a Thai label (th)")
                parsed.append(ScaleStep(step["value"], label["th"], label.get("en", "")))
            if len({s.value for s in parsed}) != len(parsed):
                fail(f"{here}.{axis}", "values must be unique")
            steps[axis] = tuple(sorted(parsed, key=lambda s: s.value))
        levels = []
        for i, level in enumerate(raw.get("levels") or []):
            path = f"{here}.levels[{i}]"
            if not isinstance(level, dict) or not level.get("id"):
                fail(path, "needs an id")
            if not COLOUR.match(str(level.get("colour", ""))):
                fail(f"{path}.colour", "must look like #rrggbb")
            label = level.get("label") or {}
            if not label.get("th"):
                fail(f"{path}.label", "needs a Thai label (th)")
            levels.append(
                Level(level["id"], label["th"], label.get("en", ""), level["colour"],
                      level.get("text_colour", "#000000"), i)
            )
        if not levels:
            fail(f"{here}.levels", "must be a non-empty list")
        level_ids = {level.id for level in levels}
        grid_raw = raw.get("grid")
        if not isinstance(grid_raw, dict):
            fail(f"{here}.grid", "must map each likelihood value to a row")
        grid: dict[tuple[int, int], str] = {}
        for likelihood in steps["likelihood"]:
            row = grid_raw.get(likelihood.value)
            if not isinstance(row, list) or len(row) != len(steps["impact"]):
                fail(f"{here}.grid.{likelihood.value}", f"needs {len(steps['impact'])} cells, one per impact value")
            for impact, level_id in zip(steps["impact"], row):
                if level_id not in level_ids:
                    fail(f"{here}.grid.{likelihood.value}", f"unknown level {level_id!r}")
                grid[(likelihood.value, impact.value)] = level_id
        extra = set(grid_raw) - {s.value for s in steps["likelihood"]}
        if extra:
            fail(f"{here}.grid", f"rows for unknown likelihood values {sorted(extra)}")
        result[raw["id"]] = RiskMatrix(
            raw["id"], (raw.get("name") or {}).get("th", raw["id"]), (raw.get("name") or {}).get("en", ""),
            steps["likelihood"], steps["impact"], tuple(levels), grid,
        )
    return result


@lru_cache(maxsize=4)
def load_matrices(path: Path = MATRIX_FILE) -> dict[str, RiskMatrix]:
    try:
        data = yamlio.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise MatrixFileError(str(path), "", f"cannot read: {exc}") from None
    return parse_matrices(data, str(path))


DEFAULT_MATRIX = "standard-5x5"


def get_matrix(matrix_id: str = DEFAULT_MATRIX) -> RiskMatrix:
    return load_matrices()[matrix_id]
