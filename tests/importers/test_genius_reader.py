"""The GENIUS reader on the shipped ANAC files: issue structure against PROVENANCE.md's table,
and one outcome's utility per domain computed by hand from the XML."""

from __future__ import annotations

from typing import Any

import pytest

import zopa
from zopa.importers.genius_read import DiscreteEvaluator, GeniusNegotiation, IssueKind, read_genius
from zopa.scenario.evaluate import utility


def _read(case: Any) -> GeniusNegotiation:
    return read_genius(case.domain_path, case.profile_paths)


# --- structure ------------------------------------------------------------------------------


def test_issue_counts_and_values_match_provenance(case: Any) -> None:
    negotiation = _read(case)
    domain = negotiation.domain
    assert tuple(issue.size for issue in domain.issues) == case.sizes
    assert domain.outcome_count == case.outcomes
    assert all(issue.kind is IssueKind.DISCRETE for issue in domain.issues)
    assert len(negotiation.profiles) == len(case.profiles)


def test_every_profile_evaluates_every_issue_in_domain_order(case: Any) -> None:
    negotiation = _read(case)
    indices = [issue.index for issue in negotiation.domain.issues]
    for profile in negotiation.profiles:
        assert [term.index for term in profile.terms] == indices
        assert profile.reservation == 0.0
        for term, issue in zip(profile.terms, negotiation.domain.issues, strict=True):
            assert isinstance(term.evaluator, DiscreteEvaluator)
            normalised = term.evaluator.normalised()
            assert len(normalised) == issue.size
            assert max(normalised) == 1.0
            assert min(normalised) >= 0.0


def test_laptop_values_and_discount_as_written(cases: Any) -> None:
    """laptop_domain.xml lists Laptop = Dell, Macintosh, HP; Harddisk = 60/80/120 Gb; External
    Monitor = 19''/20''/23'' LCD. Both profiles carry discount_factor 0.42441038."""
    negotiation = _read(next(c for c in cases if c.folder == "Laptop"))
    names = [issue.name for issue in negotiation.domain.issues]
    assert names == ["Laptop", "Harddisk", "External Monitor"]
    assert negotiation.domain.issues[0].values == ("Dell", "Macintosh", "HP")
    assert negotiation.domain.issues[1].values == ("60 Gb", "80 Gb", "120 Gb")
    assert negotiation.domain.issues[2].values == ("19'' LCD", "20'' LCD", "23'' LCD")
    assert [p.discount for p in negotiation.profiles] == ["0.42441038", "0.42441038"]
    buyer_laptop = negotiation.profiles[0].terms[0].evaluator
    assert isinstance(buyer_laptop, DiscreteEvaluator)
    assert buyer_laptop.evaluations == (12.0, 20.0, 30.0)
    assert buyer_laptop.normalised() == (0.4, 20 / 30, 1.0)


# --- one hand-computed utility per domain ---------------------------------------------------

