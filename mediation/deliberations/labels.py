"""Display labels for the codes stored in the database."""

from flask_babel import lazy_gettext as _l

from mediation.deliberations.procedures import MICRO_FORMS

METHOD_LABELS = {"roll_call": _l("记名表决"), "hands": _l("举手表决"), "secret": _l("无记名投票"),
                 "paper": _l("纸质选票计票")}
CHOICE_LABELS = {"yes": _l("赞成"), "no": _l("反对"), "abstain": _l("弃权")}
ATTENDANCE_LABELS = {"present": _l("出席"), "late": _l("迟到"), "proxy": _l("委托出席"), "excused": _l("请假"),
                     "absent": _l("缺席")}
OUTCOME_LABELS = {"pending": _l("待定"), "passed": _l("通过"), "rejected": _l("未通过"),
                  "no_quorum": _l("未达法定人数")}
PUBLICATION_LABELS = {"decision": _l("决议公开"), "result": _l("实施结果公开")}
FEEDBACK_LABELS = {"question": _l("询问"), "objection": _l("异议")}
SIGNER_LABELS = {"host": _l("主持人"), "recorder": _l("记录人")}


def label(table: dict, key) -> str:
    return str(table.get(key, key or ""))

MICRO_FORM_LABELS = MICRO_FORMS
