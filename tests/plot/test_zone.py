"""The zone picture's bars, derived by hand from the shipped scenarios."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import zopa
from zopa.plot.figure import figure_bytes
from zopa.plot.zone import THIN, rows, zone_figure

CAR = zopa.load("scenarios/car-sale.yaml")
COALITION = zopa.load("scenarios/coalition.yaml")
UKRAINE = zopa.load("scenarios/ukraine.yaml")


def flat(spans: tuple[tuple[float, float], ...]) -> list[float]:
    return [x for span in spans for x in span]


def test_car_sale_bars() -> None:
    price, warranty, delivery, tyres = rows(zopa.analyze(CAR), CAR)
    # price 15000..25000, the ZOPA 18830..21600 (docs/examples.md)
    assert price.label == "price\n(EUR)" and (price.left, price.right) == ("15000", "25000")
    assert flat(price.spans) == pytest.approx(flat(((0.383, 0.66),)))
    assert price.zone_text == "18830 – 21600"
    assert warranty.cells == ("none", "six_months", "two_years")
    assert flat(warranty.spans) == pytest.approx(flat(((0, 1 / 3), (1 / 3, 2 / 3), (2 / 3, 1))))
    assert flat(delivery.spans) == pytest.approx(flat(((2 / 30, 14 / 30),)))
    assert tyres.cells == ("false", "true") and len(tyres.spans) == 2


def test_status_quo_and_sequences() -> None:
    bars = rows(zopa.analyze(COALITION), COALITION)
    by_label = {row.label.split("\n")[0]: row for row in bars}
    reforms = [row for row in bars if row.label.startswith("reforms: ")]
    assert [r.label for r in reforms] == [
        "reforms: climate_law",
        "reforms: tax_relief",
        "reforms: pension_reform",
        "reforms: digital_agenda",
    ]
    assert flat(reforms[0].spans) == pytest.approx(flat(((0, 0.25),)))  # climate_law first, always
    assert flat(reforms[2].spans) == pytest.approx(flat(((0.5, 1.0),)))  # pension_reform 3rd or 4th
    coal = by_label["coal_exit"]  # 2030..2038, the ZOPA 2031 alone: a thin bar
    assert flat(coal.spans) == pytest.approx(flat(((1 / 8, 1 / 8 + THIN),)))
    assert flat(by_label["chancellor"].spans) == pytest.approx([0, 1 / 3])


def test_no_zopa_has_no_green_and_keeps_the_status_quo() -> None:
    bars = rows(zopa.analyze(UKRAINE), UKRAINE)
    assert all(row.spans == () for row in bars)
    territory, nato = bars[0], bars[1]
    assert territory.status_quo == pytest.approx(0.20 / 0.27)
    assert nato.status_quo == pytest.approx(0.5)  # deferred: the middle of three


def test_zone_svg_golden(golden: Callable[[str, bytes], None]) -> None:
    golden(
        "zone-coalition.svg", figure_bytes(zone_figure(zopa.analyze(COALITION), COALITION), "svg")
    )
