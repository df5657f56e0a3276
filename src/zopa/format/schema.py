"""Frozen pydantic models of scenario format 1: the shape of what a user may write.

This module checks structure and single-field rules only (types, ranges, id syntax, sorted
curves, unique options). Rules that span fields (a preference on an existing issue, a
`status_quo` inside its range, unique red-line ids, expressions over known issues) live in
`scenario.semantics`, which reports each problem at its own YAML path.
"""

from __future__ import annotations

import itertools
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
)

IDENTIFIER_PATTERN = r"^[a-z_][a-z0-9_]*$"
"""Issue, actor, step and source ids: usable as names inside expressions."""

CONSTRAINT_ID_PATTERN = r"^[a-z0-9_][a-z0-9_-]*$"
"""Red-line and rule ids: may contain hyphens (`lasting-deal`), referred to as `actor/id`."""

Identifier = Annotated[str, Field(pattern=IDENTIFIER_PATTERN, max_length=64)]
ConstraintId = Annotated[str, Field(pattern=CONSTRAINT_ID_PATTERN, max_length=64)]
Number = StrictInt | StrictFloat
"""A YAML number; booleans and strings are rejected rather than coerced."""

UnitNumber = Annotated[Number, Field(ge=0, le=1)]
PositiveNumber = Annotated[Number, Field(gt=0)]
ExpressionText = Annotated[StrictStr, Field(min_length=1, max_length=2000)]
Text = Annotated[StrictStr, Field(max_length=20_000)]


def _unique(items: tuple[str, ...]) -> tuple[str, ...]:
    seen: set[str] = set()
    for item in items:
        if item in seen:
            raise ValueError(f"{item!r} is listed twice; list each one once")
        seen.add(item)
    return items


def _sorted_curve(points: tuple[tuple[float, float], ...]) -> tuple[tuple[float, float], ...]:
    for (x0, _), (x1, _) in itertools.pairwise(points):
        if not x1 > x0:
            raise ValueError(
                f"curve points must be sorted by strictly increasing x, but x={x1!r} follows "
                f"x={x0!r}; reorder the points or merge the duplicate"
            )
    return points


class FrozenModel(BaseModel):
    """Base of every format model: immutable, and unknown keys are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class NumberIssue(FrozenModel):
    """A real number in [min, max]."""

    type: Literal["number"]
    min: Number
    max: Number
    unit: Text | None = None
    status_quo: Number | None = None
    description: Text | None = None


class IntegerIssue(FrozenModel):
    """A whole number in [min, max]."""

    type: Literal["integer"]
    min: StrictInt
    max: StrictInt
    unit: Text | None = None
    status_quo: StrictInt | None = None
    description: Text | None = None
    controlled_by: Identifier | None = None
    """The actor that may change this issue on its own (`zopa stability`)."""


class ChoiceIssue(FrozenModel):
    """One option out of a list; `ordered` allows `<`, `>=`… by position in the list."""

    type: Literal["choice"]
    options: Annotated[
        tuple[Annotated[StrictStr, Field(min_length=1, max_length=200)], ...],
        Field(min_length=1, max_length=1000),
        AfterValidator(_unique),
    ]
    ordered: StrictBool = False
    status_quo: StrictStr | None = None
    description: Text | None = None
    controlled_by: Identifier | None = None
    """The actor that may change this issue on its own (`zopa stability`)."""


class BooleanIssue(FrozenModel):
    """Yes or no."""

    type: Literal["boolean"]
    status_quo: StrictBool | None = None
    description: Text | None = None
    controlled_by: Identifier | None = None
    """The actor that may change this issue on its own (`zopa stability`)."""
    direction: Literal["both", "to_true", "to_false"] = "both"
    """Which way its controller may move it: an irreversible move goes one way only."""


class SequenceIssue(FrozenModel):
    """An order of all `steps`; `SEQ.STEP` in expressions is a step's 1-based position."""

    type: Literal["sequence"]
    steps: Annotated[
        tuple[Identifier, ...], Field(min_length=1, max_length=50), AfterValidator(_unique)
    ]
    status_quo: tuple[Identifier, ...] | None = None
    description: Text | None = None


Issue = Annotated[
    NumberIssue | IntegerIssue | ChoiceIssue | BooleanIssue | SequenceIssue,
    Field(discriminator="type"),
]
ISSUE_KINDS: tuple[type[FrozenModel], ...] = (
    NumberIssue,
    IntegerIssue,
    ChoiceIssue,
    BooleanIssue,
    SequenceIssue,
)


class Source(FrozenModel):
    """Where a position comes from: a document id of `sources` and a sentence quoted from it."""

    doc: Identifier
    quote: Annotated[StrictStr, Field(min_length=1, max_length=5000)]


class Constraint(FrozenModel):
    """A red line or a rule: `require` must hold (only when `when` holds, if given)."""

    id: ConstraintId
    require: ExpressionText
    when: ExpressionText | None = None
    source: Source | None = None
    description: Text | None = None


class Rule(Constraint):
    """A fact of the world: always holds, never dropped, never part of a diagnosis."""


class RedLine(Constraint):
    """A hard constraint of one actor; `firmness` is the cost of giving it up."""

    firmness: PositiveNumber = 1.0
    credibility: UnitNumber | None = None
    """The probability that the red line is real (`zopa simulate`); `analyze` keeps it."""


