"""GENIUS / ANAC negotiation domains (XML) → format-1 scenarios.

A GENIUS negotiation is a *domain* file (issues and their values) plus one *profile* file per
party (a linear-additive utility: one weight per issue, one evaluation per value, and a
reservation value). The importer reads them into typed records (`read_genius`), then writes the
equivalent scenario as plain data (`import_genius`) or YAML text (`genius_to_yaml`):

- a discrete issue becomes a `choice` whose options are the values as written; an integer issue
  becomes an `integer`; ids are the names made into identifiers (`External Monitor` →
  `external_monitor`), unique, with the original name kept in `description`;
- each profile becomes an actor: `values` are GENIUS's normalised evaluations (each divided by
  the largest evaluation of its issue; all 0 when that largest is below 1e-5, as GENIUS does),
  an integer issue's clamped linear evaluation `clamp(offset + slope·(x − lowerbound), 0, 1)`
  becomes a `curve`, `weight` is the profile's weight (zopa divides by the sum of weights, as
  GENIUS normalises them to sum 1; a zero weight drops the term), `reservation` is the profile's
  reservation value (0 when absent), and there are no red lines;
- the discount factor is ignored (zopa has no time); the scenario's description says so.

A zopa utility of an imported scenario therefore equals GENIUS's undiscounted utility of the
same outcome. Profiles are matched to the domain as GENIUS matches them: issues and weights by
`index`; an issue's name must agree with the domain's.

The XML is read with expat under a size cap; a document type declaration (and so any entity
declaration) is refused outright, so no entity is ever expanded or fetched. Every problem raises
`ScenarioError` naming the file and, where there is one, the line and column. Not supported
(each a clear error): real-valued issues, nested objectives, and non-linear profiles such as
ANAC 2014's `hyperRectangle` constraint utilities.
"""

from __future__ import annotations

import enum
import hashlib
import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.parsers import expat

import yaml
from pydantic import ValidationError

from zopa.errors import Problem, ScenarioError
from zopa.format import yaml12
from zopa.format.schema import ScenarioModel
from zopa.format.tolerances import ZERO_EVALUATION

MAX_XML_BYTES = 8 << 20
"""Largest XML file read (8 MiB); the biggest ANAC domains are a few hundred kilobytes."""

MAX_ELEMENTS = 200_000
"""Most elements in one XML file."""

MAX_DEPTH = 32
"""Deepest element nesting; GENIUS files need five levels."""


_ID_MAX = 64
_RESERVED = frozenset({"and", "or", "not", "in", "true", "false"})
"""Words of the expression language that cannot name an issue or actor."""

Where = tuple[int, int] | None


# --------------------------------------------------------------------------- safe XML reading


@dataclass(frozen=True, slots=True)
class XmlElement:
    """One element of a parsed file: tag, attributes in file order, children, and the 1-based
    (line, column) of its start tag. Text content is dropped: GENIUS keeps all in attributes."""

    tag: str
    attributes: tuple[tuple[str, str], ...]
    children: tuple[XmlElement, ...]
    line: int
    column: int

    @property
    def where(self) -> tuple[int, int]:
        return (self.line, self.column)

    def get(self, name: str) -> str | None:
        """The attribute `name`, or None."""
        for key, value in self.attributes:
            if key == name:
                return value
        return None

    def find_all(self, tag: str) -> tuple[XmlElement, ...]:
        """The direct children with this tag, in file order."""
        return tuple(child for child in self.children if child.tag == tag)

    def iter(self) -> list[XmlElement]:
        """This element and all below it, in document order."""
        out = [self]
        for child in self.children:
            out.extend(child.iter())
        return out


@dataclass(frozen=True, slots=True)
class XmlFile:
    """A parsed XML file: where it came from, its root element and the SHA-256 of its bytes."""

    path: Path
    root: XmlElement
    sha256: str


def _error(path: Path, where: Where, message: str) -> ScenarioError:
    line, column = where if where is not None else (None, None)
    return ScenarioError([Problem(str(path), "", line, column, message)])


