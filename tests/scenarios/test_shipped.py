"""Every shipped scenario validates; the worked scenarios are documented, cite their sources
word for word, and between them use every issue type and every expression feature."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import zopa
from zopa.expr.parse import parse
from zopa.expr.syntax import (
    BoolLit,
    Comparison,
    ListLit,
    Logic,
    Name,
    Neg,
    Node,
    NotExpr,
    Num,
    Product,
    Str,
    Sum,
)
from zopa.format.schema import json_schema

SEED_POSITIONS = {
    # what the seed document states, as a phrase the quoting red line must contain
    "Russia wants a lasting legal agreement, not a truce": "not interested in a temporary truce",
    "Russia rules out substantial territorial concessions": "substantial territorial concessions",
    "Kyiv must abandon its NATO ambitions": "abandon its NATO membership ambitions",
    "the US must move first": "first move must come from Washington",
    "the US must restart the dialogue it halted": "it should initiate its resumption",
    "Russia would respond to serious US signals": "Russia would respond",
    "any truce would lead nowhere": "any truce would lead nowhere",
    "Trump aims to end the war quickly": "quickly end the war",
    "Ukraine holds NATO membership achievable": "NATO membership is achievable",
}


_NODE_TYPES = (Comparison, ListLit, Logic, Name, NotExpr, Product, Str, Sum, Neg, Num, BoolLit)


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _expressions(scenario: zopa.scenario.scenario.Scenario) -> Iterator[str]:
    for constraint in scenario.constraints:
        yield constraint.require_text
        if constraint.when_text is not None:
            yield constraint.when_text


def _nodes(node: Node) -> Iterator[Node]:
    yield node
    for field in dataclasses.fields(node):
        value = getattr(node, field.name)
        children = value if isinstance(value, tuple) else (value,)
        for child in children:
            if isinstance(child, _NODE_TYPES):
                yield from _nodes(child)


def _features(text: str) -> set[str]:
    found: set[str] = set()
    for node in _nodes(parse(text)):
        if isinstance(node, Logic):
            found.add(node.op)
        elif isinstance(node, NotExpr):
            found.add("not")
        elif isinstance(node, Comparison):
            ops = [op.text for op in node.ops]
            found.update(f"op {op}" for op in ops)
            if len(ops) >= 2:
                found.add("chained comparison")
            if any(isinstance(o, Str) for o in node.operands) and set(ops) & {"<", "<=", ">", ">="}:
                found.add("ordered choice comparison")
            if any(isinstance(o, ListLit) for o in node.operands):
                found.add("list")
        elif isinstance(node, Sum | Product):
            found.update(f"op {op.text}" for op in node.ops)
        elif isinstance(node, Name) and len(node.parts) == 2:
            found.add("step position")
    return found


def test_every_shipped_scenario_validates(shipped: Path) -> None:
    scenario = zopa.load(shipped)
    assert scenario.model.issues
    assert scenario.model.actors
    assert scenario.title


def test_json_schema_accepts_every_shipped_scenario(shipped: Path) -> None:
    jsonschema = pytest.importorskip(
        "jsonschema", reason="jsonschema is not installed (not a zopa dependency)"
    )
    raw: Any = zopa.load(shipped).raw
    jsonschema.Draft202012Validator(json_schema()).validate(raw)


def test_worked_scenario_says_what_it_models(worked: Path) -> None:
    scenario = zopa.load(worked)
    description = scenario.model.description or ""
    assert len(description.split()) >= 30, "describe the scenario and what is assumed"
    assert scenario.model.expect, "state what the analysis should find"
    assert all(actor.name for actor in scenario.actors.values())


def test_quotes_are_copied_character_for_character(worked: Path) -> None:
    # Stricter than validation, which forgives straight for typographic quotes: the files
    # quote the document exactly as it is written, up to line breaks.
    model = zopa.load(worked).model
    documents = {
        doc: _collapse((worked.parent / path).read_text(encoding="utf-8"))
        for doc, path in model.sources.items()
    }
    constraints = [*model.rules, *(line for a in model.actors.values() for line in a.red_lines)]
    for constraint in constraints:
        if constraint.source is not None:
            quote = _collapse(constraint.source.quote)
            assert quote in documents[constraint.source.doc], constraint.id


def test_seed_scenario_encodes_every_stated_position(root: Path) -> None:
    scenario = zopa.load(root / "scenarios" / "ukraine.yaml")
    quotes = {c.ref: _collapse(c.quote or "") for c in scenario.red_lines}
    for position, phrase in SEED_POSITIONS.items():
        assert any(phrase in quote for quote in quotes.values()), position
    unquoted = [ref for ref, quote in quotes.items() if not quote]
    assert unquoted == [], "every red line of the seed scenario quotes the seed"


def test_seed_firmness_follows_the_strength_of_each_statement(root: Path) -> None:
    scenario = zopa.load(root / "scenarios" / "ukraine.yaml")
    firmness = {c.ref: c.firmness for c in scenario.red_lines}
    # "refuses" and "demands" are the strongest words in the report; a conditional offer and
    # a hedged hope the weakest.
    strongest = firmness["russia/no-territorial-concessions"]
    assert strongest == firmness["russia/no-nato"] == max(firmness.values())
    assert firmness["russia/responds-if-serious"] == min(firmness.values())
    assert firmness["ukraine/nato-path"] < firmness["us/end-war-quickly"] < strongest


def test_worked_scenarios_use_every_issue_type_and_expression_feature(root: Path) -> None:
    scenarios = [zopa.load(path) for path in sorted((root / "scenarios").glob("*.yaml"))]
    issue_kinds: set[str] = set()
    expression_features: set[str] = set()
    scenario_features: set[str] = set()
    for scenario in scenarios:
        for issue in scenario.model.issues.values():
            kind = issue.type
            if kind == "choice":
                kind = "ordered choice" if issue.ordered else "unordered choice"
            issue_kinds.add(kind)
        for text in _expressions(scenario):
            expression_features |= _features(text)
        if scenario.rules:
            scenario_features.add("rules")
        for line in scenario.red_lines:
            if line.when is not None:
                scenario_features.add("when")
            if line.quote is not None:
                scenario_features.add("source")
            if line.firmness != 1.0:
                scenario_features.add("firmness")
    assert issue_kinds == {
        "number",
        "integer",
        "ordered choice",
        "unordered choice",
        "boolean",
        "sequence",
    }
    assert scenario_features == {"rules", "when", "source", "firmness"}
    wanted = {
        "and",
        "or",
        "not",
        "chained comparison",
        "ordered choice comparison",
        "list",
        "step position",
        "op in",
        "op <",
        "op <=",
        "op >",
        "op >=",
        "op ==",
        "op !=",
        "op +",
        "op -",
        "op *",
        "op /",
    }
    assert wanted <= expression_features, sorted(wanted - expression_features)
