"""oEmbed 1.0: JSON and XML, sizes, errors, discovery, and a real consumer on a live server."""

from __future__ import annotations

import html
import re
import threading
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import micawber
import pytest
from werkzeug.serving import make_server

from personalize import create_app

ID = "leukopenia-causes"
PAGE = f"http://localhost/answers/{ID}"
QUESTION = "What causes leukopenia (low white blood cell count)?"
FIELDS = {"type", "version", "title", "provider_name", "provider_url", "cache_age", "html",
          "width", "height"}


def approved_app(instance: Path):
    """The shipped content, with leukopenia-causes approved."""
    app = create_app({"TESTING": True, "INSTANCE_PATH_FOR_TESTS": str(instance)})
    store = app.extensions["personalize.store"]
    store.transition(ID, store.head(ID).number, "approved", "reviewer")
    return app


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """An app with one approved answer."""
    return approved_app(tmp_path_factory.mktemp("oembed"))


@pytest.fixture(scope="module")
def client(app):
    """Its test client."""
    return app.test_client()


@pytest.fixture(scope="module")
def server(app):
    """The app on a real HTTP server on a free loopback port: its base URL."""
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    thread.join(timeout=10)


def oembed(client, **params):
    """GET /oembed with these parameters."""
    return client.get("/oembed", query_string=params)


def iframe_src(markup: str) -> str:
    """The src of the iframe in an oEmbed html field."""
    return html.unescape(re.search(r'<iframe src="([^"]+)"', markup).group(1))


# -- the JSON and XML forms -----------------------------------------------------------------

def test_json_is_a_rich_oembed_of_the_frame_page(client):
    response = oembed(client, url=PAGE)
    data = response.json
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert set(data) >= FIELDS
    assert data["type"] == "rich" and data["version"] == "1.0" and data["title"] == QUESTION
    assert data["provider_name"] == "personalize" and data["provider_url"] == "http://localhost/"
    assert data["cache_age"] == 300 and (data["width"], data["height"]) == (640, 720)
    src = iframe_src(data["html"])
    assert src.startswith(f"http://localhost/embed/{ID}/frame?")
    assert parse_qs(urlsplit(src).query) == {"profile": ["patient"], "lang": ["en"]}
    assert f'width="{data["width"]}" height="{data["height"]}"' in data["html"]
    assert client.get(src.removeprefix("http://localhost")).status_code == 200


def test_xml_is_the_form_the_spec_gives(client):
    response = oembed(client, url=PAGE, format="xml")
    assert response.status_code == 200 and response.mimetype == "text/xml"
    assert response.get_data(as_text=True).startswith(
        '<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n<oembed>')
    root = ET.fromstring(response.get_data())
    assert root.tag == "oembed"
    fields = {child.tag: child.text for child in root}
    assert set(fields) == FIELDS
    assert fields["version"] == "1.0" and fields["type"] == "rich"
    assert fields["html"] == oembed(client, url=PAGE).json["html"]


def test_the_profile_in_the_page_url_is_kept(client):
    data = oembed(client, url=f"{PAGE}?profile=clinician").json
    assert "profile=clinician" in iframe_src(data["html"])


@pytest.mark.parametrize(("params", "size"), [
    ({"maxwidth": "300"}, (300, 720)),
    ({"maxheight": "200"}, (640, 200)),
    ({"maxwidth": "5000", "maxheight": "90000"}, (640, 720)),
    ({"maxwidth": "9" * 5000}, (640, 720)),
    ({"maxwidth": " 1 ", "maxheight": "+1"}, (1, 1)),
])
def test_the_size_stays_within_maxwidth_and_maxheight(client, params, size):
    data = oembed(client, url=PAGE, **params).json
    assert (data["width"], data["height"]) == size


@pytest.mark.parametrize("value", ["0", "-50", "abc", "12.5", "1e3", "0x10"])
def test_an_absurd_maxwidth_or_maxheight_is_a_400(client, value):
    for name in ("maxwidth", "maxheight"):
        response = oembed(client, url=PAGE, **{name: value})
        assert response.status_code == 400 and name in response.json["error"]["detail"]


# -- errors ---------------------------------------------------------------------------------

