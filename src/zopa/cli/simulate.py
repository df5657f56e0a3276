"""`zopa simulate`: sample a scenario's distributions and credibilities."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from zopa.cli.errors import handled, usage_error
from zopa.cli.shared import (
    DropOption,
    JsonOption,
    SetOption,
    WithoutOption,
    console,
    load,
    with_progress,
)

if TYPE_CHECKING:
    from concurrent.futures import Executor


def simulate(
    file: Annotated[Path, typer.Argument(help="The scenario file.")],
    samples: Annotated[
        int, typer.Option("-n", "--samples", min=1, help="Monte Carlo samples.")
    ] = 10_000,
    seed: Annotated[int, typer.Option("--seed", min=0, help="The run's seed.")] = 0,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Processes to spread the batches over.")
    ] = 1,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            help="A dask.distributed scheduler, e.g. tcp://host:8786 (needs the dask extra).",
        ),
    ] = None,
    nash_samples: Annotated[
        int,
        typer.Option("--nash-samples", min=1, help="About how many samples solve for Nash."),
    ] = 100,
    as_json: JsonOption = False,
    set_: SetOption = None,
    drop: DropOption = None,
    without: WithoutOption = None,
) -> None:
    """Sample distributions and credibilities: how likely a ZOPA is, and what matters most."""
    from zopa.analysis.simulate import simulate as run_simulation

    scenario = load(file, set_, drop, without)
    with handled(), _executor(workers, scheduler) as executor:
        result = with_progress(
            lambda on_done: run_simulation(
                scenario,
                n=samples,
                seed=seed,
                executor=executor,
                nash_samples=nash_samples,
                progress=lambda done, total: on_done(done * samples // total),
            ),
            total=samples,
            label="simulating",
        )
    from zopa.report.simulate import render_simulation
    from zopa.report.whatif import json_text

    if as_json:
        typer.echo(json_text(result.to_dict()), nl=False)
    else:
        render_simulation(result, scenario, console())


@contextmanager
def _executor(workers: int, scheduler: str | None) -> Iterator[Executor | None]:
    """None (run here), a process pool, or a dask cluster's executor (imported only here)."""
    if scheduler is not None:
        try:
            import distributed
        except ImportError:
            usage_error(
                "zopa simulate: --scheduler needs dask.distributed; "
                "install it with: pip install 'zopa[dask]'"
            )
        try:
            client = distributed.Client(scheduler, timeout=10)  # type: ignore[no-untyped-call]
        except OSError as error:
            usage_error(f"zopa simulate: cannot reach the scheduler {scheduler}: {error}")
        with client:
            yield client.get_executor()  # type: ignore[no-untyped-call]
        return
    if workers == 1:
        yield None
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield pool
