"""What embeds are built from: one dict per response, rendered as HTML, JSON or XML.

Flask-free. The views look the answer up and pass in the URLs; these functions decide what is
embeddable, what a partner gets, how big an oEmbed frame may be and which answers an
Infobutton code asks for.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit
from xml.sax.saxutils import escape as xml_escape

from personalize.core import i18n
from personalize.core.answer import Answer, Code, citation_keys
from personalize.core.profiles import Profile
from personalize.core.reading_level import reading_level
from personalize.core.render import Rendition
from personalize.store.library import Record

# Locales embeds are served in: the interface's (an answer not yet written in one is served
# in its own language, with a notice in the partner's).
LOCALES = i18n.LOCALES
OEMBED_FORMATS = ("json", "xml")
# The frame oEmbed offers: its natural size, and the largest it ever claims.
FRAME_WIDTH, FRAME_HEIGHT = 640, 720
MAX_FRAME = 4000
# HL7 code systems by OID, as Infobutton requests name them, and as answers name them.
CODE_SYSTEMS = {"2.16.840.1.113883.6.90": "ICD-10-CM", "2.16.840.1.113883.6.96": "SNOMED CT"}
RECIPIENTS = {"PAT": "patient", "PROV": "clinician"}


_IMG = re.compile(r'<img src="([^"]*)" alt="([^"]*)"( title="[^"]*")? />')
_WEB = re.compile(r"https?://", re.I)


def web_address(url: str) -> str:
    """A reference's address if it is an http(s) one, else "" (never javascript: or data:).

    >>> web_address("https://doi.org/10.1/x"), web_address(" javascript:alert(1)")
    ('https://doi.org/10.1/x', '')
    """
    url = url.strip()
    return url if _WEB.match(url) else ""


def images_from(html: str, site: str, hosts: frozenset[str] = frozenset()) -> str:
    """Rendition HTML for someone else's page: images only from `site` (made absolute, so
    they load there) or from the allowed hosts; any other image becomes its alt text, so
    an embed carries no third-party beacon.

    >>> images_from('<p><img src="/static/a.png" alt="A" /> <img src="https://t.example/p.gif"'
    ...             ' alt="B" /></p>', "https://answers.example/")
    '<p><img src="https://answers.example/static/a.png" alt="A" /> B</p>'
    """
    own = urlsplit(site).netloc.lower()

    def sub(match: re.Match) -> str:
        src = urljoin(site, match.group(1).replace("&amp;", "&"))
        parts = urlsplit(src)
        if parts.scheme in ("http", "https") and (parts.netloc.lower() == own
                                                  or parts.hostname in hosts):
            return match.group().replace(f'src="{match.group(1)}"',
                                         f'src="{src.replace("&", "&amp;")}"', 1)
        return match.group(2)

    return _IMG.sub(sub, html) if "<img" in html else html


class NotEmbeddable(Exception):
    """An answer that exists but may not be embedded; says why, as data for the error body."""

    def __init__(self, detail: str, **extra):
        super().__init__(detail)
        self.detail = detail
        self.extra = extra


def check_embeddable(record: Record, rendition: Rendition) -> None:
    """Raise NotEmbeddable unless the revision is approved and this rendition passed its gate."""
    answer_id = record.answer.id
    if not record.approved:
        raise NotEmbeddable(
            f"'{answer_id}' has no approved revision yet (revision {record.revision} is "
            f"{record.status}); only answers a clinical reviewer approved can be embedded.",
            revision_status=record.status, revision=record.revision)
    if rendition.verdict != "pass":
        failing = failing_targets(rendition)
        names = ", ".join(t["describe"] for t in failing) or "the facts check"
        raise NotEmbeddable(
            f"The {rendition.profile} rendition of '{answer_id}' failed its gate ({names}), "
            "so it is not embedded. Try another profile, or ask the editors to revise it.",
            profile=rendition.profile, failing_targets=failing,
            facts_missing=rendition.facts.as_dict()["missing"], reasons=list(rendition.reasons))


def failing_targets(rendition: Rendition) -> list[dict]:
    """The readability targets a rendition misses, each with its bound and the value."""
    out = []
    for target in rendition.targets:
        value = rendition.scores.values.get(target.metric, 0.0)
        if not target.check(value):
            out.append({"metric": target.metric, "max": target.max, "min": target.min,
                        "value": value, "describe": target.describe()})
    return out


def cited_references(answer: Answer, profile: Profile) -> list[dict]:
    """The references a profile's rendition cites, in order of first citation."""
    keys: list[str] = []
    for block in answer.blocks:
        if profile.takes(block.audiences):
            for text in block.inline_texts():
                keys.extend(k for k in citation_keys(text) if k not in keys)
    refs = [answer.reference(k) for k in keys]
    return [{"id": r.id, "kind": r.kind, "title": r.title, "container": r.container,
             "year": r.year, "authors": r.authors, "volume": r.volume, "pages": r.pages,
             "url": web_address(r.url), "doi": r.doi, "pmid": r.pmid,
             "link": web_address(r.link)}
            for r in refs if r is not None]


