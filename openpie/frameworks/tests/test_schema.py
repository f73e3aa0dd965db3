"""Framework files: what is accepted, and how clearly a bad file is explained."""

import pytest

from openpie.frameworks.schema import FrameworkFileError, parse_framework_file

GOOD = """\
format: openpie-framework/1
key: tiny
name: Tiny framework
version: "1"
scale:
  levels: [Low, High]
  positions_per_level: 2
  paper_positions_per_level: 1
barrier_kinds:
  - key: other
    name: Other
themes:
  - key: relationships
    name: Relationships
    elements:
      - key: trust
        name: Trust
"""


def problems(text: str) -> list[str]:
    with pytest.raises(FrameworkFileError) as error:
        parse_framework_file(text)
    return [str(p) for p in error.value.problems]


def test_a_good_file_parses():
    data = parse_framework_file(GOOD)
    assert data.themes[0].elements[0].key == "trust"
    assert data.scale.levels == ["Low", "High"]


def test_json_is_accepted_too():
    data = parse_framework_file(
        '{"format": "openpie-framework/1", "key": "j", "name": "J", "version": "1",'
        ' "scale": {"levels": ["A", "B"], "positions_per_level": 1, "paper_positions_per_level": 1},'
        ' "barrier_kinds": [{"key": "o", "name": "O"}],'
        ' "themes": [{"key": "t", "name": "T", "elements": [{"key": "e", "name": "E"}]}]}'
    )
    assert data.key == "j"


def test_a_missing_field_names_its_line_and_path():
    text = GOOD.replace("        name: Trust\n", "")
    assert problems(text) == ["line 16, themes[1].elements[1].name: this is required"]


def test_a_misspelt_field_is_named():
    text = GOOD.replace("    name: Relationships", "    nmae: Relationships")
    found = problems(text)
    assert "line 14, themes[1].nmae: this field is not part of the format (check its spelling)" in found


def test_a_bad_key_explains_the_allowed_form():
    found = problems(GOOD.replace("key: trust", "key: Trust Me"))
    assert found == [
        "line 16, themes[1].elements[1].key: "
        "use lowercase letters, numbers and single hyphens only, like “staff-support”"
    ]


def test_a_number_where_text_belongs_is_refused():
    assert problems(GOOD.replace('version: "1"', "version: 1.0")) == ["line 4, version: this must be text"]


def test_duplicate_keys_are_refused():
    text = GOOD.replace("key: trust", "key: relationships")
    assert any("used more than once" in p for p in problems(text))


def test_broken_yaml_names_the_line():
    found = problems(GOOD.replace("  levels: [Low, High]", "  levels: [Low, High"))
    assert len(found) == 1
    assert found[0].startswith("line ")
    assert "not valid YAML or JSON" in found[0]


def test_nul_characters_are_refused():
    assert "NUL" in problems(GOOD + "\x00")[0]


def test_a_file_that_is_not_a_mapping_is_refused():
    assert "must be a mapping" in problems("- just\n- a list\n")[0]


@pytest.mark.parametrize(
    "text", ["[" * 100_000 + "]" * 100_000, "a:\n" + "".join(" " * n + "- \n" for n in range(5000))]
)
def test_a_file_nested_thousands_deep_is_refused_not_a_server_error(text):
    with pytest.raises(FrameworkFileError, match=r"nested too deeply|not valid"):
        parse_framework_file(text)
