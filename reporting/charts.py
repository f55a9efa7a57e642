"""Charts drawn on the server as SVG: no JavaScript, no build step, prints well.

Coordinates are handed to the template as strings: a float in a Vietnamese
template would be localised ("56,0") and break the SVG."""

from dataclasses import dataclass

from django.utils import formats

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 44


@dataclass
class LineChart:
    width: int
    height: int
    points: str  # the polyline of the series
    dots: list[tuple[str, str, str, str]]  # x, y, x label, value label
    target_y: str | None
    target_label: str
    ticks: list[tuple[str, str]]  # y, label
    baseline: str
    left: str
    right: str
    label_x: str  # where the y-axis labels end
    label_y: str  # where the x-axis labels stand


def cumulative_chart(labels: list[str], values: list[int], target: int | None) -> LineChart:
    """A line of cumulative values per week, with the target as a dashed line."""
    top_value = max([*values, target or 0, 1])
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(values) - 1, 1)

    def y(value: float) -> str:
        return f"{TOP + plot_h * (1 - value / top_value):.1f}"

    coords = [(f"{LEFT + i * step:.1f}", y(v)) for i, v in enumerate(values)]
    ticks = [(y(top_value * k / 4), formats.number_format(round(top_value * k / 4), force_grouping=True)) for k in range(5)]
    return LineChart(
        width=WIDTH,
        height=HEIGHT,
        points=" ".join(f"{x},{yy}" for x, yy in coords),
        dots=[(x, yy, labels[i], formats.number_format(values[i], force_grouping=True)) for i, (x, yy) in enumerate(coords)],
        target_y=y(target) if target else None,
        target_label=formats.number_format(target, force_grouping=True) if target else "",
        ticks=ticks,
        baseline=y(0),
        left=str(LEFT),
        right=str(WIDTH - RIGHT),
        label_x=str(LEFT - 6),
        label_y=str(HEIGHT - 24),
    )