class _TreeBuilder:
    """expat callbacks that build `XmlElement`s and refuse anything but plain elements."""

    def __init__(self, parser: Any, path: Path) -> None:
        self._parser = parser
        self._path = path
        self._stack: list[tuple[str, tuple[tuple[str, str], ...], list[XmlElement], int, int]] = []
        self._count = 0
        self.root: XmlElement | None = None

    def _here(self) -> tuple[int, int]:
        return (self._parser.CurrentLineNumber, self._parser.CurrentColumnNumber + 1)

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        self._count += 1
        if self._count > MAX_ELEMENTS:
            raise _error(self._path, self._here(), f"more than {MAX_ELEMENTS} XML elements")
        if len(self._stack) >= MAX_DEPTH:
            raise _error(self._path, self._here(), f"XML nested deeper than {MAX_DEPTH} levels")
        line, column = self._here()
        self._stack.append((tag, tuple(attributes.items()), [], line, column))

    def end(self, tag: str) -> None:
        name, attributes, children, line, column = self._stack.pop()
        element = XmlElement(name, attributes, tuple(children), line, column)
        if self._stack:
            self._stack[-1][2].append(element)
        else:
            self.root = element

    def refuse_doctype(self, *args: object) -> None:
        raise _error(
            self._path,
            self._here(),
            "document type declarations (<!DOCTYPE ...>) are not accepted: GENIUS files "
            "have none, and refusing them keeps entities from being expanded or fetched",
        )

    def refuse_entity(self, *args: object) -> int:
        raise _error(self._path, self._here(), "entity references to outside files are refused")


def _read_bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_XML_BYTES + 1)
    except OSError as exc:
        raise _error(path, None, f"cannot read the file: {exc.strerror or exc}") from None
    if len(data) > MAX_XML_BYTES:
        raise _error(path, None, f"the file is larger than {MAX_XML_BYTES} bytes")
    return data


def read_xml(path: str | Path) -> XmlFile:
    """Parse one XML file safely (size and depth caps, no DTDs, no entities).

    Raises:
        ScenarioError: the file cannot be read, is too large, or is not well-formed XML
            (with the line and column expat reports).
    """
    path = Path(path)
    data = _read_bytes(path)
    parser = expat.ParserCreate()
    builder = _TreeBuilder(parser, path)
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.StartDoctypeDeclHandler = builder.refuse_doctype
    parser.EntityDeclHandler = builder.refuse_entity
    parser.ExternalEntityRefHandler = builder.refuse_entity
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        message = f"not well-formed XML: {expat.ErrorString(exc.code)}"
        raise _error(path, (exc.lineno, exc.offset + 1), message) from None
    if builder.root is None:  # expat reports an empty document itself; kept for the type
        raise _error(path, None, "the file holds no XML element")
    return XmlFile(path, builder.root, hashlib.sha256(data).hexdigest())


# --------------------------------------------------------------------------- GENIUS records


class IssueKind(enum.Enum):
    """The kinds of GENIUS issue the importer reads."""

    DISCRETE = "discrete"
    INTEGER = "integer"


@dataclass(frozen=True, slots=True)
class GeniusIssue:
    """One issue of a domain: GENIUS's `index`, its name, and its values (discrete: the value
    strings in file order) or range (integer: `lower`..`upper`)."""

    index: int
    name: str
    kind: IssueKind
    values: tuple[str, ...]
    lower: int | None
    upper: int | None

    @property
    def size(self) -> int:
        """How many values the issue can take."""
        if self.lower is None or self.upper is None:
            return len(self.values)
        return self.upper - self.lower + 1


@dataclass(frozen=True, slots=True)
class GeniusDomain:
    """A domain file: its issues in file order."""

    file: XmlFile
    issues: tuple[GeniusIssue, ...]

    @property
    def outcome_count(self) -> int:
        """The number of complete outcomes (product of issue sizes)."""
        return math.prod(issue.size for issue in self.issues)

    def issue(self, index: int) -> GeniusIssue:
        """The issue with GENIUS index `index`; raises KeyError if there is none."""
        for issue in self.issues:
            if issue.index == index:
                return issue
        raise KeyError(index)


@dataclass(frozen=True, slots=True)
class DiscreteEvaluator:
    """Raw evaluations of a discrete issue's values, in the domain's value order."""

    evaluations: tuple[float, ...]

    def normalised(self) -> tuple[float, ...]:
        """Each evaluation divided by the largest (GENIUS `EvaluatorDiscrete.normalize`)."""
        top = max(self.evaluations)
        if top < ZERO_EVALUATION:
            return tuple(0.0 for _ in self.evaluations)
        return tuple(value / top for value in self.evaluations)


