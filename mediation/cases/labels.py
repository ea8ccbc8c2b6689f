"""Display labels for the codes stored on cases, translated at render time."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

STATUS_LABELS = {
    "registered": _l("已登记"),
    "accepted": _l("已受理"),
    "mediating": _l("调解中"),
    "agreed": _l("已达成协议"),
    "fulfilled": _l("已履行"),
    "closed": _l("已结案"),
    "declined": _l("不予受理"),
    "withdrawn": _l("已撤回"),
    "failed": _l("调解不成"),
    "referred": _l("已转介"),
}

ACTION_LABELS = {
    "create": _l("登记案件"),
    "accept": _l("受理"),
    "decline": _l("不予受理"),
    "start_mediation": _l("开始调解"),
    "record_session": _l("记录调解"),
    "record_agreement": _l("记录达成协议"),
    "record_failure": _l("记录调解不成"),
    "withdraw": _l("撤回"),
    "extend_deadline": _l("延长期限"),
    "add_follow_up": _l("回访"),
    "close": _l("结案"),
    "reopen": _l("重新启用"),
    "transfer": _l("移交"),
    "add_evidence": _l("上传证据"),
    "edit": _l("修改案件信息"),
    "refer": _l("转介"),
    "end_referral": _l("结束转介"),
}

CATEGORY_LABELS = {
    "婚姻家庭": _l("婚姻家庭"), "邻里纠纷": _l("邻里纠纷"), "房屋宅基地": _l("房屋宅基地"),
    "土地承包": _l("土地承包"), "山林水利": _l("山林水利"), "征地拆迁": _l("征地拆迁"),
    "劳动争议": _l("劳动争议"), "合同债务": _l("合同债务"), "损害赔偿": _l("损害赔偿"),
    "物业纠纷": _l("物业纠纷"), "消费纠纷": _l("消费纠纷"), "医疗纠纷": _l("医疗纠纷"),
    "道路交通": _l("道路交通"), "环境污染": _l("环境污染"), "其他": _l("其他"),
}

SOURCE_LABELS = {
    "网格员排查": _l("网格员排查"), "群众来访": _l("群众来访"), "电话/12345热线": _l("电话/12345热线"),
    "部门移交": _l("部门移交"), "法院委派": _l("法院委派"), "其他": _l("其他"),
}

RISK_LABELS = {"normal": _l("一般"), "serious": _l("较大"), "major": _l("重大")}
ROLE_LABELS = {"applicant": _l("申请人"), "respondent": _l("被申请人"), "third_party": _l("第三人")}
PERFORMANCE_LABELS = {"fulfilled": _l("已履行"), "partial": _l("部分履行"), "unfulfilled": _l("未履行")}
EVALUATION_LABELS = {"satisfied": _l("满意"), "basically": _l("基本满意"), "unsatisfied": _l("不满意")}
SESSION_OUTCOME_LABELS = {"continue": _l("继续调解"), "agreed": _l("达成协议"), "failed": _l("调解不成")}
RUNG_LABELS = {"grid": _l("网格"), "village": _l("村调委会"), "town": _l("镇矛调中心"), "county": _l("县矛调中心"),
               "lawyer": _l("律师调解"), "notary": _l("公证"), "court": _l("法院")}

EVENT_LABELS = dict(ACTION_LABELS, **{
    "edit": _l("修改案件信息"),
    "session_recorded": _l("记录调解"),
    "follow_up": _l("回访"),
    "evidence_added": _l("上传证据"),
    "deadline_extended": _l("延长期限"),
    "transferred": _l("移交"),
    "fulfilled": _l("确认已履行"),
})


def status_label(code: str) -> str:
    return str(STATUS_LABELS.get(code, code))


def action_label(code: str) -> str:
    return str(ACTION_LABELS.get(code, code))


def label(mapping: dict, code: str | None) -> str:
    if not code:
        return ""
    return str(mapping.get(code, code))