def embed_data(record: Record, rendition: Rendition, profile: Profile,
               profiles: list[Profile], link, locale: str = i18n.DEFAULT, site: str = "",
               image_hosts: frozenset[str] = frozenset()) -> dict:
    """The one dict every embed of a rendition is built from.

    `link(kind, profile_name)` gives the URL of "page", "frame", "fragment" or "json";
    `locale` is the partner's interface language (the answer's may differ: "language");
    `site` is this site's root URL, the only place (with `image_hosts`) images come from.
    """
    answer = record.answer
    said = profile.wording(rendition.language).disclaimer
    level = reading_level(rendition.scores.values)
    return {
        "answer_id": answer.id, "question": answer.question, "language": rendition.language,
        "locale": locale,
        "translations": {code: i for code, i in answer.translations},
        "profile": {"name": profile.name, "label": profile.wording(locale).label},
        "profiles": [{"name": p.name, "label": p.wording(locale).label,
                      "current": p.name == profile.name,
                      **{kind: link(kind, p.name) for kind in ("page", "frame", "fragment")}}
                     for p in profiles],
        "revision": record.revision, "status": record.status,
        "updated": record.updated.isoformat() if record.updated else None,
        "html": images_from(rendition.html, site, image_hosts) if site else rendition.html,
        "text": rendition.text,
        "detail_text": rendition.detail_text,  # what the profile moved into "More detail"
        "reading_level": {"grade": level.grade, "metric": level.metric, "value": level.value,
                          "flesch_kincaid_grade": rendition.grade},
        "scores": rendition.scores.values,
        "targets": [{"metric": t.metric, "max": t.max, "min": t.min,
                     "met": t.check(rendition.scores.values.get(t.metric, 0.0))}
                    for t in rendition.targets],
        "verdict": rendition.verdict, "facts": rendition.facts.as_dict(),
        "references": cited_references(answer, profile),
        "disclaimer": {"title": said.title, "text": said.text},
        "codes": [{"system": c.system, "code": c.code, "display": c.display}
                  for c in answer.codes],
        "links": {kind: link(kind, profile.name) for kind in ("page", "frame", "fragment",
                                                              "json")},
    }




# -- oEmbed --------------------------------------------------------------------------------

def parse_dimension(value: str | None) -> int | None:
    """A maxwidth or maxheight as a positive number of pixels; None when not given.

    Raises ValueError for anything but a positive whole number; huge values are capped.

    >>> parse_dimension("480"), parse_dimension(None), parse_dimension(" 9" * 1 + "9" * 40)
    (480, None, 4000)
    >>> parse_dimension("0")
    Traceback (most recent call last):
    ValueError: must be a whole number of pixels, at least 1
    """
    if value is None or value.strip() == "":
        return None
    value = value.strip()
    digits = value.lstrip("+").lstrip("0")
    if not re.fullmatch(r"\+?\d+", value) or not digits:
        raise ValueError("must be a whole number of pixels, at least 1")
    return MAX_FRAME if len(digits) > 9 else min(int(digits), MAX_FRAME)


def frame_size(maxwidth: int | None, maxheight: int | None) -> tuple[int, int]:
    """The frame's width and height: its natural size, within the consumer's bounds.

    >>> frame_size(None, None), frame_size(300, None), frame_size(100000, 200)
    ((640, 720), (300, 720), (640, 200))
    """
    width = min(FRAME_WIDTH, maxwidth) if maxwidth else FRAME_WIDTH
    height = min(FRAME_HEIGHT, maxheight) if maxheight else FRAME_HEIGHT
    return width, height


