"""Bad GENIUS input: every problem is a `ScenarioError` naming the file, with the line and
column where one exists, and a message that says what is wrong. Also the XML safety rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from zopa import ScenarioError
from zopa.importers import genius_xml
from zopa.importers.genius import import_genius
from zopa.importers.genius_xml import read_xml

DOMAIN = """<negotiation_template>
<utility_space number_of_issues="2">
<objective index="0" name="root" type="objective" etype="objective">
  <issue index="1" name="Colour" type="discrete" etype="discrete" vtype="discrete">
    <item index="1" value="red"/>
    <item index="2" value="blue"/>
  </issue>
  <issue index="2" name="Size" type="discrete" etype="discrete" vtype="discrete">
    <item index="1" value="S"/>
    <item index="2" value="L"/>
  </issue>
</objective>
</utility_space>
</negotiation_template>
"""

PROFILE = """<utility_space>
<reservation value="0.25"/>
<objective index="0" name="root" type="objective" etype="objective">
  <issue index="1" name="Colour" type="discrete" etype="discrete" vtype="discrete">
    <item index="1" value="red" evaluation="2"/>
    <item index="2" value="blue" evaluation="4"/>
  </issue>
  <issue index="2" name="Size" type="discrete" etype="discrete" vtype="discrete">
    <item index="1" value="S" evaluation="1"/>
    <item index="2" value="L" evaluation="0"/>
  </issue>
  <weight index="1" value="0.6"/>
  <weight index="2" value="0.4"/>
</objective>
<discount_factor value="0.9"/>
</utility_space>
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _import_profile(tmp_path: Path, profile_text: str, domain_text: str = DOMAIN) -> None:
    domain = _write(tmp_path, "domain.xml", domain_text)
    profile = _write(tmp_path, "party.xml", profile_text)
    import_genius(domain, [profile])


def _error(tmp_path: Path, profile_text: str, domain_text: str = DOMAIN) -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        _import_profile(tmp_path, profile_text, domain_text)
    return info.value


def test_the_valid_fixture_imports(tmp_path: Path) -> None:
    """Colour: red 2/4 = 0.5, blue 4/4 = 1; Size: S 1/1, L 0/1; weights 0.6, 0.4."""
    domain = _write(tmp_path, "domain.xml", DOMAIN)
    profile = _write(tmp_path, "party.xml", PROFILE)
    raw = import_genius(domain, [profile])
    actor = raw["actors"]["party"]
    assert actor["reservation"] == 0.25
    assert actor["preferences"] == {
        "colour": {"weight": 0.6, "values": {"red": 0.5, "blue": 1.0}},
        "size": {"weight": 0.4, "values": {"S": 1.0, "L": 0.0}},
    }
    assert actor["description"] == "GENIUS profile party.xml; its discount factor 0.9 is ignored"


# --- not XML, or unsafe XML -----------------------------------------------------------------


def test_malformed_xml_gives_line_and_column(tmp_path: Path) -> None:
    broken = PROFILE.replace('<weight index="2" value="0.4"/>', '<weight index="2" value="0.4">')
    error = _error(tmp_path, broken)
    assert error.file.endswith("party.xml")
    assert "not well-formed XML" in error.message
    assert error.line == 14  # the </objective> that meets an unclosed <weight>
    assert error.column is not None


def test_a_doctype_is_refused_so_entities_never_expand(tmp_path: Path) -> None:
    laughs = (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n'
        "<utility_space>&lol2;</utility_space>\n"
    )
    error = _error(tmp_path, laughs)
    assert "document type declarations" in error.message
    assert error.line == 2


def test_an_external_entity_is_never_fetched(tmp_path: Path) -> None:
    secret = _write(tmp_path, "secret.txt", "TOP SECRET")
    xxe = (
        f'<!DOCTYPE u [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
        '<utility_space><reservation value="&xxe;"/></utility_space>\n'
    )
    error = _error(tmp_path, xxe)
    assert "TOP SECRET" not in str(error)
    assert "document type declarations" in error.message


def test_an_undeclared_entity_is_not_well_formed(tmp_path: Path) -> None:
    error = _error(tmp_path, PROFILE.replace('value="0.25"', 'value="&x;"'))
    assert "undefined entity" in error.message
    assert error.line == 2


def test_files_over_the_size_cap_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(genius_xml, "MAX_XML_BYTES", 100)
    error = _error(tmp_path, PROFILE)
    assert "larger than 100 bytes" in error.message