@dataclass(frozen=True, slots=True)
class LinearEvaluator:
    """An integer issue's evaluation `clamp(offset + slope·(x − lower), 0, 1)`
    (GENIUS `EvaluatorInteger`; `lower` is the profile's own lower bound)."""

    lower: int
    slope: float
    offset: float

    def value(self, x: float) -> float:
        return min(1.0, max(0.0, self.offset + self.slope * (x - self.lower)))

    def curve(self, lo: int, hi: int) -> tuple[tuple[float, float], ...]:
        """Points of the evaluation over [lo, hi]: both ends and any kink where the clamp
        starts or stops, so a piecewise-linear curve through them is exact."""
        xs: list[float] = [lo, hi] if hi > lo else [lo]
        if self.slope != 0:
            for level in (0.0, 1.0):
                x = self.lower + (level - self.offset) / self.slope
                if lo < x < hi:
                    xs.append(x)
        return tuple((x, self.value(x)) for x in sorted(xs))


Evaluator = DiscreteEvaluator | LinearEvaluator


@dataclass(frozen=True, slots=True)
class IssueTerm:
    """One issue's part of a profile: its raw weight and evaluator."""

    index: int
    weight: float
    evaluator: Evaluator


@dataclass(frozen=True, slots=True)
class GeniusProfile:
    """A profile file read against its domain: one term per domain issue (domain order), the
    reservation value, and the discount factor as written (ignored by the import)."""

    file: XmlFile
    terms: tuple[IssueTerm, ...]
    reservation: float
    discount: str | None

    def utility(self, domain: GeniusDomain, outcome: Mapping[int, str | int]) -> float:
        """GENIUS's undiscounted utility of `outcome` (issue index → value)."""
        total = sum(term.weight for term in self.terms)
        score = 0.0
        for term in self.terms:
            chosen = outcome[term.index]
            if isinstance(term.evaluator, DiscreteEvaluator):
                values = domain.issue(term.index).values
                score += term.weight * term.evaluator.normalised()[values.index(str(chosen))]
            else:
                score += term.weight * term.evaluator.value(float(chosen))
        return min(1.0, score / total)


@dataclass(frozen=True, slots=True)
class GeniusNegotiation:
    """A domain and its parties' profiles, in the order given."""

    domain: GeniusDomain
    profiles: tuple[GeniusProfile, ...]


# --------------------------------------------------------------------------- reading domains


def _root_objective(xml: XmlFile, what: str) -> XmlElement:
    for element in xml.root.iter():
        if element.tag == "objective":
            nested = [e for e in element.iter()[1:] if e.tag == "objective"]
            if nested:
                raise _error(
                    xml.path,
                    nested[0].where,
                    "nested objectives are not supported: zopa imports a flat list of issues",
                )
            return element
    raise _error(xml.path, xml.root.where, f"no <objective> element: is this a GENIUS {what}?")


def _required(xml: XmlFile, element: XmlElement, attribute: str, context: str) -> str:
    value = element.get(attribute)
    if value is None or not value.strip():
        raise _error(xml.path, element.where, f'{context} has no {attribute}="..."')
    return value


def _integer(xml: XmlFile, element: XmlElement, attribute: str, context: str) -> int:
    text = _required(xml, element, attribute, context)
    try:
        return int(text.strip())
    except ValueError:
        raise _error(
            xml.path, element.where, f"{context}: {attribute}={text!r} is not a whole number"
        ) from None


def _number(xml: XmlFile, element: XmlElement, attribute: str, context: str) -> float:
    text = _required(xml, element, attribute, context)
    try:
        value = float(text.strip())
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise _error(
            xml.path, element.where, f"{context}: {attribute}={text!r} is not a finite number"
        )
    return value


def _issue_kind(xml: XmlFile, element: XmlElement, name: str) -> IssueKind:
    kind = element.get("type") or element.get("vtype") or element.get("etype") or "discrete"
    if kind == "discrete":
        return IssueKind.DISCRETE
    if kind == "integer":
        return IssueKind.INTEGER
    if kind == "real":
        raise _error(
            xml.path,
            element.where,
            f"issue {name!r} is real-valued, which this importer does not support yet; "
            "only discrete and integer issues are imported",
        )
    raise _error(xml.path, element.where, f"issue {name!r} has unknown type {kind!r}")


