"""GENIUS domain and profile files read into typed records (`read_genius`): issues and their
values, linear-additive profiles (weights, evaluations, reservation), matched to the domain
as GENIUS matches them (by `index`). Non-linear profiles are refused with a clear error."""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from zopa.format.tolerances import ZERO_EVALUATION
from zopa.importers.genius_xml import XmlElement, XmlFile, error_at, read_xml

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
                raise error_at(
                    xml.path,
                    nested[0].where,
                    "nested objectives are not supported: zopa imports a flat list of issues",
                )
            return element
    raise error_at(xml.path, xml.root.where, f"no <objective> element: is this a GENIUS {what}?")


def _required(xml: XmlFile, element: XmlElement, attribute: str, context: str) -> str:
    value = element.get(attribute)
    if value is None or not value.strip():
        raise error_at(xml.path, element.where, f'{context} has no {attribute}="..."')
    return value


def _integer(xml: XmlFile, element: XmlElement, attribute: str, context: str) -> int:
    text = _required(xml, element, attribute, context)
    try:
        return int(text.strip())
    except ValueError:
        raise error_at(
            xml.path, element.where, f"{context}: {attribute}={text!r} is not a whole number"
        ) from None


def _number(xml: XmlFile, element: XmlElement, attribute: str, context: str) -> float:
    text = _required(xml, element, attribute, context)
    try:
        value = float(text.strip())
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise error_at(
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
        raise error_at(
            xml.path,
            element.where,
            f"issue {name!r} is real-valued, which this importer does not support yet; "
            "only discrete and integer issues are imported",
        )
    raise error_at(xml.path, element.where, f"issue {name!r} has unknown type {kind!r}")


def _discrete_values(xml: XmlFile, element: XmlElement, name: str) -> tuple[str, ...]:
    values: list[str] = []
    for item in element.find_all("item"):
        value = item.get("value")
        if value is None or value == "":
            raise error_at(xml.path, item.where, f"an item of issue {name!r} has no value")
        if len(value) > 200:
            raise error_at(xml.path, item.where, f"value of issue {name!r} is over 200 characters")
        if value in values:
            raise error_at(xml.path, item.where, f"issue {name!r} lists value {value!r} twice")
        values.append(value)
    if not values:
        raise error_at(xml.path, element.where, f"issue {name!r} has no <item> values")
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
        raise error_at(xml.path, element.where, f"issue {name!r}: lowerbound > upperbound")
    return GeniusIssue(index, name, kind, (), lower, upper)


def read_domain(path: str | Path) -> GeniusDomain:
    """Read a GENIUS domain file. Raises `ScenarioError`."""
    xml = read_xml(path)
    objective = _root_objective(xml, "domain file")
    issues: list[GeniusIssue] = []
    for element in objective.find_all("issue"):
        issue = _domain_issue(xml, element)
        if any(other.index == issue.index for other in issues):
            raise error_at(xml.path, element.where, f"two issues have index {issue.index}")
        issues.append(issue)
    if not issues:
        raise error_at(xml.path, objective.where, "the domain has no <issue> elements")
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
        raise error_at(
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
        raise error_at(
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
            raise error_at(xml.path, element.where, f"issue {index} has two weights")
        if value < 0:
            raise error_at(xml.path, element.where, f"issue {index} has negative weight {value}")
        if not any(issue.index == index for issue in domain.issues):
            raise error_at(
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
            raise error_at(
                xml.path,
                item.where,
                f"issue {issue.name!r} has no value {value!r} in the domain; "
                f"its values are {', '.join(repr(v) for v in issue.values)}",
            )
        if value in found:
            raise error_at(xml.path, item.where, f"value {value!r} is evaluated twice")
        evaluation = _number(xml, item, "evaluation", f"value {value!r} of issue {issue.name!r}")
        if evaluation < 0:
            raise error_at(xml.path, item.where, f"value {value!r} has a negative evaluation")
        found[value] = evaluation
    missing = [value for value in issue.values if value not in found]
    if missing:
        raise error_at(
            xml.path,
            element.where,
            f"issue {issue.name!r}: no evaluation for {', '.join(repr(v) for v in missing)}",
        )
    return DiscreteEvaluator(tuple(found[value] for value in issue.values))


def _linear_evaluator(xml: XmlFile, element: XmlElement, issue: GeniusIssue) -> Evaluator:
    evaluators = element.find_all("evaluator")
    context = f"integer issue {issue.name!r}"
    if not evaluators:
        raise error_at(
            xml.path,
            element.where,
            f'{context} has no <evaluator ftype="linear" slope="..." offset="..."/>',
        )
    evaluator = evaluators[0]
    ftype = evaluator.get("ftype") or "linear"
    if ftype.lower() != "linear":
        raise error_at(
            xml.path, evaluator.where, f"{context}: only linear evaluators are supported"
        )
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
        raise error_at(
            xml.path,
            element.where,
            f"issue {name!r} (index {index}) is not in the domain ({domain.file.path.name}); "
            f"its issues are {', '.join(f'{i.index}: {i.name!r}' for i in domain.issues)}",
        ) from None
    if issue.name != name:
        raise error_at(
            xml.path,
            element.where,
            f"issue {index} is {name!r} here but {issue.name!r} in the domain "
            f"({domain.file.path.name}): is this profile for another domain?",
        )
    if _issue_kind(xml, element, name) is not issue.kind:
        raise error_at(
            xml.path, element.where, f"issue {name!r} is {issue.kind.value} in the domain"
        )
    if index not in weights:
        raise error_at(xml.path, element.where, f"issue {name!r} (index {index}) has no <weight>")
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
            raise error_at(xml.path, element.where, f"issue index {term.index} appears twice")
        terms[term.index] = term
    missing = [issue for issue in domain.issues if issue.index not in terms]
    if missing:
        raise error_at(
            xml.path,
            objective.where,
            "the profile does not evaluate "
            + ", ".join(f"issue {i.index} {i.name!r}" for i in missing),
        )
    if sum(weights.values()) <= 0:
        raise error_at(xml.path, objective.where, "every issue weight is 0")
    ordered = tuple(terms[issue.index] for issue in domain.issues)
    return GeniusProfile(xml, ordered, _reservation(xml), _discount(xml))


def read_genius(domain_path: str | Path, profile_paths: Sequence[str | Path]) -> GeniusNegotiation:
    """Read a domain and its profiles. Raises `ScenarioError`."""
    if not profile_paths:
        raise error_at(Path(domain_path), None, "give at least one profile file with the domain")
    domain = read_domain(domain_path)
    return GeniusNegotiation(domain, tuple(read_profile(p, domain) for p in profile_paths))
