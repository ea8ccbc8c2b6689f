import json

import pytest

from mediation.agreements import operations as ops
from mediation.documents.operations import document_bytes
from mediation.documents.verification import verify_pdf
from mediation.errors import OperationError, ValidationFailed
from tests.agreements.helpers import agreement_data, draft, signature_png, signed


def test_signed_agreement_is_effective_sealed_and_the_case_agreed(world):
    agreement = signed(world)
    assert agreement.status == "effective"
    assert agreement.case.status == "agreed"
    assert agreement.effective_on is not None
    assert agreement.number.startswith("光渺村调协〔") and agreement.number.endswith("0001号")
    sigs = agreement.active_signatures
    assert len(sigs) == 3  # two parties and the mediator
    assert {s.version_sha256 for s in sigs} == {agreement.current_version.sha256}
    verdict = verify_pdf(document_bytes(agreement.document))
    assert verdict.ok
    assert verdict.signatures[0].is_certification and verdict.signatures[0].later_changes_allowed
    content = json.loads(agreement.current_version.content_json)
    assert [t["obligation"] for t in content["terms"]] == ["拆除越界部分围墙", "补偿修缮费用"]


def test_editing_after_signing_started_needs_confirmation_and_discards_signatures(world):
    user = world.grid1_user
    agreement = draft(world)
    first = ops.start_signing(user, agreement)
    key = ops.missing_signers(agreement)[0][0]
    ops.sign(user, agreement, signer=key, method="drawn", image=signature_png())
    with pytest.raises(ValidationFailed) as exc:
        ops.update_agreement(user, agreement, agreement_data(agreement.case, copies=4))
    assert "confirm_discard" in exc.value.errors
    ops.update_agreement(user, agreement, agreement_data(agreement.case, copies=4), discard_signatures=True)
    assert agreement.version == 2 and agreement.status == "draft"
    assert agreement.active_signatures == []
    assert first.discarded_at is not None
    assert all(s.discarded_at is not None for s in agreement.signatures)
    second = ops.start_signing(user, agreement)
    assert second.sha256 != first.sha256


def test_effective_agreement_is_immutable(world):
    agreement = signed(world)
    with pytest.raises(OperationError):
        ops.update_agreement(world.grid1_user, agreement, agreement_data(agreement.case))


def test_only_the_mediator_signs_as_mediator(world, db):
    from tests import factories

    colleague = factories.make_user("grid1b", ["mediator"], [world.grid1], world.committee1)
    agreement = draft(world)
    ops.start_signing(world.grid1_user, agreement)
    with pytest.raises(OperationError):
        ops.sign(colleague, agreement, signer="mediator", method="drawn", image=signature_png())


def test_blank_drawing_is_refused(world):
    import io

    from PIL import Image

    agreement = draft(world)
    ops.start_signing(world.grid1_user, agreement)
    blank = io.BytesIO()
    Image.new("RGBA", (200, 80), (0, 0, 0, 0)).save(blank, "PNG")
    key = ops.missing_signers(agreement)[0][0]
    with pytest.raises(ValidationFailed) as exc:
        ops.sign(world.grid1_user, agreement, signer=key, method="drawn", image=blank.getvalue())
    assert "image" in exc.value.errors


def test_oral_agreement_has_a_sealed_record_and_needs_no_signatures(world):
    from mediation.db import today

    agreement = draft(world, form="oral", oral_content="双方口头同意：黄某当日赔偿蔡某200元。", agreed_on=today(),
                      terms=[])
    ops.confirm_oral(world.grid1_user, agreement)
    assert agreement.status == "effective" and agreement.effective_on == today()
    assert agreement.case.status == "agreed"
    assert agreement.document.kind == "oral_agreement"
    assert verify_pdf(document_bytes(agreement.document)).ok