def _discrete_values(xml: XmlFile, element: XmlElement, name: str) -> tuple[str, ...]:
    values: list[str] = []
    for item in element.find_all("item"):
        value = item.get("value")
        if value is None or value == "":
            raise _error(xml.path, item.where, f"an item of issue {name!r} has no value")
        if len(value) > 200:
            raise _error(xml.path, item.where, f"value of issue {name!r} is over 200 characters")
        if value in values:
            raise _error(xml.path, item.where, f"issue {name!r} lists value {value!r} twice")
        values.append(value)
    if not values:
        raise _error(xml.path, element.where, f"issue {name!r} has no <item> values")
    return tuple(values)


def _domain_issue(xml: XmlFile, element: XmlElement) -> GeniusIssue:
    name = _required(xml, element, "name", "an <issue>")
    index = _integer(xml, element, "index", f"issue {name!r}")
    kind = _issue_kind(xml, element, name)
    if kind is IssueKind.DISCRETE:
        return GeniusIssue(index, name, kind, _discrete_values(xml, element, name), None, None)
    lower = _integer(xml, element, "lowerbound", f"integer issue {name!r}")
    upper = _integer(xml, element, "upperbound", f"integer issue {name!r}")
    if lower > upper:
        raise _error(xml.path, element.where, f"issue {name!r}: lowerbound > upperbound")
    return GeniusIssue(index, name, kind, (), lower, upper)


def read_domain(path: str | Path) -> GeniusDomain:
    """Read a GENIUS domain file. Raises `ScenarioError`."""
    xml = read_xml(path)
    objective = _root_objective(xml, "domain file")
    issues: list[GeniusIssue] = []
    for element in objective.find_all("issue"):
        issue = _domain_issue(xml, element)
        if any(other.index == issue.index for other in issues):
            raise _error(xml.path, element.where, f"two issues have index {issue.index}")
        issues.append(issue)
    if not issues:
        raise _error(xml.path, objective.where, "the domain has no <issue> elements")
    return GeniusDomain(xml, tuple(issues))


# --------------------------------------------------------------------------- reading profiles


_NONLINEAR_TAGS = ("hyperRectangle", "ufun", "utility")


def _refuse_nonlinear(xml: XmlFile) -> None:
    """Constraint-style profiles (ANAC 2014's `<utility_space type="nonlinear">` with
    `<utility>`/`<ufun>`/`<hyperRectangle>` elements) have no additive form: refuse them."""
    if xml.root.get("type") == "nonlinear":
        culprit: XmlElement | None = xml.root
        shown = f'<{xml.root.tag} type="nonlinear">'
    else:
        culprit = next((e for e in xml.root.iter() if e.tag in _NONLINEAR_TAGS), None)
        shown = f"<{culprit.tag}>" if culprit is not None else ""
    if culprit is not None:
        raise _error(
            xml.path,
            culprit.where,
            f"non-linear utility ({shown}) cannot be imported: zopa's preferences are additive "
            "per issue, so only linear-additive GENIUS profiles (a weight per issue, an "
            "evaluation per value) are supported",
        )


def _reservation(xml: XmlFile) -> float:
    elements = [e for e in xml.root.iter() if e.tag == "reservation"]
    if not elements:
        return 0.0
    value = _number(xml, elements[0], "value", "<reservation>")
    if not 0.0 <= value <= 1.0:
        raise _error(
            xml.path,
            elements[0].where,
            f"reservation value {value!r} is outside [0, 1], where zopa's utilities lie",
        )
    return value


def _discount(xml: XmlFile) -> str | None:
    for element in xml.root.iter():
        if element.tag == "discount_factor":
            return element.get("value")
    return None


def _weights(xml: XmlFile, objective: XmlElement, domain: GeniusDomain) -> dict[int, float]:
    weights: dict[int, float] = {}
    for element in objective.find_all("weight"):
        index = _integer(xml, element, "index", "a <weight>")
        value = _number(xml, element, "value", f"the weight of issue {index}")
        if index in weights:
            raise _error(xml.path, element.where, f"issue {index} has two weights")
        if value < 0:
            raise _error(xml.path, element.where, f"issue {index} has negative weight {value}")
        if not any(issue.index == index for issue in domain.issues):
            raise _error(
                xml.path,
                element.where,
                f"a weight for issue index {index}, but the domain "
                f"({domain.file.path.name}) has no issue with that index",
            )
        weights[index] = value
    return weights


