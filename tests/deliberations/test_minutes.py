"""Minutes: sanitized, every change a revision, locked after approval, corrections need a reason."""

import io

import pytest
from PIL import Image

from mediation.deliberations.operations import minutes
from mediation.deliberations.sanitize import clean_minutes
from mediation.errors import OperationError, ValidationFailed
from mediation.extensions import db
from tests.deliberations import factories as f


def _closed_meeting(world):
    body = f.make_body(world.admin, world.village1, "grid_council", n=3)
    item = f.make_item(world.admin, world.village1, "micro")
    return f.pass_meeting(world.admin, item, body)


def test_sanitizer_keeps_simple_formatting_only():
    html = clean_minutes('<p onclick="x()">议程<script>alert(1)</script><strong>一</strong>'
                         '<a href="javascript:x">链接</a><img src=x onerror=y></p><ul><li>项</li></ul>')
    assert html == "<p>议程<strong>一</strong>链接</p><ul><li>项</li></ul>"
    assert clean_minutes("第一段\n第二行\n\n第二段 3<5") == "<p>第一段<br>第二行</p><p>第二段 3&lt;5</p>"
    assert clean_minutes("一致<strong>同意</strong>\n\n散会") == "<p>一致<strong>同意</strong></p><p>散会</p>"


def test_locked_minutes_change_only_by_a_correction_revision(world):
    admin = world.admin
    m = _closed_meeting(world)
    r1 = minutes.save_minutes(admin, m, "到会 3 人，一致同意。")
    r2 = minutes.save_minutes(admin, m, "到会 3 人，一致同意修路。")
    assert (r1.number, r2.number) == (1, 2)
    with pytest.raises(ValidationFailed):
        minutes.save_minutes(admin, m, "到会 3 人，一致同意修路。")  # unchanged
    minutes.lock_minutes(admin, m)
    with pytest.raises(OperationError):
        minutes.lock_minutes(admin, m)
    with pytest.raises(ValidationFailed) as exc:
        minutes.save_minutes(admin, m, "更正内容")
    assert "reason" in exc.value.errors
    r3 = minutes.save_minutes(admin, m, "到会 3 人，一致同意修路（东段）。", reason="漏记路段")
    db.session.commit()
    assert (r3.is_correction, r3.reason, m.minutes.number) == (True, "漏记路段", 3)
    # the earlier versions are still there, unchanged
    assert [r.body_html for r in m.revisions][:2] == [r1.body_html, r2.body_html]


def test_minutes_of_an_open_meeting_cannot_be_locked(world):
    body = f.make_body(world.admin, world.village1, "grid_council", n=3)
    item = f.make_item(world.admin, world.village1, "micro")
    m = f.schedule(world.admin, item, body)
    minutes.save_minutes(world.admin, m, "草稿")
    with pytest.raises(OperationError):
        minutes.lock_minutes(world.admin, m)


def test_signature_must_be_a_png(world):
    m = _closed_meeting(world)
    minutes.save_minutes(world.admin, m, "纪要")
    with pytest.raises(ValidationFailed):
        minutes.sign_minutes(world.admin, m, "host", b"\x89PNG not really")
    buf = io.BytesIO()
    Image.new("RGBA", (40, 20)).save(buf, "PNG")
    sig = minutes.sign_minutes(world.admin, m, "host", buf.getvalue())
    assert (sig.signer_name, sig.revision_number) == ("颜巧玲", 1)
