"""An anonymous crawl of every portal page and published PDF finds no ID numbers and no mobile numbers."""

import subprocess
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

from mediation.deliberations.operations.publication import answer_feedback, submit_feedback
from mediation.extensions import db
from mediation.personal_data import ID_NUMBER_PATTERN, MOBILE_PATTERN
from tests.deliberations import factories as f


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def test_anonymous_crawl_finds_no_id_or_mobile_numbers(client, world, tmp_path):
    f.factories.make_institution("光渺村村民委员会", "mediation_committee", world.village1, "光渺村委")
    item = f.decided_item(world.admin, world.village1)
    body = item.meetings[-1].body
    body.roll_call_public = True  # names may be published; their numbers never
    from mediation.deliberations.documents import issue_notice_pdf
    from mediation.deliberations.publication_models import Publication

    issue_notice_pdf(world.admin, db.session.query(Publication).one())
    people = [m.person for m in body.active_members]
    for i, p in enumerate(people):
        p.address = f"福建省晋江市东石镇光渺村后巷{i + 11}号"
    assert all(p.id_number and p.phone for p in people)
    fb = submit_feedback(db.session.query(Publication).one(), "question",
                         f"我是{people[0].name}，身份证{people[0].id_number}，电话{people[0].phone}")
    answer_feedback(world.admin, fb, f"已电话联系 {people[0].phone}", True)
    db.session.commit()

    seen, queue, pdfs = set(), ["/portal/"], 0
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        r = client.get(url)
        assert r.status_code == 200, url
        if r.mimetype == "application/pdf":
            pdfs += 1
            (tmp_path / "x.pdf").write_bytes(r.data)
            text = subprocess.run(["pdftotext", str(tmp_path / "x.pdf"), "-"], capture_output=True,
                                  text=True, check=True).stdout
        elif r.mimetype == "text/html":
            text = r.get_data(as_text=True)
            parser = Links()
            parser.feed(text)
            for link in parser.links:
                link = urldefrag(link)[0]
                if urlsplit(link).path.startswith("/portal/") and not urlsplit(link).netloc:
                    queue.append(link)
        else:
            continue
        assert not ID_NUMBER_PATTERN.search(text), url
        assert not MOBILE_PATTERN.search(text), url
        for p in people:
            assert p.address not in text, url
    assert f"/portal/item/{item.id}" in seen and pdfs == 1
    assert len(seen) >= 6
