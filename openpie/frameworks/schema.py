"""The framework file format (YAML or JSON), validated with clear, located errors."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

FORMAT = "openpie-framework/1"

Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
ShortName = Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000)]
# A word or short phrase the relationships view looks for ("trust", "key worker"); simple endings
# (trusting, trusted) are found too.
RELATIONSHIP_WORD_PATTERN = r"^[^\W\d_]+([ '-][^\W\d_]+)*$"
RELATIONSHIP_WORD_MESSAGE = (
    "a relationship word is letters only, with single spaces, hyphens or apostrophes between words"
)
RelationshipWord = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=2, max_length=40, pattern=RELATIONSHIP_WORD_PATTERN)
]
Question = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
# What one level of the scale looks like in practice for a theme or element: a sentence or two.
Descriptor = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]
# A statement a team rates red, amber or green before placing its bead.
Criterion = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
MAX_CRITERIA = 12


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


# A language's key in a framework file: "cy" for Welsh. English (the source) is the file's own wording.
LanguageKey = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
OptionalName = Annotated[str, StringConstraints(strip_whitespace=True, max_length=120)]


class ThreadTranslation(_Strict):
    """A theme's or element's wording in another language; anything left out stays in English."""

    name: OptionalName = ""
    short_name: ShortName = ""
    description: Text = ""
    guiding_questions: list[Question] = Field(default_factory=list, max_length=20)
    easy_read: Text = ""
    level_descriptors: list[Descriptor] = Field(default_factory=list, max_length=10)
    review_criteria: list[Criterion] = Field(default_factory=list, max_length=MAX_CRITERIA)
    easy_read_follow_up: Text = ""


class BarrierKindTranslation(_Strict):
    name: OptionalName = ""
    description: Text = ""


class ScaleTranslation(_Strict):
    levels: list[Name] = Field(default_factory=list, max_length=10)
    easy_read_levels: list[Name] = Field(default_factory=list, max_length=10)


class FrameworkTranslation(_Strict):
    name: OptionalName = ""
    description: Text = ""


class ElementFile(_Strict):
    key: Key
    name: Name
    short_name: ShortName = ""
    description: Text = ""
    guiding_questions: list[Question] = Field(default_factory=list, max_length=20)
    easy_read: Text = ""
    # Optional: one description per level of the scale, left to right.
    level_descriptors: list[Descriptor] = Field(default_factory=list, max_length=10)
    # Optional: statements to rate red / amber / green before placing the bead.
    review_criteria: list[Criterion] = Field(default_factory=list, max_length=MAX_CRITERIA)
    # A second easy-read question where a theme needs two ideas: one idea to a question (optional).
    easy_read_follow_up: Text = ""
    # The wording in other languages, by language key (optional): {"cy": {"name": "…", …}}.
    translations: dict[LanguageKey, ThreadTranslation] = Field(default_factory=dict)


class ThemeFile(ElementFile):
    elements: list[ElementFile] = Field(min_length=1, max_length=30)


class BarrierKindFile(_Strict):
    key: Key
    name: Name
    description: Text = ""
    translations: dict[LanguageKey, BarrierKindTranslation] = Field(default_factory=dict)


class ScaleFile(_Strict):
    levels: list[Name] = Field(min_length=2, max_length=10)
    positions_per_level: int = Field(ge=1, le=10)
    paper_positions_per_level: int = Field(ge=1, le=10)
    easy_read_levels: list[Name] = Field(default_factory=list, max_length=10)
    translations: dict[LanguageKey, ScaleTranslation] = Field(default_factory=dict)


class FrameworkFile(_Strict):
    format: Literal["openpie-framework/1"]
    key: Key
    name: Name
    version: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20)]
    description: Text = ""
    scale: ScaleFile
    barrier_kinds: list[BarrierKindFile] = Field(min_length=1, max_length=50)
    themes: list[ThemeFile] = Field(min_length=1, max_length=20)
    relationship_words: list[RelationshipWord] = Field(default_factory=list, max_length=100)
    translations: dict[LanguageKey, FrameworkTranslation] = Field(default_factory=dict)

    @model_validator(mode="after")
    def keys_are_unique(self) -> FrameworkFile:
        seen: set[str] = set()
        for theme in self.themes:
            for key in [theme.key, *(e.key for e in theme.elements)]:
                if key in seen:
                    raise ValueError(f"the key “{key}” is used more than once; theme and element keys must be unique")
                seen.add(key)
        kinds = [b.key for b in self.barrier_kinds]
        if len(kinds) != len(set(kinds)):
            raise ValueError("barrier kind keys must be unique")
        if self.scale.easy_read_levels and len(self.scale.easy_read_levels) != len(self.scale.levels):
            raise ValueError("scale: easy_read_levels needs one name for each level")
        levels = len(self.scale.levels)
        for theme in self.themes:
            for thread in [theme, *theme.elements]:
                if thread.level_descriptors and len(thread.level_descriptors) != levels:
                    raise ValueError(
                        f"“{thread.key}”: level_descriptors needs one description for each of the {levels} levels"
                    )
        if self.scale.paper_positions_per_level > self.scale.positions_per_level:
            raise ValueError("scale: paper_positions_per_level cannot be more than positions_per_level")
        self._translations_fit()
        return self

    def _translations_fit(self) -> None:
        """Each translated list of levels has one entry for each level (other translated lists may be
        shorter than the English: what they leave out stays in English)."""
        levels = len(self.scale.levels)
        for language, scale in self.scale.translations.items():
            for name in ("levels", "easy_read_levels"):
                if getattr(scale, name) and len(getattr(scale, name)) != levels:
                    raise ValueError(f"scale: translations.{language}.{name} needs one name for each level")
        for theme in self.themes:
            for thread in [theme, *theme.elements]:
                for language, given in thread.translations.items():
                    if given.level_descriptors and len(given.level_descriptors) != levels:
                        raise ValueError(
                            f"“{thread.key}”: translations.{language}.level_descriptors needs one description "
                            f"for each of the {levels} levels"
                        )


@dataclass(frozen=True)
class FileProblem:
    """One thing wrong with a framework file, located as precisely as the file allows."""

    message: str
    field: str = ""
    line: int | None = None

    def __str__(self) -> str:
        where = ", ".join(part for part in [f"line {self.line}" if self.line else "", self.field] if part)
        return f"{where}: {self.message}" if where else self.message


class FrameworkFileError(Exception):
    def __init__(self, problems: list[FileProblem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def _node_line(root: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """The line (1-based) of the YAML node at a validation error's location, or its nearest parent."""
    node, line = root, None
    for part in loc:
        if node is None:
            break
        line = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if getattr(k, "value", None) == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            node = None
    return node.start_mark.line + 1 if node is not None else line