def _discrete_evaluator(xml: XmlFile, element: XmlElement, issue: GeniusIssue) -> Evaluator:
    found: dict[str, float] = {}
    for item in element.find_all("item"):
        value = _required(xml, item, "value", f"an item of issue {issue.name!r}")
        if value not in issue.values:
            raise _error(
                xml.path,
                item.where,
                f"issue {issue.name!r} has no value {value!r} in the domain; "
                f"its values are {', '.join(repr(v) for v in issue.values)}",
            )
        if value in found:
            raise _error(xml.path, item.where, f"value {value!r} is evaluated twice")
        evaluation = _number(xml, item, "evaluation", f"value {value!r} of issue {issue.name!r}")
        if evaluation < 0:
            raise _error(xml.path, item.where, f"value {value!r} has a negative evaluation")
        found[value] = evaluation
    missing = [value for value in issue.values if value not in found]
    if missing:
        raise _error(
            xml.path,
            element.where,
            f"issue {issue.name!r}: no evaluation for {', '.join(repr(v) for v in missing)}",
        )
    return DiscreteEvaluator(tuple(found[value] for value in issue.values))


def _linear_evaluator(xml: XmlFile, element: XmlElement, issue: GeniusIssue) -> Evaluator:
    evaluators = element.find_all("evaluator")
    context = f"integer issue {issue.name!r}"
    if not evaluators:
        raise _error(
            xml.path,
            element.where,
            f'{context} has no <evaluator ftype="linear" slope="..." offset="..."/>',
        )
    evaluator = evaluators[0]
    ftype = evaluator.get("ftype") or "linear"
    if ftype.lower() != "linear":
        raise _error(xml.path, evaluator.where, f"{context}: only linear evaluators are supported")
    lower = element.get("lowerbound")
    return LinearEvaluator(
        lower=_integer(xml, element, "lowerbound", context) if lower else issue.lower or 0,
        slope=_number(xml, evaluator, "slope", context),
        offset=_number(xml, evaluator, "offset", context),
    )


def _profile_term(
    xml: XmlFile, element: XmlElement, domain: GeniusDomain, weights: Mapping[int, float]
) -> IssueTerm:
    name = _required(xml, element, "name", "an <issue>")
    index = _integer(xml, element, "index", f"issue {name!r}")
    try:
        issue = domain.issue(index)
    except KeyError:
        raise _error(
            xml.path,
            element.where,
            f"issue {name!r} (index {index}) is not in the domain ({domain.file.path.name}); "
            f"its issues are {', '.join(f'{i.index}: {i.name!r}' for i in domain.issues)}",
        ) from None
    if issue.name != name:
        raise _error(
            xml.path,
            element.where,
            f"issue {index} is {name!r} here but {issue.name!r} in the domain "
            f"({domain.file.path.name}): is this profile for another domain?",
        )
    if _issue_kind(xml, element, name) is not issue.kind:
        raise _error(xml.path, element.where, f"issue {name!r} is {issue.kind.value} in the domain")
    if index not in weights:
        raise _error(xml.path, element.where, f"issue {name!r} (index {index}) has no <weight>")
    if issue.kind is IssueKind.DISCRETE:
        evaluator = _discrete_evaluator(xml, element, issue)
    else:
        evaluator = _linear_evaluator(xml, element, issue)
    return IssueTerm(index, weights[index], evaluator)


def read_profile(path: str | Path, domain: GeniusDomain) -> GeniusProfile:
    """Read a GENIUS profile (utility space) file against its domain. Raises `ScenarioError`."""
    xml = read_xml(path)
    _refuse_nonlinear(xml)
    objective = _root_objective(xml, "profile")
    weights = _weights(xml, objective, domain)
    terms: dict[int, IssueTerm] = {}
    for element in objective.find_all("issue"):
        term = _profile_term(xml, element, domain, weights)
        if term.index in terms:
            raise _error(xml.path, element.where, f"issue index {term.index} appears twice")
        terms[term.index] = term
    missing = [issue for issue in domain.issues if issue.index not in terms]
    if missing:
        raise _error(
            xml.path,
            objective.where,
            "the profile does not evaluate "
            + ", ".join(f"issue {i.index} {i.name!r}" for i in missing),
        )
    if sum(weights.values()) <= 0:
        raise _error(xml.path, objective.where, "every issue weight is 0")
    ordered = tuple(terms[issue.index] for issue in domain.issues)
    return GeniusProfile(xml, ordered, _reservation(xml), _discount(xml))


