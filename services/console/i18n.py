"""zh-CN and en: the message catalogue (English text is the key) and locale-aware formatting
of dates, times and money with Babel, in the person's time zone."""

from __future__ import annotations

import datetime as dt
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale
from babel.dates import format_date, format_skeleton, format_timedelta, get_timezone_name
from babel.numbers import (
    format_compact_currency,
    format_currency,
    format_decimal,
    format_percent,
)

from services.console.portal_i18n import PORTAL_EN, PORTAL_ZH

LOCALES = ("zh-CN", "en")

ZH: dict[str, str] = {
    "Clientflow": "Clientflow 客户运营",
    "My day": "我的一天",
    "Clients": "客户",
    "Quarterly reports": "季度报告",
    "Dashboards": "仪表盘",
    "Admin": "管理",
    "Rules": "规则",
    "Sign in": "登录",
    "Sign out": "退出",
    "Signed in as": "当前用户",
    "Development sign-in": "开发环境登录",
    "Choose who you are. This page exists only under clientflow dev.": "请选择身份。此页面仅在 clientflow dev 下提供。",
    "Sign in with your organisation": "使用企业账号登录",
    "Another person": "其他人员",
    "User id": "用户 ID",
    "Role": "角色",
    "Team": "团队",
    "Name": "姓名",
    "Language": "语言",
    "My tasks": "我的任务",
    "My team's tasks": "团队任务",
    "Nothing waiting for you.": "暂无待办。",
    "Task": "任务",
    "Client": "客户",
    "Due": "截止",
    "Status": "状态",
    "overdue": "已逾期",
    "Overdue": "已逾期",
    "due in": "剩余",
    "Claim": "认领",
    "Complete": "完成",
    "Outcome": "结果",
    "Comment": "备注",
    "Reassign to": "转派给",
    "Reassign": "转派",
    "Pause": "暂停",
    "Resume": "恢复",
    "Extend by business hours": "延长（工作小时）",
    "Reason": "原因",
    "Extend": "延期",
    "Search clients": "搜索客户",
    "Name, phone, e-mail or external id": "姓名、电话、邮箱或外部编号",
    "Tier": "等级",
    "Stage": "阶段",
    "Advisor": "顾问",
    "AUM": "资产规模",
    "No clients match.": "没有匹配的客户。",
    "Any": "全部",
    "Profile": "基本信息",
    "KYC and risk": "KYC 与风险",
    "Risk level": "风险等级",
    "KYC status": "KYC 状态",
    "KYC expires": "KYC 到期",
    "Phone": "电话",
    "E-mail": "邮箱",
    "Locale": "语言偏好",
    "Time zone": "时区",
    "Signed on": "签约日期",
    "Birthday": "生日",
    "Holdings": "持仓",
    "Allocation": "资产配置",
    "Product": "产品",
    "Market value": "市值",
    "Net flows, 12 months": "近 12 个月净流入",
    "Transactions": "交易",
    "Amount": "金额",
    "Kind": "类型",
    "When": "时间",
    "Interactions": "互动记录",
    "Log an interaction": "记录互动",
    "Channel": "渠道",
    "Direction": "方向",
    "Summary": "摘要",
    "Save": "保存",
    "Tags": "标签",
    "Add a tag": "添加标签",
    "Relationships": "关系图",
    "Processes": "流程",
    "Start a process": "发起流程",
    "Start": "发起",
    "Why this tier": "等级说明",
    "Why this stage": "阶段说明",
    "Audit trail": "审计记录",
    "Progress": "进度",
    "Waiting on": "等待",
    "Current step": "当前步骤",
    "Steps": "步骤",
    "Tasks": "任务",
    "Started": "开始",
    "Finished": "结束",
    "Not found": "未找到",
    "There is nothing here, or it is not yours to see.": "此处没有内容，或您无权查看。",
    "Not allowed": "无权操作",
    "Something went wrong": "出错了",
    "Back to My day": "返回我的一天",
    "Start a quarterly run": "发起季度报告",
    "Book": "范围",
    "Period": "期间",
    "the firm": "全公司",
    "Distribution": "分发",
    "reports done": "份报告已完成",
    "Upload positions": "上传持仓",
    "Upload": "上传",
    "Rows": "行数",
    "Created": "新增",
    "Updated": "更新",
    "Rejected": "拒绝",
    "Row": "行",
    "Column": "列",
    "Value": "值",
    "Message": "说明",
    "Rounds": "审批轮次",
    "Download PDF": "下载 PDF",
    "Reports": "报告",
    "Net flows": "净流入",
    "Clients at start": "期初客户数",
    "Clients at end": "期末客户数",
    "Retention": "留存率",
    "Churn": "流失率",
    "Task SLA compliance": "任务 SLA 达标率",
    "Tier migration": "等级迁移",
    "Export CSV": "导出 CSV",
    "Export Excel": "导出 Excel",
    "Show": "查看",
    "New rule": "新建规则",
    "Event type": "事件类型",
    "Condition (CEL)": "条件（CEL）",
    "Action": "动作",
    "Target": "目标",
    "Preview": "预览",
    "Clients this rule would reach": "该规则将命中的客户",
    "scanned": "已扫描",
    "matched": "命中",
    "Enabled": "启用",
    "Saved.": "已保存。",
    "Templates": "模板",
    "Directory": "人员目录",
    "People": "人员",
    "Teams": "团队",
    "Someone else changed this client first. Reload to see their change.": "其他人已先修改了该客户，请刷新后查看其修改。",
    "Messages sent": "已发送消息",
    "Skip to content": "跳到正文",
    "Reload": "刷新",
    "NPS": "净推荐值",
    "none": "无",
    "Open": "打开",
    "Mine": "我的",
    "Retry": "重试",
    "Failures": "失败",
    "All": "全部",
    "Score": "评分",
    "Segments": "客户分群",
    "New segment": "新建分群",
    "Saved segments": "已保存的分群",
    "any of, comma-separated": "任一，逗号分隔",
    "Export": "导出",
    "Import clients": "批量导入客户",
    "An Excel or CSV file, headers in English or Chinese. A file with any bad row writes nothing; every bad row is listed below.": "Excel 或 CSV 文件，表头可为中文或英文。只要有一行有误，整个文件都不会写入；每个错误行都列在下方。",
    "Source": "来源",
    "Custom fields": "自定义字段",
    "Define a field": "定义字段",
    "Key": "键",
    "Label": "名称",
    "Options": "选项",
    "Required": "必填",
    "Scorecard": "评分卡",
    "Scorecard and lifecycle": "评分卡与生命周期",
    "Tier scorecard": "等级评分卡",
    "Lifecycle rules": "生命周期规则",
    "Add or change a person": "新增或修改人员",
    "Failed deliveries": "发送失败",
    "Subject": "主题",
    "New client": "新建客户",
    "Body": "正文",
    "AUM trend": "资产规模走势",
}

