"""The format's vocabulary: the ground floor every other package may import, which imports
nothing else from zopa (`tests/test_layers.py` checks it).

    values.py      Value, Deal: an issue's value and a deal, as the engine hands them out
    refs.py        GroupRef: `actor/id` and `actor/reservation`, parsed and printed
    solutions.py   SOLUTION_NAMES: the bargaining solutions, in report order
    numbers.py     how numbers print: 9 significant digits, no `-0`
    yaml12.py      the YAML 1.2 core-schema scalar rules, for the reader and both writers
    tolerances.py  every numerical tolerance of the engine, with its reason
"""
