"""What every benchmark script shares: best-of-N timing, its own section of
benchmarks/README.md, and the name of the machine's processor for the figures' caption."""

from __future__ import annotations

import platform
import time
from collections.abc import Callable
from pathlib import Path

README = Path(__file__).resolve().parent / "README.md"


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The shortest wall time of `runs` calls of `work`, in seconds: the least disturbed by
    other work on the machine."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def write_section(name: str, text: str) -> None:
    """Replace the `<!-- NAME: start -->`…`<!-- NAME: end -->` section of README.md with
    `text` (which carries both markers), or append it; other sections stay as they are."""
    start, end = markers(name)
    old = README.read_text(encoding="utf-8") if README.exists() else "# Benchmarks\n"
    if start in old and end in old:
        before, rest = old.split(start, 1)
        after = rest.split(end, 1)[1].lstrip("\n")
        new = before + text + ("\n" + after if after else "")
    else:
        new = old.rstrip("\n") + "\n\n" + text
    README.write_text(new, encoding="utf-8")


def markers(name: str) -> tuple[str, str]:
    return f"<!-- {name}: start -->", f"<!-- {name}: end -->"


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"