def test_a_missing_file_is_a_scenario_error(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as info:
        read_xml(tmp_path / "nowhere.xml")
    assert "cannot read the file" in info.value.message
    assert info.value.file.endswith("nowhere.xml")


def test_at_least_one_profile_is_needed(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="at least one profile"):
        import_genius(_write(tmp_path, "domain.xml", DOMAIN), [])


# --- profiles that do not fit the domain ----------------------------------------------------


def test_profile_issue_unknown_to_the_domain(tmp_path: Path) -> None:
    extra = PROFILE.replace(
        '  <weight index="1"',
        '  <issue index="7" name="Price" type="discrete"><item value="x" evaluation="1"/>'
        '</issue>\n  <weight index="1"',
    )
    error = _error(tmp_path, extra)
    assert "issue 'Price' (index 7) is not in the domain (domain.xml)" in error.message
    assert "1: 'Colour', 2: 'Size'" in error.message
    assert error.line == 12


def test_weight_for_an_unknown_issue(tmp_path: Path) -> None:
    error = _error(tmp_path, PROFILE.replace('<weight index="2"', '<weight index="9"'))
    assert "weight for issue index 9" in error.message


def test_issue_name_that_differs_from_the_domain(tmp_path: Path) -> None:
    error = _error(tmp_path, PROFILE.replace('name="Size"', 'name="Weight"'))
    assert "issue 2 is 'Weight' here but 'Size' in the domain" in error.message
    assert error.line == 8


def test_value_unknown_to_the_domain(tmp_path: Path) -> None:
    error = _error(tmp_path, PROFILE.replace('value="blue" evaluation', 'value="green" evaluation'))
    assert "issue 'Colour' has no value 'green'" in error.message
    assert "'red', 'blue'" in error.message


def test_value_without_evaluation(tmp_path: Path) -> None:
    error = _error(tmp_path, PROFILE.replace('<item index="2" value="L" evaluation="0"/>', ""))
    assert "issue 'Size': no evaluation for 'L'" in error.message


def test_issue_without_weight(tmp_path: Path) -> None:
    error = _error(tmp_path, PROFILE.replace('<weight index="2" value="0.4"/>', ""))
    assert "issue 'Size' (index 2) has no <weight>" in error.message


def test_domain_issue_missing_from_the_profile(tmp_path: Path) -> None:
    start = PROFILE.index('  <issue index="2"')
    end = PROFILE.index("  <weight index")
    error = _error(tmp_path, PROFILE[:start] + PROFILE[end:])
    assert "does not evaluate issue 2 'Size'" in error.message


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('evaluation="2"', 'evaluation="two"', "evaluation='two' is not a finite number"),
        ('evaluation="2"', 'evaluation="-2"', "has a negative evaluation"),
        ('evaluation="2"', 'evaluation="NaN"', "is not a finite number"),
        ('<weight index="1" value="0.6"/>', '<weight index="1" value="-1"/>', "negative weight"),
        ('value="0.25"', 'value="1.5"', "reservation value 1.5 is outside [0, 1]"),
        ('value="0.6"/>', 'value="0"/>', "every issue weight is 0"),
    ],
)
def test_bad_numbers(tmp_path: Path, old: str, new: str, message: str) -> None:
    text = PROFILE.replace(old, new, 1)
    if "every issue weight" in message:
        text = text.replace('<weight index="2" value="0.4"/>', '<weight index="2" value="0"/>')
    assert message in _error(tmp_path, text).message


def test_non_linear_hyper_rectangle_profile(tmp_path: Path) -> None:
    """A constraint-style profile in the shape of ANAC 2014's 10issues (own numbers)."""
    domain = """<negotiation_template><utility_space number_of_issues="2">
<objective index="0" name="root" type="objective" etype="objective">
  <issue index="1" name="a" type="integer" etype="integer" vtype="integer" lowerbound="0"
    upperbound="9"/>
  <issue index="2" name="b" type="integer" etype="integer" vtype="integer" lowerbound="0"
    upperbound="9"/>
</objective></utility_space></negotiation_template>
"""
    profile = """<utility_space type="nonlinear">
<objective index="0" name="root" type="objective" etype="objective">
  <issue index="1" name="a" type="integer" etype="integer" vtype="integer" lowerbound="0"
    upperbound="9"/>
  <issue index="2" name="b" type="integer" etype="integer" vtype="integer" lowerbound="0"
    upperbound="9"/>
  <utility maxutility="50">
    <ufun type="PlainUfun" weight="1" aggregation="sum">
      <hyperRectangle utility="30">
        <INCLUDES index="1" min="2" max="5"/>
      </hyperRectangle>
    </ufun>
  </utility>
</objective>
</utility_space>
"""
    error = _error(tmp_path, profile, domain)
    assert "non-linear utility" in error.message
    assert "only linear-additive GENIUS profiles" in error.message
    assert error.line == 1

    linear_shell = profile.replace(' type="nonlinear"', "")
    error = _error(tmp_path, linear_shell, domain)
    assert "non-linear utility (<utility>)" in error.message
    assert error.line == 7


# --- domains the importer does not handle ---------------------------------------------------


def test_real_valued_issue(tmp_path: Path) -> None:
    domain = DOMAIN.replace(
        '<issue index="2" name="Size" type="discrete" etype="discrete" vtype="discrete">',
        '<issue index="2" name="Size" type="real" etype="real" vtype="real">',
    )
    error = _error(tmp_path, PROFILE, domain)
    assert "issue 'Size' is real-valued" in error.message
    assert error.file.endswith("domain.xml")
    assert error.line == 8


def test_nested_objectives(tmp_path: Path) -> None:
    domain = DOMAIN.replace("</objective>", '<objective index="5" name="sub"/></objective>')
    error = _error(tmp_path, PROFILE, domain)
    assert "nested objectives are not supported" in error.message


def test_duplicate_values_and_indices_in_the_domain(tmp_path: Path) -> None:
    twice = DOMAIN.replace('value="blue"', 'value="red"')
    assert "lists value 'red' twice" in _error(tmp_path, PROFILE, twice).message
    same_index = DOMAIN.replace('<issue index="2"', '<issue index="1"')
    assert "two issues have index 1" in _error(tmp_path, PROFILE, same_index).message


def test_not_a_genius_file(tmp_path: Path) -> None:
    error = _error(tmp_path, PROFILE, "<html><body/></html>\n")
    assert "no <objective> element: is this a GENIUS domain file?" in error.message


def test_element_count_and_depth_caps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(genius_xml, "MAX_DEPTH", 3)
    error = _error(tmp_path, PROFILE)
    assert "nested deeper than 3 levels" in error.message
    assert error.file.endswith("domain.xml")
    assert error.line == 4  # the first <issue>, fourth level
    monkeypatch.setattr(genius_xml, "MAX_DEPTH", 32)
    monkeypatch.setattr(genius_xml, "MAX_ELEMENTS", 5)
    assert "more than 5 XML elements" in _error(tmp_path, PROFILE).message