def read_genius(domain_path: str | Path, profile_paths: Sequence[str | Path]) -> GeniusNegotiation:
    """Read a domain and its profiles. Raises `ScenarioError`."""
    if not profile_paths:
        raise _error(Path(domain_path), None, "give at least one profile file with the domain")
    domain = read_domain(domain_path)
    return GeniusNegotiation(domain, tuple(read_profile(p, domain) for p in profile_paths))


# --------------------------------------------------------------------------- building scenarios


def _identifier(text: str, prefix: str) -> str:
    """`text` as an id `[a-z_][a-z0-9_]*` of at most 64 characters (accents dropped, runs of
    other characters become `_`); `prefix` names what it is when nothing usable is left."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    ident = re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_") or prefix
    if ident[0].isdigit():
        ident = f"{prefix}_{ident}"
    ident = ident[:_ID_MAX]
    return ident + "_" if ident in _RESERVED else ident


def _unique(idents: Sequence[str]) -> tuple[str, ...]:
    """The ids with `_2`, `_3`, … appended where one repeats an earlier one."""
    taken: set[str] = set()
    out: list[str] = []
    for ident in idents:
        candidate, n = ident, 2
        while candidate in taken:
            suffix = f"_{n}"
            candidate, n = ident[: _ID_MAX - len(suffix)] + suffix, n + 1
        taken.add(candidate)
        out.append(candidate)
    return tuple(out)


def _actor_ids(paths: Sequence[Path]) -> tuple[str, ...]:
    """Actor ids from profile file names, without the words all of them share:
    `laptop_buyer_utility.xml`, `laptop_seller_utility.xml` → `buyer`, `seller`."""
    words = [[w for w in re.split(r"[^0-9A-Za-z]+", p.stem) if w] or ["actor"] for p in paths]
    if len({"_".join(w).lower() for w in words}) > 1:
        while all(len(w) > 1 for w in words) and len({w[0].lower() for w in words}) == 1:
            words = [w[1:] for w in words]
        while all(len(w) > 1 for w in words) and len({w[-1].lower() for w in words}) == 1:
            words = [w[:-1] for w in words]
    return _unique([_identifier("_".join(w), "actor") for w in words])


def _issue_entry(issue: GeniusIssue) -> dict[str, Any]:
    if issue.kind is IssueKind.DISCRETE:
        return {"type": "choice", "options": list(issue.values), "description": issue.name}
    return {"type": "integer", "min": issue.lower, "max": issue.upper, "description": issue.name}


def _preference(issue: GeniusIssue, term: IssueTerm) -> dict[str, Any]:
    evaluator = term.evaluator
    if isinstance(evaluator, DiscreteEvaluator):
        return {
            "weight": term.weight,
            "values": dict(zip(issue.values, evaluator.normalised(), strict=True)),
        }
    if issue.lower is None or issue.upper is None:
        raise ValueError(f"integer issue {issue.name!r} without bounds")  # read_domain sets them
    points = evaluator.curve(issue.lower, issue.upper)
    return {"weight": term.weight, "curve": [[x, y] for x, y in points]}


def _actor_entry(
    domain: GeniusDomain, issue_ids: Sequence[str], profile: GeniusProfile
) -> dict[str, Any]:
    note = f"GENIUS profile {profile.file.path.name}"
    if profile.discount is not None:
        note += f"; its discount factor {profile.discount} is ignored"
    preferences = {
        ident: _preference(issue, term)
        for ident, issue, term in zip(issue_ids, domain.issues, profile.terms, strict=True)
        if term.weight > 0
    }
    return {
        "name": profile.file.path.stem,
        "description": note,
        "preferences": preferences,
        "reservation": profile.reservation,
    }


def _description(negotiation: GeniusNegotiation) -> str:
    domain = negotiation.domain
    return (
        f"Imported from the GENIUS domain {domain.file.path.name} "
        f"({len(domain.issues)} issues, {domain.outcome_count} outcomes) with "
        f"{len(negotiation.profiles)} profiles. Utilities are GENIUS's linear-additive ones: "
        "each issue's evaluations divided by that issue's largest, weighted by the profile's "
        "issue weights (normalised to sum 1); discount factors are ignored."
    )


def scenario_data(negotiation: GeniusNegotiation, *, title: str | None = None) -> dict[str, Any]:
    """The format-1 scenario (plain data, YAML order) of a negotiation that was read.

    Raises:
        ScenarioError: the result breaks a format limit (e.g. more than 1000 options), reported
            against the domain file.
    """
    domain = negotiation.domain
    issue_ids = _unique([_identifier(issue.name, "issue") for issue in domain.issues])
    actor_ids = _actor_ids([profile.file.path for profile in negotiation.profiles])
    raw: dict[str, Any] = {
        "zopa": 1,
        "title": title if title is not None else f"GENIUS domain {domain.file.path.stem}",
        "description": _description(negotiation),
        "issues": {
            ident: _issue_entry(i) for ident, i in zip(issue_ids, domain.issues, strict=True)
        },
        "actors": {
            ident: _actor_entry(domain, issue_ids, profile)
            for ident, profile in zip(actor_ids, negotiation.profiles, strict=True)
        },
    }
    _check_format(raw, domain.file.path)
    return raw


def _check_format(raw: Mapping[str, Any], path: Path) -> None:
    try:
        ScenarioModel.model_validate(raw)
    except ValidationError as exc:
        problems = [
            Problem(
                str(path),
                ".".join(str(part) for part in error["loc"]),
                None,
                None,
                f"the imported scenario breaks the format: {error['msg']}",
            )
            for error in exc.errors()
        ]
        raise ScenarioError(problems) from None


def import_genius(
    domain_path: str | Path, profile_paths: Sequence[str | Path], *, title: str | None = None
) -> dict[str, Any]:
    """A GENIUS domain and its profiles as a format-1 scenario (plain data, as YAML would
    load it). Actors follow the order of `profile_paths`. Raises `ScenarioError`."""
    return scenario_data(read_genius(domain_path, profile_paths), title=title)


# --------------------------------------------------------------------------- YAML text

_FLOW_WIDTH = 70
"""Longest list of scalars (in characters) written on one line."""


class _Dumper(yaml12.Dumper):
    """zopa's YAML 1.2 dumper (`zopa.format.yaml12`), with the layout of an imported file."""


