"""Make tests/corpus/real-es from MedlinePlus en español summaries kept in GSA/search-gov.

The answers are NLM's own Spanish health-topic summaries, as three test fixtures of the
search.gov repository recorded them (see tests/corpus/real-es/README.md for the commits and
the licence). The words are kept verbatim; only the layout changes: HTML paragraphs become
Markdown paragraphs, list items "- " items, links their text, and the closing attribution
line (the agency, in bold italics) goes to the front matter. Run from the repository root
with the search-gov checkout's path; it writes nothing else.

    git clone https://github.com/GSA/search-gov /tmp/search-gov
    python bench/real_text_es_import.py /tmp/search-gov
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "corpus" / "real-es"
SOURCES = (  # (commit, path, kind); "updated" is the file's own date, else its commit's
    ("a85a9eac65e4ab6e9ac67a125eac596df07ebcad",
     "spec/fixtures/xml/medline_vocab_2011-04-23_sample_1.xml", "vocab"),
    ("1052d0a4d7bd3cdc7e89effb288e710548df0a10",
     "spec/fixtures/xml/mplus_topics_2012-07-21.xml", "topics"),
    ("1052d0a4d7bd3cdc7e89effb288e710548df0a10",
     "spec/fixtures/json/medline_topic_summaries.json", "json"),
)
HELD_OUT_EVERY = 3  # every third topic, in title order, is held out
_ATTRIBUTION = re.compile(r"<p style=\"font-weight:bold;font-style:italic;\">(.*?)</p>\s*$",
                          re.S)


def _show(repo: Path, commit: str, path: str) -> str:
    return subprocess.run(["git", "-C", str(repo), "show", f"{commit}:{path}"], check=True,
                          capture_output=True, text=True).stdout


def _spanish(text: str) -> bool:
    es = len(re.findall(r"\b(el|la|los|las|que|es|una|del|y)\b", text))
    return es > len(re.findall(r"\b(the|is|and|of|your|you|are)\b", text))


def topics(repo: Path) -> dict[str, dict]:
    """Spanish topics by title: summary HTML, URL and where it was read."""
    found: dict[str, dict] = {}
    for commit, path, kind in SOURCES:
        raw = _show(repo, commit, path)
        where = f"GSA/search-gov {path} @ {commit[:10]}"
        date = {"vocab": "2011-04-23", "topics": "2012-07-21", "json": "2015-10-09"}[kind]
        if kind == "vocab":
            for m in re.finditer(r'<MedicalTopic ID="T\d+" langcode="Spanish">(.*?)</MedicalTopic>',
                                 raw, re.S):
                title = re.search(r"<MedicalTopicName>(.*?)</MedicalTopicName>", m.group(1))
                summary = re.search(r"<FullSummary>(.*?)</FullSummary>", m.group(1), re.S)
                url = re.search(r"<URL>(.*?)</URL>", m.group(1))
                found.setdefault(title.group(1), {"html": html.unescape(summary.group(1)),
                                                  "url": url.group(1), "from": where, "date": date})
        elif kind == "topics":
            for m in re.finditer(r'<health-topic title="([^"]+)"\s+url="([^"]+)"[^>]*'
                                 r'language="Spanish"[^>]*>(.*?)</health-topic>', raw, re.S):
                summary = re.search(r"<full-summary>(.*?)</full-summary>", m.group(3), re.S)
                found.setdefault(m.group(1), {"html": html.unescape(summary.group(1)),
                                              "url": m.group(2), "from": where, "date": date})
        else:
            for title, summary in json.loads(raw).items():
                if _spanish(str(summary)):
                    found.setdefault(title, {"html": str(summary), "url": "", "from": where,
                                           "date": date})
    return found


def markdown(summary: str) -> tuple[str, str]:
    """The summary as Markdown, and its attribution line ('' when it has none)."""
    summary = summary.strip()
    agency = ""
    m = _ATTRIBUTION.search(summary)
    if m:
        agency, summary = html.unescape(m.group(1)).strip(), summary[: m.start()]
    summary = re.sub(r"</?a\b[^>]*>", "", summary)
    summary = re.sub(r"</?(em|strong|b|i)>", "", summary)
    blocks = []
    for tag, body in re.findall(r"<(p|li)\b[^>]*>(.*?)</\1>", summary, re.S):
        text = re.sub(r"\s+", " ", html.unescape(body)).strip()
        if text:
            blocks.append(("- " if tag == "li" else "") + text)
    out, prev_li = [], False
    for block in blocks:
        is_li = block.startswith("- ")
        out.append(("\n" if is_li and prev_li else "\n\n") + block)
        prev_li = is_li
    return "".join(out).strip() + "\n", agency


def slug(title: str) -> str:
    plain = title.lower().translate(str.maketrans("áéíóúüñ", "aeiouun"))
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:40]


def main(repo: Path) -> int:
    found = topics(repo)
    titles = sorted(t for t in found if len(found[t]["html"]) > 300)
    held = [t for n, t in enumerate(titles) if n % HELD_OUT_EVERY == HELD_OUT_EVERY - 1]
    ordered = [t for t in titles if t not in held] + held
    OUT.mkdir(parents=True, exist_ok=True)
    for n, title in enumerate(ordered, 1):
        body, agency = markdown(found[title]["html"])
        name = f"{n:03}-{slug(title)}.md"
        front = [
            "+++", f'id = "real-es-{n:03}-{slug(title)}"',
            f"question = {json.dumps(title, ensure_ascii=False)}",
            'status = "submitted"', f"updated = {found[title]['date']}", 'language = "es"',
            f"# {found[title]['from']} (MedlinePlus en español health-topic summary)",
            "", "[source]", 'site = "MedlinePlus en español"',
        ]
        if found[title]["url"]:
            front.append(f'url = "{found[title]["url"]}"')
        if agency:
            front.append(f"attribution = {json.dumps(agency, ensure_ascii=False)}")
        front.append("+++")
        (OUT / name).write_text("\n".join(front) + "\n\n" + body, encoding="utf-8")
        print(name, "held-out" if title in held else "dev", found[title]["from"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1])))