# Each row: case folder, profile position, outcome (value per issue, domain order), and the
# utility computed by hand from the XML as sum(weight * evaluation / issue max) / sum(weight).
HAND: list[tuple[str, int, tuple[str, ...], float]] = [
    (
        # laptop_buyer_utility.xml: weights 0.4452125771655631, 0.37808251708013424,
        # 0.1767567099260568 (sum 1.000051804171754, so the division matters);
        # Dell 12 of max 30 = 0.4; 60 Gb 30 of 30 = 1; 19'' LCD 30 of 30 = 1.
        "Laptop",
        0,
        ("Dell", "60 Gb", "19'' LCD"),
        (0.4 * 0.4452125771655631 + 1 * 0.37808251708013424 + 1 * 0.1767567099260568)
        / (0.4452125771655631 + 0.37808251708013424 + 0.1767567099260568),
    ),
    (
        # laptop_seller_utility.xml: weights 0.37808251708013424, 0.1767567099260568,
        # 0.4452125771655631; Dell 12/30 = 0.4; 60 Gb 20/30; 19'' LCD 3/3 = 1.
        "Laptop",
        1,
        ("Dell", "60 Gb", "19'' LCD"),
        (0.4 * 0.37808251708013424 + 20 / 30 * 0.1767567099260568 + 1 * 0.4452125771655631)
        / (0.37808251708013424 + 0.1767567099260568 + 0.4452125771655631),
    ),
    (
        # ItexvsCypress_Itex.xml: weights 0.28812635027374, 0.1915290482981283,
        # 0.24212575877553694, 0.2782188426525948; $3.98 10/30; 30 days 10/20;
        # Upon delivery 10/25; Full price 1/30.  ~= 0.297930906
        "ItexvsCypress",
        0,
        ("$3.98", "30 days", "Upon delivery", "Full price"),
        (
            10 / 30 * 0.28812635027374
            + 10 / 20 * 0.1915290482981283
            + 10 / 25 * 0.24212575877553694
            + 1 / 30 * 0.2782188426525948
        )
        / (0.28812635027374 + 0.1915290482981283 + 0.24212575877553694 + 0.2782188426525948),
    ),
    (
        # ItexvsCypress_Cypress.xml: weights 0.4700166576535899, 0.1220816713696379,
        # 0.17727008190772825, 0.2306315890690439; $3.98 25/40; 30 days 19/25;
        # Upon delivery 15/15; Full price 20/20.  ~= 0.794444152
        "ItexvsCypress",
        1,
        ("$3.98", "30 days", "Upon delivery", "Full price"),
        (
            25 / 40 * 0.4700166576535899
            + 19 / 25 * 0.1220816713696379
            + 1 * 0.17727008190772825
            + 1 * 0.2306315890690439
        )
        / (0.4700166576535899 + 0.1220816713696379 + 0.17727008190772825 + 0.2306315890690439),
    ),
    (
        # England.xml: weights 0.3031462333758278, 0.303346839835533, 0.049028952379678074,
        # 0.04904500802207314, 0.29543296638688804; $50 Billion 7/9; No reduction 3/8;
        # Zimbabwe trade "No agreement" 7/12; England trade "No agreement" 6/10;
        # Creation of fund 7/10.  ~= 0.614365772
        "EnglandZimbabwe",
        0,
        ("$50 Billion", "No reduction", "No agreement", "No agreement", "Creation of fund"),
        (
            7 / 9 * 0.3031462333758278
            + 3 / 8 * 0.303346839835533
            + 7 / 12 * 0.049028952379678074
            + 6 / 10 * 0.04904500802207314
            + 7 / 10 * 0.29543296638688804
        )
        / (
            0.3031462333758278
            + 0.303346839835533
            + 0.049028952379678074
            + 0.04904500802207314
            + 0.29543296638688804
        ),
    ),
    (
        # camera_buyer_utility.xml: weights 0.34 0.06 0.13 0.10 0.11 0.26 (sum 1);
        # Nikon 300/320; APS-C 50/150; Middle range 100/350; Manfrotto 250/525;
        # Lowepro 55/340; Memory 10/220.  ~= 0.453124204
        "Camera",
        0,
        ("Nikon", "APS-C", "Middle range model", "Manfrotto", "Lowepro", "Memory"),
        (
            300 / 320 * 0.34
            + 50 / 150 * 0.06
            + 100 / 350 * 0.13
            + 250 / 525 * 0.10
            + 55 / 340 * 0.11
            + 10 / 220 * 0.26
        )
        / (0.34 + 0.06 + 0.13 + 0.10 + 0.11 + 0.26),
    ),
    (
        # Politics_util1.xml: weights 0.2423991044521965, 0.061109933021810066,
        # 0.22223106488363198, 0.12209337060366644, 0.1140709801547101, 0.10505034049772512,
        # 0.09503796567003182, 0.03800724071622797; no welfare and no health insurance 0/4;
        # Low labor tax 1/5; Medium tax 1/5; Army for peace mission 1/5; Just refugees 1/8;
        # leave 1/5; somewhat dependent on export 7/14; All drugs illegal 1/8.  ~= 0.168625702
        "Politics",
        0,
        (
            "no welfare and no health insurance",
            "Low labor tax",
            "Medium tax",
            "Army for peace mission",
            "Just refugees",
            "leave",
            "somewhat dependent on export",
            "All drugs illegal",
        ),
        (
            0 / 4 * 0.2423991044521965
            + 1 / 5 * 0.061109933021810066
            + 1 / 5 * 0.22223106488363198
            + 1 / 5 * 0.12209337060366644
            + 1 / 8 * 0.1140709801547101
            + 1 / 5 * 0.10505034049772512
            + 7 / 14 * 0.09503796567003182
            + 1 / 8 * 0.03800724071622797
        )
        / (
            0.2423991044521965
            + 0.061109933021810066
            + 0.22223106488363198
            + 0.12209337060366644
            + 0.1140709801547101
            + 0.10505034049772512
            + 0.09503796567003182
            + 0.03800724071622797
        ),
    ),
]

APPROX = {
    ("Laptop", 0): 0.732886291,
    ("Laptop", 1): 0.714246390,
    ("ItexvsCypress", 0): 0.297930906,
    ("ItexvsCypress", 1): 0.794444152,
    ("EnglandZimbabwe", 0): 0.614365772,
    ("Camera", 0): 0.453124204,
    ("Politics", 0): 0.168625702,
}


@pytest.mark.parametrize(
    ("folder", "party", "outcome", "expected"), HAND, ids=[f"{r[0]}-{r[1]}" for r in HAND]
)
def test_hand_computed_utility(
    cases: Any, folder: str, party: int, outcome: tuple[str, ...], expected: float
) -> None:
    case = next(c for c in cases if c.folder == folder)
    assert expected == pytest.approx(APPROX[(folder, party)], abs=1e-9)
    negotiation = _read(case)
    by_index = {
        issue.index: value for issue, value in zip(negotiation.domain.issues, outcome, strict=True)
    }
    profile = negotiation.profiles[party]
    assert profile.utility(negotiation.domain, by_index) == pytest.approx(expected, abs=1e-12)

    scenario = zopa.load(case.scenario_path)
    deal = dict(zip(scenario.model.issues, outcome, strict=True))
    actor = list(scenario.actors.values())[party]
    assert utility(actor, scenario.model.issues, deal) == pytest.approx(expected, abs=1e-12)