def test_a_missing_url_is_a_400(client):
    response = oembed(client)
    assert response.status_code == 400 and "url=" in response.json["error"]["detail"]


@pytest.mark.parametrize("url", [
    "http://localhost/answers/nope", "http://localhost/search?q=x", "http://localhost/",
    f"http://elsewhere.example/answers/{ID}", f"ftp://localhost/answers/{ID}",
    "not a url", f"http://localhost/embed/{ID}"])
def test_urls_that_are_not_answers_are_404(client, url):
    response = oembed(client, url=url)
    assert response.status_code == 404 and response.is_json


@pytest.mark.parametrize("fmt", ["html", "yaml", "JSONP"])
def test_formats_not_served_are_501(client, fmt):
    response = oembed(client, url=PAGE, format=fmt)
    assert response.status_code == 501
    assert response.json["error"]["formats"] == ["json", "xml"]


def test_an_answer_not_approved_is_not_embedded(client):
    response = oembed(client, url="http://localhost/answers/neutropenia")
    assert response.status_code == 409 and "approved" in response.json["error"]["detail"]


def test_an_unknown_profile_in_the_url_is_a_400(client):
    response = oembed(client, url=f"{PAGE}?profile=pharmacist")
    assert response.status_code == 400 and "patient" in response.json["error"]["profiles"]


# -- discovery --------------------------------------------------------------------------------

@pytest.mark.parametrize("answer_id", [ID, "neutropenia"])
def test_every_answer_page_links_both_oembed_forms(client, answer_id):
    page = client.get(f"/answers/{answer_id}").get_data(as_text=True)
    for kind, fmt in (("application/json+oembed", "json"), ("text/xml+oembed", "xml")):
        match = re.search(rf'<link rel="alternate" type="{re.escape(kind)}" href="([^"]+)"', page)
        assert match, kind
        query = parse_qs(urlsplit(html.unescape(match.group(1))).query)
        assert query == {"url": [f"http://localhost/answers/{answer_id}"], "format": [fmt]}


# -- a real consumer against a live server ----------------------------------------------------

def discovered(page_url: str) -> str:
    """The JSON oEmbed endpoint an answer page advertises, as a consumer finds it."""
    with urllib.request.urlopen(page_url, timeout=60) as response:
        page = response.read().decode("utf-8")
    href = re.search(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"',
                     page).group(1)
    return html.unescape(href)


def test_micawber_embeds_an_answer_from_a_live_server(server):
    page_url = f"{server}/answers/{ID}"
    endpoint = discovered(page_url).split("?")[0]
    assert endpoint == f"{server}/oembed"
    registry = micawber.ProviderRegistry()
    registry.register(re.escape(server) + r"/answers/\S+", micawber.Provider(endpoint, timeout=60))
    data = registry.request(page_url, maxwidth=480)
    assert data["type"] == "rich" and data["version"] == "1.0"
    assert data["title"] == QUESTION and data["width"] == 480
    assert data["height"] <= 480 * 16 // 9   # micawber asks for a 16:9 maxheight
    assert iframe_src(data["html"]).startswith(f"{server}/embed/{ID}/frame?")
    text = micawber.parse_text(f"Read this:\n{page_url}\n", registry)
    assert f'<iframe src="{server}/embed/{ID}/frame?' in text
    with urllib.request.urlopen(iframe_src(data["html"]), timeout=60) as frame:
        assert frame.status == 200 and QUESTION in frame.read().decode("utf-8")


def test_micawber_reports_what_the_server_refuses(server):
    provider = micawber.Provider(f"{server}/oembed", timeout=60)
    for answer_id, status in (("nope", "404"), ("neutropenia", "409")):
        with pytest.raises(micawber.ProviderHTTPException) as refused:
            provider.request(f"{server}/answers/{answer_id}")
        refused.value.__cause__.close()  # micawber leaves the HTTPError's response open
        assert status in str(refused.value)


def test_the_xml_form_from_a_live_server_parses(server):
    url = f"{server}/oembed?url={server}/answers/{ID}&format=xml&maxheight=300"
    with urllib.request.urlopen(url, timeout=60) as response:
        assert response.headers.get_content_type() == "text/xml"
        root = ET.fromstring(response.read())
    assert root.findtext("type") == "rich" and root.findtext("height") == "300"