def _field_name(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_FRIENDLY = {
    "missing": "this is required",
    "extra_forbidden": "this field is not part of the format (check its spelling)",
    "string_pattern_mismatch": "use lowercase letters, numbers and single hyphens only, like “staff-support”",
    "string_type": "this must be text",
    "int_type": "this must be a whole number",
    "list_type": "this must be a list",
    "literal_error": f"this must be “{FORMAT}”",
}


def _friendly(err: Any) -> str:
    if err["type"] == "string_pattern_mismatch" and err["loc"][:1] == ("relationship_words",):
        return RELATIONSHIP_WORD_MESSAGE
    return str(_FRIENDLY.get(err["type"], err["msg"].removeprefix("Value error, ")))


def _parse_text(text: str) -> tuple[Any, yaml.Node | None]:
    if "\x00" in text:
        raise FrameworkFileError([FileProblem("the file contains a NUL character; is it really text?")])
    try:
        return yaml.safe_load(text), yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise FrameworkFileError([FileProblem(f"this is not valid YAML or JSON ({exc.problem})", line=line)]) from exc
    except yaml.YAMLError as exc:
        raise FrameworkFileError([FileProblem(f"this is not valid YAML or JSON ({exc})")]) from exc
    except RecursionError as exc:  # brackets or indents nested thousands deep: no framework looks like that
        raise FrameworkFileError([FileProblem("the file is nested too deeply to be a framework")]) from exc


def parse_framework_file(text: str) -> FrameworkFile:
    """Parse and validate a framework file; raise FrameworkFileError naming each line and field at fault."""
    data, root = _parse_text(text)
    if not isinstance(data, dict):
        raise FrameworkFileError([FileProblem("the file must be a mapping with key, name, version, scale and themes")])
    try:
        return FrameworkFile.model_validate(data)
    except ValidationError as exc:
        problems = [
            FileProblem(
                _friendly(err),
                field=_field_name(tuple(err["loc"])),
                line=_node_line(root, tuple(err["loc"])),
            )
            for err in exc.errors()
        ]
        raise FrameworkFileError(problems) from exc


def _without_empty_translations(value: Any) -> Any:
    """The file as people write it: no empty ``translations``, and in each only what is translated."""
    if isinstance(value, dict):
        if "translations" in value:
            given = {language: {k: v for k, v in text.items() if v} for language, text in value["translations"].items()}
            value = {**value, "translations": {language: text for language, text in given.items() if text}}
        return {k: _without_empty_translations(v) for k, v in value.items() if not (k == "translations" and not v)}
    if isinstance(value, list):
        return [_without_empty_translations(v) for v in value]
    return value


def dump_framework_file(data: FrameworkFile, *, as_json: bool = False) -> str:
    plain = _without_empty_translations(data.model_dump())
    if as_json:
        return json.dumps(plain, indent=2, ensure_ascii=False) + "\n"
    return yaml.safe_dump(plain, sort_keys=False, allow_unicode=True, width=100)