class Preference(FrozenModel):
    """One additive utility term: a curve over a number (or a step's position), or values
    of a choice's options or a boolean's `true`/`false`. Exactly one of the two is given."""

    weight: PositiveNumber
    curve: (
        Annotated[
            tuple[tuple[Number, UnitNumber], ...],
            Field(min_length=1, max_length=1000),
            AfterValidator(_sorted_curve),
        ]
        | None
    ) = None
    values: dict[StrictStr | StrictBool, UnitNumber] | None = None


class Term(FrozenModel):
    """A conditional utility term: `weight` points whenever `when` holds. Terms let a utility
    depend on combinations of issues (an interaction that additive preferences cannot say)."""

    when: ExpressionText
    weight: PositiveNumber
    description: Text | None = None


class Actor(FrozenModel):
    """A party to the negotiation: its red lines, preferences, conditional terms and
    reservation utility. Its utility is (sum of preference weight x value + sum of the weights
    of the terms that hold) / (sum of all weights)."""

    name: Text | None = None
    description: Text | None = None
    red_lines: tuple[RedLine, ...] = ()
    preferences: dict[StrictStr, Preference] = Field(default_factory=dict)
    terms: Annotated[tuple[Term, ...], Field(max_length=1000)] = ()
    reservation: UnitNumber = 0.0


class Expectation(FrozenModel):
    """One assertion for `zopa check`; exactly one key is given."""

    zopa: Literal["exists", "none"] | None = None
    require: ExpressionText | None = None
    conflict: tuple[StrictStr, ...] | None = None
    binding: StrictStr | None = None
    description: Text | None = None


Discount = Annotated[Number, Field(gt=0, le=1)]
"""A per-round discount of gains over the reservation: 1 is no impatience."""


class Negotiation(FrozenModel):
    """How a negotiation is played out (`zopa negotiate`): proposers of rounds 1, 2, 3, ...
    cycling; per-round discounts (default 1); concession tactics (boulware, linear,
    conceder or a number beta > 0; none: subgame-perfect equilibrium); the horizon."""

    order: Annotated[tuple[Identifier, ...], Field(min_length=1)] | None = None
    discount: dict[Identifier, Discount] = Field(default_factory=dict)
    tactics: dict[Identifier, StrictStr | Number] = Field(default_factory=dict)
    rounds: Annotated[StrictInt, Field(ge=1)] | None = None


class ScenarioModel(FrozenModel):
    """A whole scenario file (format 1)."""

    zopa: Literal[1]
    title: Text | None = None
    description: Text | None = None
    sources: dict[Identifier, StrictStr] = Field(default_factory=dict)
    parameters: dict[Identifier, Number] = Field(default_factory=dict)
    """Named numbers that expressions may use; a distribution here holds its median."""
    issues: Annotated[dict[Identifier, Issue], Field(min_length=1)]
    rules: tuple[Rule, ...] = ()
    actors: Annotated[dict[Identifier, Actor], Field(min_length=1)]
    expect: tuple[Expectation, ...] = ()
    negotiation: Negotiation | None = None


def json_schema() -> dict[str, Any]:
    """The JSON Schema of format 1, for editors (`zopa schema`)."""
    schema = _with_distributions(ScenarioModel.model_json_schema())
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "zopa scenario, format 1"
    return schema


def _pair(size: int) -> dict[str, Any]:
    return {"type": "array", "items": {"type": "number"}, "minItems": size, "maxItems": size}


DISTRIBUTION_SCHEMA: dict[str, Any] = {
    "description": "An uncertain number (zopa simulate samples it; other commands use its median).",
    "oneOf": [
        {
            "type": "object",
            "properties": {"uniform": _pair(2)},
            "required": ["uniform"],
            "additionalProperties": False,
        },
        {
            "type": "object",
            "properties": {"triangular": _pair(3)},
            "required": ["triangular"],
            "additionalProperties": False,
        },
        {
            "type": "object",
            "properties": {"normal": _pair(2), "clip": _pair(2)},
            "required": ["normal"],
            "additionalProperties": False,
        },
        {
            "type": "object",
            "properties": {"beta": _pair(2)},
            "required": ["beta"],
            "additionalProperties": False,
        },
    ],
}


def _or_distribution(node: dict[str, Any]) -> dict[str, Any]:
    keep = {k: node[k] for k in ("title", "default", "description") if k in node}
    number = {k: v for k, v in node.items() if k not in keep}
    return keep | {"anyOf": [number, {"$ref": "#/$defs/Distribution"}]}


def _with_distributions(schema: dict[str, Any]) -> dict[str, Any]:
    """Where the format allows a distribution in place of a number (`scenario.uncertain`)."""
    defs = schema["$defs"]
    defs["Distribution"] = DISTRIBUTION_SCHEMA
    actor = defs["Actor"]["properties"]
    actor["reservation"] = _or_distribution(actor["reservation"])
    pref = defs["Preference"]["properties"]
    pref["weight"] = _or_distribution(pref["weight"])
    values = pref["values"]["anyOf"][0]
    values["additionalProperties"] = _or_distribution(values["additionalProperties"])
    params = schema["properties"]["parameters"]["patternProperties"]
    for key, node in params.items():
        params[key] = _or_distribution(node)
    return schema
