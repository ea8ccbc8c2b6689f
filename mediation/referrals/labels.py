"""Display labels for referral codes, translated at render time."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

KIND_LABELS = {
    "escalate": _l("逐级上报"),
    "dispatch": _l("部门办单"),
    "lawyer": _l("律师调解"),
    "notarization": _l("赋强公证"),
    "judicial": _l("司法确认"),
    "litigation": _l("诉讼引导"),
}

STATE_LABELS = {
    "submitted": _l("待受理"),
    "accepted": _l("办理中"),
    "materials": _l("待补充材料"),
    "returned": _l("已退回"),
    "completed": _l("已办结"),
    "withdrawn": _l("已撤回"),
}

OUTCOME_LABELS = {
    "agreed": _l("调解成功"),
    "failed": _l("调解不成"),
    "escalated": _l("已继续上报"),
    "handled": _l("已办理"),
    "notarized": _l("已出具公证书"),
    "refused": _l("不予办理公证"),
    "valid": _l("确认有效"),
    "dismissed": _l("驳回申请"),
    "guided": _l("已引导诉讼"),
}

MATTER_LABELS = {
    "property": _l("财产、赡养、抚养费等其他事项"),
    "identity": _l("身份关系"),
    "adoption": _l("收养关系"),
    "marriage": _l("婚姻关系（离婚、婚姻效力等）"),
}

# Timeline entries the referrals domain writes into cases (cases render them with these labels).
EVENT_LABELS = {
    "referral_submitted": _l("提交转介"),
    "referral_accepted": _l("转介已受理"),
    "referral_returned": _l("转介被退回"),
    "referral_materials": _l("要求补充材料"),
    "referral_supplied": _l("已补充材料"),
    "referral_resubmitted": _l("重新提交转介"),
    "referral_withdrawn": _l("撤回转介"),
    "referral_extended": _l("延长审查期限"),
    "referral_completed": _l("转介办结"),
    "referral_session": _l("律师调解记录"),
    "referral_payment": _l("登记履行款项"),
    "referral_enforcement": _l("出具执行证书"),
    "litigation_guided": _l("诉讼引导"),
}

RUNG_LABELS = {"grid": _l("网格"), "village": _l("村调委会"), "town": _l("镇矛调中心"), "county": _l("县矛调中心"),
               "department": _l("职能部门"), "lawyer": _l("律师调解"), "notary": _l("公证"), "court": _l("法院")}


def kind_label(code: str) -> str:
    return str(KIND_LABELS.get(code, code))


def state_label(code: str) -> str:
    return str(STATE_LABELS.get(code, code))


def outcome_label(code: str | None) -> str:
    return str(OUTCOME_LABELS.get(code, code)) if code else ""


def label(mapping: dict, code: str | None) -> str:
    return str(mapping.get(code, code)) if code else ""
