"""`zopa negotiate` speed: 100-round subgame-perfect equilibria on every shipped scenario.

Run: .venv/bin/python benchmarks/bench_negotiate.py [--no-write]
(writes its section of benchmarks/README.md)

Each scenario is played in equilibrium over 100 rounds (one compiled model, one session,
one lexicographic offer per round; equal demands are solved once), then with the automatic
horizon, then as `zopa negotiate` does it: the game plus the same game with each actor
proposing first. Every actor discounts by 0.9 unless the scenario's `negotiation:` block
says otherwise (with no discount the plan repeats itself and the cache answers most rounds).
Figures are best-of-N wall-clock seconds in this process (warm imports).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import zopa
from zopa.dynamics.equilibrium import play_equilibrium
from zopa.dynamics.run import game_of, negotiate
from zopa.model.compile import compile_scenario

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _shared import best_of, cpu_name, markers, write_section

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = sorted((ROOT / "scenarios").rglob("*.yaml"))
DISCOUNT = 0.9


def measure(path: Path, repeat: int) -> str:
    scenario = zopa.load(path)
    block = scenario.model.negotiation
    given = {} if block is None else dict(block.discount)
    discount = {a: given.get(a, DISCOUNT) for a in scenario.actors}
    compiled = compile_scenario(scenario)
    fixed = game_of(scenario, discount=discount, rounds=100, equilibrium=True)
    auto = game_of(scenario, discount=discount, equilibrium=True)
    t100 = best_of(repeat, lambda: play_equilibrium(compiled, fixed))
    play = play_equilibrium(compiled, fixed)
    t_auto = best_of(repeat, lambda: play_equilibrium(compiled, auto))
    horizon = play_equilibrium(compiled, auto).horizon
    t_all = best_of(1, lambda: negotiate(scenario, discount=discount, equilibrium=True))
    agreed = "none" if play.agreement is None else f"round {play.agreement.round}"
    name = path.relative_to(ROOT / "scenarios").as_posix()
    issues = len(scenario.model.issues)
    return (
        f"| {name} | {len(scenario.actors)} | {issues} | {agreed} | {t100:.2f} | "
        f"{horizon} | {t_auto:.2f} | {t_all:.2f} |"
    )


def section(rows: list[str], repeat: int) -> str:
    start, end = markers("bench_negotiate")
    return "\n".join(
        [
            start,
            "## Negotiation equilibria (`bench_negotiate.py`)",
            "",
            "Subgame-perfect alternating offers by backward induction on every shipped "
            f"scenario, every actor discounting by {DISCOUNT} unless the scenario's "
            "`negotiation:` block says otherwise: one 100-round equilibrium (one offer, i.e. "
            "a few lexicographic MILP solves, per round on one session; equal demands are "
            "solved once), the equilibrium with the automatic horizon (round 1 within 1e-6 "
            "of the infinite-horizon limit), and the whole `zopa negotiate` (the game plus "
            "each actor proposing first, automatic horizon). Without a ZOPA every round is "
            "one infeasible solve. Regenerate with `.venv/bin/python "
            "benchmarks/bench_negotiate.py`.",
            "",
            f"Machine: 2 cores, {cpu_name()}, Python {sys.version.split()[0]}; wall-clock "
            f"seconds, best of {repeat} (the whole command: 1 run), on a machine shared with "
            "other work.",
            "",
            "| scenario | actors | issues | agreement | 100 rounds (s) | automatic horizon | "
            "automatic (s) | zopa negotiate (s) |",
            "|---|---:|---:|---|---:|---:|---:|---:|",
            *rows,
            end,
            "",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    rows = []
    for path in SHIPPED:
        rows.append(measure(path, args.repeat))
        print(rows[-1], flush=True)
    text = section(rows, args.repeat)
    print(text)
    if not args.no_write:
        write_section("bench_negotiate", text)


if __name__ == "__main__":
    main()