CATALOGUES: dict[str, dict[str, str]] = {"zh-CN": {**ZH, **PORTAL_ZH}, "en": dict(PORTAL_EN)}
BABEL = {"zh-CN": Locale.parse("zh_Hans_CN"), "en": Locale.parse("en_GB")}


def choose_locale(chosen: str | None, accept_language: str, default: str) -> str:
    """The person's choice; else the browser's first zh/en preference; else the default."""
    if chosen in LOCALES:
        return str(chosen)
    for part in accept_language.split(",")[:10]:
        tag = part.split(";")[0].strip().lower()
        if tag.startswith("zh"):
            return "zh-CN"
        if tag.startswith("en"):
            return "en"
    return default


def zone(name: str | None, default: str) -> ZoneInfo:
    for candidate in (name, default, "UTC"):
        if candidate:
            try:
                return ZoneInfo(candidate)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("UTC")


def _instant(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, str) and value:
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return None


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


class Formatter:
    """Everything a template needs to speak the person's language and time zone."""

    def __init__(self, locale: str, tz: ZoneInfo, *, name_zone: bool = False) -> None:
        self.locale = locale
        self.tz = tz
        self.name_zone = name_zone
        self.babel = BABEL[locale]
        self.catalogue = CATALOGUES[locale]

    def t(self, text: str) -> str:
        return self.catalogue.get(text, text)

    def datetime(self, value: Any, *, zone: bool | None = None) -> str:
        """A moment in the reader's zone, to the minute ("2026年12月6日 14:05"); the zone is
        named where the reader could take it for another (`name_zone`, or asked)."""
        instant = _instant(value)
        if instant is None:
            return ""
        day = format_date(instant.astimezone(self.tz).date(), "medium", locale=self.babel)
        clock = format_skeleton("Hm", instant, tzinfo=self.tz, locale=self.babel)
        text = str(self.babel.datetime_formats["medium"]).replace("{1}", day).replace("{0}", clock)
        if self.name_zone if zone is None else zone:
            text = f"{text} ({self.zone_name()})"
        return text

    def zone_name(self) -> str:
        """ "中国时间" / "China Time": the reader's zone in their language."""
        return str(get_timezone_name(self.tz, width="long", locale=self.babel))

    def _day(self, value: Any) -> dt.date | None:
        """A calendar day: a date, "YYYY-MM-DD", or a moment taken in the reader's zone."""
        if isinstance(value, datetime):
            return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(self.tz).date()
        if isinstance(value, date):
            return value
        if isinstance(value, str) and len(value) == 10:
            try:
                return date.fromisoformat(value)
            except ValueError:
                return None
        instant = _instant(value)
        return None if instant is None else instant.astimezone(self.tz).date()

    def date(self, value: Any) -> str:
        day = self._day(value)
        return "" if day is None else str(format_date(day, "medium", locale=self.babel))

    def day_in_words(self, value: Any, today: dt.date | None = None) -> str:
        """ "周三 12月9日（3天后）" / "Wed 9 Dec (in 3 days)": an expected date as people say it."""
        day = self._day(value)
        if day is None:
            return ""
        today = today or dt.datetime.now(self.tz).date()
        shown = str(format_skeleton("MMMEd", day, locale=self.babel))
        if day.year != today.year:
            shown = str(format_date(day, "full", locale=self.babel))
        days = (day - today).days
        if days == 0:
            relative = self.t("today")
        elif days == 1:
            relative = self.t("tomorrow")
        else:
            relative = str(
                format_timedelta(
                    dt.timedelta(days=days),
                    granularity="day",
                    threshold=366,
                    add_direction=True,
                    locale=self.babel,
                )
            )
        return f"{shown} ({relative})"

    def money(self, value: Any, currency: str = "CNY") -> str:
        amount = _decimal(value)
        return "" if amount is None else format_currency(amount, currency, locale=self.babel)

    def money_short(self, value: Any, currency: str = "CNY") -> str:
        """1.2亿 / CN¥120M: for a headline figure."""
        amount = _decimal(value)
        if amount is None:
            return ""
        return str(format_compact_currency(amount, currency, locale=self.babel, fraction_digits=1))

    def number(self, value: Any) -> str:
        amount = _decimal(value)
        return "" if amount is None else format_decimal(amount, locale=self.babel)

    def percent(self, value: Any) -> str:
        amount = _decimal(value)
        return "" if amount is None else format_percent(amount, "#,##0.0%", locale=self.babel)

    def countdown(self, value: Any, now: dt.datetime | None = None) -> str:
        """'in 3 hours' / '2 days ago', for a due time."""
        instant = _instant(value)
        if instant is None:
            return ""
        delta = instant - (now or dt.datetime.now(UTC))
        return str(
            format_timedelta(
                delta, granularity="minute", add_direction=True, locale=self.babel, threshold=1.0
            )
        )
