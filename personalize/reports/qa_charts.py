"""Charts for QA as SVG strings, drawn on the server: readable with no JavaScript.

Colours are presentation attributes, not style attributes, so the site's Content Security
Policy (no inline styles) lets them through. Each chart has a title and a description that
says in words what it shows, for screen readers and for anyone who cannot see the bars.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from personalize.core.i18n import DEFAULT, N_, number, translate, translate_plural

# Drawn in a box near the size it is shown at (a 22-40 rem column), so that 14 units of
# text stay 11 px or more on the page; at 640 units wide, 11-unit labels showed at 6 px.
WIDTH, HEIGHT = 440, 230
LEFT, RIGHT, TOP, BOTTOM = 40, 12, 12, 48
TICK, LABEL = 14, 15  # font sizes of tick labels and axis titles
INK, MUTED, RULE = "#1a1d21", "#4a5360", "#d5dbe1"
BAND, PASS, FAIL = "#e3f1e6", "#0a5a8a", "#b3261e"


# A band in words, by unit: between, at most, at least, and no target.
_BAND_WORDS = {
    "grade": (N_("grade %(low)s to %(high)s"), N_("grade %(high)s or lower"),
              N_("grade %(low)s or higher"), N_("no grade target")),
    "score": (N_("score %(low)s to %(high)s"), N_("score %(high)s or lower"),
              N_("score %(low)s or higher"), N_("no score target")),
}


@dataclass(frozen=True)
class Band:
    """A target band on a chart's axis; None for an open end.

    `unit` is "grade" (a school grade, lower is easier) or "score" (an ease score such as
    Fernandez Huerta, higher is easier); `step` the width of a distribution's bars.
    """

    low: float | None = None
    high: float | None = None
    unit: str = "grade"
    step: int = 1

    def holds(self, grade: float) -> bool:
        """Whether a grade is inside the band.

        >>> Band(high=8).holds(7.9), Band(high=8).holds(8.5), Band().holds(30)
        (True, False, True)
        """
        return not ((self.low is not None and grade < self.low)
                    or (self.high is not None and grade > self.high))

    def describe(self, locale: str = DEFAULT) -> str:
        """The band in words, in a locale.

        >>> Band(high=8).describe(), Band(6, 10).describe(), Band().describe()
        ('grade 8 or lower', 'grade 6 to 10', 'no grade target')
        >>> Band(high=8.5).describe("es"), Band(low=70, unit="score").describe()
        ('grado 8,5 o menos', 'score 70 or higher')
        """
        both, below, above, none = _BAND_WORDS[self.unit]
        low, high = number(self.low, locale), number(self.high, locale)
        if self.low is not None and self.high is not None:
            return translate(locale, both, low=low, high=high)
        if self.high is not None:
            return translate(locale, below, high=high)
        if self.low is not None:
            return translate(locale, above, low=low)
        return translate(locale, none)


def distribution(bins: dict[int, int], band: Band, title: str, chart_id: str,
                 locale: str = DEFAULT, axis: str = "Flesch-Kincaid grade") -> Markup:
    """Bars of how many renditions fall in each bin (its low end: a whole grade, or a
    score's tens when band.step is 10), over the target band; `axis` names the metric.

    >>> svg = distribution({3: 2, 9: 1}, Band(high=8), "Patient", "c1")
    >>> 'role="img"' in svg, "2 of 3 renditions within grade 8 or lower" in svg
    (True, True)
    >>> svg.count("<rect class=\\"bar") == 2
    True
    >>> svg = distribution({60: 1, 80: 2}, Band(low=70, unit="score", step=10), "P", "c2",
    ...                    axis="Fernandez Huerta")
    >>> "2 of 3 renditions within score 70 or higher" in svg, "score 60 to 69: 1" in svg
    (True, True)
    """
    step = band.step
    top = max([20 * step if step == 1 else 100, *bins]) + step
    most = max([1, *bins.values()])
    total, inside = sum(bins.values()), sum(n for g, n in bins.items() if band.holds(g))
    desc = " ".join([translate_plural(locale, "%(inside)s of %(num)s rendition within %(band)s.",
                                      "%(inside)s of %(num)s renditions within %(band)s.", total,
                                      inside=inside, band=band.describe(locale)),
                     ", ".join(_bin(locale, band, g, n) for g, n in sorted(bins.items()))
                     + ("." if bins else "")]).strip()
    x = _scale(0, top, LEFT, WIDTH - RIGHT)
    y = _scale(0, most, HEIGHT - BOTTOM, TOP)
    width = x(step) - x(0)
    parts = [_band(band, x, 0, top)]
    parts += _y_axis(y, most) + _x_axis(x, top, step, translate(locale, axis))
    for low, count in sorted(bins.items()):
        colour = PASS if band.holds(low) else FAIL
        parts.append(f'<rect class="bar" x="{x(low) + 1:.1f}" y="{y(count):.1f}" '
                     f'width="{width - 2:.1f}" height="{y(0) - y(count):.1f}" fill="{colour}">'
                     f'<title>{escape(_bin(locale, band, low, count))}</title></rect>')
    return _svg(chart_id, title, desc, parts)


def trend(points: list[tuple[str, float, bool]], band: Band, title: str,
          chart_id: str, locale: str = DEFAULT) -> Markup:
    """A line of one answer's grade (or score) over its scores (label, value, passed).

    >>> svg = trend([("r1", 6.0, True), ("r2", 9.5, False)], Band(high=8), "Grade", "t")
    >>> "r1: grade 6 (pass); r2: grade 9.5 (fail)" in svg, svg.count("<circle")
    (True, 2)
    >>> "r1: score 72 (pass)" in trend([("r1", 72, True)], Band(70, unit="score"), "S", "u")
    True
    """
    desc = "; ".join(
        _point(locale, band, label, grade) + " (" + (
            translate(locale, "pass") if ok else translate(locale, "fail")) + ")"
        for label, grade, ok in points) or translate(locale, "No scores kept yet.")
    grades = [g for _, g, _ in points] + [b for b in (band.low, band.high) if b is not None]
    high = max([12 if band.unit == "grade" else 100, *grades]) + 1
    low = min([0, *grades])
    x = _scale(0, max(1, len(points) - 1), LEFT + 20, WIDTH - RIGHT - 20)
    y = _scale(low, high, HEIGHT - BOTTOM, TOP)
    parts = [_band(band, y, low, high, vertical=False)] + _y_axis(y, high, low)
    coords = [(x(i), y(g)) for i, (_, g, _) in enumerate(points)]
    if len(coords) > 1:
        line = " ".join(f"{a:.1f},{b:.1f}" for a, b in coords)
        parts.append(f'<polyline points="{line}" fill="none" stroke="{MUTED}" '
                     'stroke-width="2"/>')
    for (cx, cy), (label, grade, ok) in zip(coords, points, strict=True):
        point = _point(locale, band, label, grade)
        parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="5" fill="{PASS if ok else FAIL}">'
                     f'<title>{escape(point)}</title></circle>')
        parts.append(f'<text x="{cx:.1f}" y="{HEIGHT - BOTTOM + 20}" text-anchor="middle" '
                     f'font-size="{TICK}" fill="{INK}">{escape(label)}</text>')
    return _svg(chart_id, title, desc, parts)


def _svg(chart_id: str, title: str, desc: str, parts: list[str]) -> Markup:
    cid = escape(chart_id)
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'class="qa-chart" role="img" aria-labelledby="{cid}-title {cid}-desc" '
        f'font-family="system-ui, sans-serif">'
        f'<title id="{cid}-title">{escape(title)}</title>'
        f'<desc id="{cid}-desc">{escape(desc)}</desc>' + "".join(parts) + "</svg>")


def _band(band: Band, scale, low: float, high: float, vertical: bool = True) -> str:
    """The target band as a shaded area along the grade axis."""
    if band.low is None and band.high is None:
        return ""
    a = scale(max(low, band.low if band.low is not None else low))
    b = scale(min(high, band.high + (band.step if vertical else 0)
                  if band.high is not None else high))
    if vertical:
        return (f'<rect class="band" x="{min(a, b):.1f}" y="{TOP}" width="{abs(b - a):.1f}" '
                f'height="{HEIGHT - BOTTOM - TOP}" fill="{BAND}"/>')
    return (f'<rect class="band" x="{LEFT}" y="{min(a, b):.1f}" width="{WIDTH - RIGHT - LEFT}" '
            f'height="{abs(b - a):.1f}" fill="{BAND}"/>')


def _y_axis(y, high: float, low: float = 0) -> list[str]:
    step = max(1, round((high - low) / 4))
    out = []
    tick = int(low)
    while tick <= high:
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" '
                   f'y2="{y(tick):.1f}" stroke="{RULE}"/>'
                   f'<text x="{LEFT - 6}" y="{y(tick) + 5:.1f}" text-anchor="end" '
                   f'font-size="{TICK}" fill="{MUTED}">{tick}</text>')
        tick += step
    return out


def _x_axis(x, top: int, step: int, label: str) -> list[str]:
    every = 2 * step  # a tick label every 2 grades, or every 20 points
    out = [f'<text x="{x(g) + (x(step) - x(0)) / 2:.1f}" y="{HEIGHT - BOTTOM + 18}" '
           f'text-anchor="middle" font-size="{TICK}" fill="{MUTED}">{g}</text>'
           for g in range(0, top, every)]
    out.append(f'<text x="{(LEFT + WIDTH - RIGHT) / 2}" y="{HEIGHT - 8}" text-anchor="middle" '
               f'font-size="{LABEL}" fill="{INK}">{escape(label)}</text>')
    return out


def _scale(lo: float, hi: float, out_lo: float, out_hi: float):
    """A linear map from [lo, hi] to [out_lo, out_hi].

    >>> _scale(0, 10, 0, 100)(2.5)
    25.0
    """
    span = (hi - lo) or 1
    return lambda v: out_lo + (v - lo) * (out_hi - out_lo) / span


def _bin(locale: str, band: Band, low: int, count: int) -> str:
    if band.unit == "grade":
        return translate(locale, "grade %(grade)s: %(count)s", grade=low, count=count)
    return translate(locale, "score %(low)s to %(high)s: %(count)s", low=low,
                     high=low + band.step - 1, count=count)


def _point(locale: str, band: Band, label: str, value: float) -> str:
    if band.unit == "grade":
        return translate(locale, "%(label)s: grade %(grade)s", label=label,
                         grade=number(value, locale))
    return translate(locale, "%(label)s: score %(score)s", label=label,
                     score=number(value, locale))
