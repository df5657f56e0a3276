"""The YAML 1.2 core-schema scalar rules, in one place: the reader (`scenario/source.py`)
resolves plain scalars with them, and both writers (`zopa import genius`,
`zopa.testing`) quote with them, so that what zopa writes reads back as written.

PyYAML resolves by YAML 1.1 rules (`08` a string, `1e3` a string, `yes` a boolean); zopa
reads YAML 1.2 (`08` the integer 8, `1e3` a float, `yes` a string).
"""

from __future__ import annotations

import re

import yaml

NULL = re.compile(r"^(?:null|Null|NULL|~|)$")
TRUE = re.compile(r"^(?:true|True|TRUE)$")
FALSE = re.compile(r"^(?:false|False|FALSE)$")
INT_DEC = re.compile(r"^[-+]?[0-9]+$")
INT_OCT = re.compile(r"^0o[0-7]+$")
INT_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")

_NOT_A_STRING = (NULL, TRUE, FALSE, INT_DEC, INT_OCT, INT_HEX, FLOAT, INF, NAN)

UNICODE_BREAKS = frozenset("\x85\u2028\u2029")
"""Characters PyYAML writes as line breaks in plain and single-quoted scalars, where reading
folds them to spaces; double quotes escape them (`\\N`, `\\L`, `\\P`)."""


def reads_as_non_string(text: str) -> bool:
    """Whether YAML 1.2 reads `text`, written plain, as a null, boolean or number."""
    return any(rule.match(text) for rule in _NOT_A_STRING)


class Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, quoting every string that a YAML 1.2 reader would read as
    another type or fold (PyYAML quotes by YAML 1.1 rules only: it would write `1e3` or
    `0o17` bare, and U+2028 as a line break)."""


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    if UNICODE_BREAKS.intersection(text):
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"')
    if reads_as_non_string(text):
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="'")
    return dumper.represent_str(text)


Dumper.add_representer(str, _represent_str)