def _represent_dict(dumper: yaml.SafeDumper, data: dict[Any, Any]) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=False)


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.SequenceNode:
    scalars = not any(isinstance(item, list | dict) for item in data)
    short = sum(len(str(item)) + 2 for item in data) <= _FLOW_WIDTH
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=scalars and short)


# Mappings in block style (one value a line); short lists of scalars in flow style ([a, b]),
# so that no option is ever folded across lines.
_Dumper.add_representer(dict, _represent_dict)
_Dumper.add_representer(list, _represent_list)


def _header(negotiation: GeniusNegotiation, actor_ids: Sequence[str]) -> str:
    domain = negotiation.domain.file
    lines = [
        "# Imported from GENIUS (ANAC) negotiation files by zopa (zopa.importers.genius):",
        f"#   domain   {domain.path.name}  sha256 {domain.sha256[:16]}",
    ]
    for ident, profile in zip(actor_ids, negotiation.profiles, strict=True):
        lines.append(
            f"#   profile  {profile.file.path.name}  sha256 {profile.file.sha256[:16]}"
            f"  -> actor {ident}"
        )
    lines.append("# Utilities equal GENIUS's undiscounted ones. Generated: re-import, don't edit.")
    return "\n".join(lines) + "\n"


def genius_to_yaml(
    domain_path: str | Path, profile_paths: Sequence[str | Path], *, title: str | None = None
) -> str:
    """A GENIUS domain and its profiles as scenario YAML text: a header comment naming the
    files (with their SHA-256), then the scenario in YAML order. The same files always give
    the same bytes. Raises `ScenarioError`."""
    negotiation = read_genius(domain_path, profile_paths)
    raw = scenario_data(negotiation, title=title)
    body = yaml.dump(
        raw,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
    )
    return _header(negotiation, list(raw["actors"])) + body
