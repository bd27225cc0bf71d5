"""Charts for QA as SVG strings, drawn on the server: readable with no JavaScript.

Colours are presentation attributes, not style attributes, so the site's Content Security
Policy (no inline styles) lets them through. Each chart has a title and a description that
says in words what it shows, for screen readers and for anyone who cannot see the bars.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from personalize.core.i18n import DEFAULT, number, translate, translate_plural

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 16, 40
INK, MUTED, RULE = "#1a1d21", "#4a5360", "#d5dbe1"
BAND, PASS, FAIL = "#e3f1e6", "#0a5a8a", "#b3261e"


@dataclass(frozen=True)
class Band:
    """A target band on the grade axis; None for an open end."""

    low: float | None = None
    high: float | None = None

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
        >>> Band(high=8.5).describe("es")
        'grado 8,5 o menos'
        """
        low, high = number(self.low, locale), number(self.high, locale)
        if self.low is not None and self.high is not None:
            return translate(locale, "grade %(low)s to %(high)s", low=low, high=high)
        if self.high is not None:
            return translate(locale, "grade %(high)s or lower", high=high)
        if self.low is not None:
            return translate(locale, "grade %(low)s or higher", low=low)
        return translate(locale, "no grade target")


def distribution(bins: dict[int, int], band: Band, title: str, chart_id: str,
                 locale: str = DEFAULT) -> Markup:
    """Bars of how many renditions score each whole grade, over the target band.

    >>> svg = distribution({3: 2, 9: 1}, Band(high=8), "Patient", "c1")
    >>> 'role="img"' in svg, "2 of 3 renditions within grade 8 or lower" in svg
    (True, True)
    >>> svg.count("<rect class=\\"bar") == 2
    True
    """
    top = max([20, *bins]) + 1
    most = max([1, *bins.values()])
    total, inside = sum(bins.values()), sum(n for g, n in bins.items() if band.holds(g))
    desc = " ".join([translate_plural(locale, "%(inside)s of %(num)s rendition within %(band)s.",
                                      "%(inside)s of %(num)s renditions within %(band)s.", total,
                                      inside=inside, band=band.describe(locale)),
                     ", ".join(_grade(locale, g, n) for g, n in sorted(bins.items()))
                     + ("." if bins else "")]).strip()
    x = _scale(0, top, LEFT, WIDTH - RIGHT)
    y = _scale(0, most, HEIGHT - BOTTOM, TOP)
    step = x(1) - x(0)
    parts = [_band(band, x, 0, top)]
    parts += _y_axis(y, most) + _x_axis(x, top, translate(locale, "Flesch-Kincaid grade"))
    for grade, count in sorted(bins.items()):
        colour = PASS if band.holds(grade) else FAIL
        parts.append(f'<rect class="bar" x="{x(grade) + 1:.1f}" y="{y(count):.1f}" '
                     f'width="{step - 2:.1f}" height="{y(0) - y(count):.1f}" fill="{colour}">'
                     f'<title>{escape(_grade(locale, grade, count))}</title></rect>')
    return _svg(chart_id, title, desc, parts)


def trend(points: list[tuple[str, float, bool]], band: Band, title: str,
          chart_id: str, locale: str = DEFAULT) -> Markup:
    """A line of one answer's grade over its scores (label, grade, passed), oldest first.

    >>> svg = trend([("r1", 6.0, True), ("r2", 9.5, False)], Band(high=8), "Grade", "t")
    >>> "r1: grade 6 (pass); r2: grade 9.5 (fail)" in svg, svg.count("<circle")
    (True, 2)
    """
    desc = "; ".join(
        translate(locale, "%(label)s: grade %(grade)s (%(verdict)s)", label=label,
                  grade=number(grade, locale),
                  verdict=translate(locale, "pass") if ok else translate(locale, "fail"))
        for label, grade, ok in points) or translate(locale, "No scores kept yet.")
    grades = [g for _, g, _ in points] + [b for b in (band.low, band.high) if b is not None]
    high = max([12, *grades]) + 1
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
        point = translate(locale, "%(label)s: grade %(grade)s", label=label,
                          grade=number(grade, locale))
        parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="5" fill="{PASS if ok else FAIL}">'
                     f'<title>{escape(point)}</title></circle>')
        parts.append(f'<text x="{cx:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
                     f'font-size="11" fill="{INK}">{escape(label)}</text>')
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
    b = scale(min(high, band.high + (1 if vertical else 0) if band.high is not None else high))
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
                   f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" '
                   f'font-size="11" fill="{MUTED}">{tick}</text>')
        tick += step
    return out


def _x_axis(x, top: int, label: str) -> list[str]:
    out = [f'<text x="{x(g) + (x(1) - x(0)) / 2:.1f}" y="{HEIGHT - BOTTOM + 14}" '
           f'text-anchor="middle" font-size="11" fill="{MUTED}">{g}</text>'
           for g in range(0, top, 2)]
    out.append(f'<text x="{(LEFT + WIDTH - RIGHT) / 2}" y="{HEIGHT - 6}" text-anchor="middle" '
               f'font-size="12" fill="{INK}">{escape(label)}</text>')
    return out


def _scale(lo: float, hi: float, out_lo: float, out_hi: float):
    """A linear map from [lo, hi] to [out_lo, out_hi].

    >>> _scale(0, 10, 0, 100)(2.5)
    25.0
    """
    span = (hi - lo) or 1
    return lambda v: out_lo + (v - lo) * (out_hi - out_lo) / span


def _grade(locale: str, grade: int, count: int) -> str:
    return translate(locale, "grade %(grade)s: %(count)s", grade=grade, count=count)