def oembed_data(title: str, frame_url: str, width: int, height: int, provider_name: str,
                provider_url: str, cache_age: int, script_url: str) -> dict:
    """An oEmbed 1.0 "rich" response: an iframe of the frame page, and the resizing script."""
    html = (f'<iframe src="{xml_escape(frame_url, {chr(34): "&quot;"})}" width="{width}" '
            f'height="{height}" title="{xml_escape(title, {chr(34): "&quot;"})}" '
            f'loading="lazy" style="border:0;max-width:100%"></iframe>'
            f'<script async src="{xml_escape(script_url, {chr(34): "&quot;"})}"></script>')
    return {"type": "rich", "version": "1.0", "title": title, "provider_name": provider_name,
            "provider_url": provider_url, "cache_age": cache_age, "html": html,
            "width": width, "height": height}


def oembed_xml(data: dict) -> str:
    """An oEmbed response in the XML form the specification gives.

    >>> print(oembed_xml({"version": "1.0", "html": "<b>&</b>"}))
    <?xml version="1.0" encoding="utf-8" standalone="yes"?>
    <oembed>
      <version>1.0</version>
      <html>&lt;b&gt;&amp;&lt;/b&gt;</html>
    </oembed>
    """
    lines = ['<?xml version="1.0" encoding="utf-8" standalone="yes"?>', "<oembed>"]
    lines += [f"  <{key}>{xml_escape(str(value))}</{key}>" for key, value in data.items()]
    return "\n".join(lines + ["</oembed>"])


# -- HL7 Infobutton ------------------------------------------------------------------------

def normal_code(system: str, code: str) -> str:
    """A code as compared: ICD-10-CM without its dot and in capitals.

    >>> normal_code("ICD-10-CM", " d72.819 "), normal_code("SNOMED CT", "417672002")
    ('D72819', '417672002')
    """
    code = code.strip()
    return code.replace(".", "").upper() if system == "ICD-10-CM" else code


def code_match(codes: tuple[Code, ...], system: str, code: str) -> int:
    """How well an answer's codes match a request: 2 exactly, 1 a broader ICD-10-CM code, 0.

    An answer coded D72.81 also answers a request for D72.819, which it contains.

    >>> code_match((Code("ICD-10-CM", "D72.819"),), "ICD-10-CM", "D72819")
    2
    >>> code_match((Code("ICD-10-CM", "D72.8"),), "ICD-10-CM", "D72.819")
    1
    >>> code_match((Code("ICD-10-CM", "D72.819"),), "ICD-10-CM", "D72.8")
    0
    """
    wanted = normal_code(system, code)
    best = 0
    for have in codes:
        if have.system.strip().upper() != system.upper():
            continue
        mine = normal_code(system, have.code)
        if mine == wanted:
            return 2
        if system == "ICD-10-CM" and len(mine) >= 3 and wanted.startswith(mine):
            best = 1
    return best


def infobutton_feed(request_url: str, system_oid: str, code: str, recipient: str,
                    entries: list[dict], locale: str = i18n.DEFAULT) -> dict:
    """An Infobutton response: an Atom-style feed (as MedlinePlus Connect's JSON writes it).

    Each entry keeps its embed dict under "personalize", so HTML and JSON come from one dict.
    """
    updated = max((e["updated"] for e in entries if e["updated"]), default=None)
    return {"feed": {
        "title": {"_value": i18n.translate(locale, "personalize answers for %(system)s %(code)s",
                                           system=CODE_SYSTEMS[system_oid], code=code)},
        "id": request_url, "updated": updated,
        "subtitle": {"_value": i18n.translate(locale, "Reviewed answers rendered for patients.")
                     if recipient == "PAT" else
                     i18n.translate(locale, "Reviewed answers rendered for clinicians.")},
        "category": [{"scheme": "mainSearchCriteria.v.c", "term": code},
                     {"scheme": "mainSearchCriteria.v.cs", "term": system_oid},
                     {"scheme": "informationRecipient", "term": recipient}],
        "entry": [{"title": {"_value": e["question"], "type": "text"},
                   "id": e["links"]["page"], "updated": e["updated"],
                   "link": [{"rel": "alternate", "type": "text/html", "href": e["links"]["page"]},
                            {"rel": "related", "type": "text/html", "href": e["links"]["frame"]}],
                   "summary": {"_value": e["html"], "type": "html"},
                   "personalize": e}
                  for e in entries]}}
