"""User text never becomes markup in a PDF; the renderer fetches nothing outside our static files."""

import subprocess

import pytest

from mediation.agreements.validation import TermInput
from mediation.db import today
from mediation.documents import rendering
from mediation.documents.operations import document_bytes
from tests.agreements.helpers import signed

PAYLOADS = [
    '<link rel="attachment" href="file:///etc/passwd">',
    '<img src="http://127.0.0.1:9/x.png">',
    '<style>@import "file:///etc/hostname";</style><b>粗体</b>',
    '"><script>alert(1)</script>',
]


def _has_embedded_file(pdf: bytes) -> bool:
    return b"/EmbeddedFile" in pdf or b"/Filespec" in pdf


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_every_text_field_stay_text(world, payload, tmp_path):
    from datetime import timedelta

    from tests import factories
    from tests.cases.factories import make_case

    people = [factories.make_person("蔡" + payload[:20], world.grid1, address=payload, occupation=payload[:60]),
              factories.make_person("黄东辉", world.grid1)]
    case = make_case(world, status="mediating", people=people)
    applicant, respondent = case.parties
    agreement = signed(
        world, case=case, facts=payload, issues=payload, responsibilities=payload, place=payload[:200],
        terms=[TermInput(obligor_id=respondent.id, obligee_id=applicant.id, obligation=payload, amount="1",
                         deadline=today() + timedelta(days=3), method=payload[:200], place=payload[:200])])
    pdf = document_bytes(agreement.document)
    assert not _has_embedded_file(pdf)
    path = tmp_path / "a.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "root:x:0" not in text
    squashed = "".join(text.split())
    assert "".join(payload.split())[:30] in squashed  # shown literally, markup and all


def test_the_fetcher_refuses_everything_outside_static(app):
    html = """<html><head>
      <link rel="attachment" href="file:///etc/passwd">
      <link rel="stylesheet" href="../../../../etc/passwd">
      <link rel="stylesheet" href="http://127.0.0.1:9/evil.css">
    </head><body>
      <img src="file:///etc/hostname"><img src="https://example.invalid/x.png">
      <img src="img/favicon.svg"><img src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E">
      <p>正文</p></body></html>"""
    with app.app_context():
        rendered = rendering.html_to_pdf(html)
    refused = " ".join(rendered.refused)
    assert "file:///etc/passwd" in refused and "/etc/hostname" in refused
    assert "http://127.0.0.1:9/evil.css" in refused and "https://example.invalid/x.png" in refused
    assert not any("favicon.svg" in r for r in rendered.refused)  # our own static file is served
    assert not _has_embedded_file(rendered.pdf)
