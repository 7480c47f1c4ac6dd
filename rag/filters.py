"""Filters on the sessions: which passages a date range, place and file let through, and, when
none does, why not in words, with what the records hold instead."""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from .store import PassageIndex
from .zh import (date_that_is_none, days_of, format_date_cn, month_day_without_year, month_or_year_span, parse_date,
                 why_not_a_date)


# The keys of a date filter: a range, a day or part of a month every year, or `either` of several
# date filters (`3月4日和3月11日那两次学习`)
DATE_KEYS = ("date_from", "date_to", "month_day", "either")


def filter_ids(index: PassageIndex, date_from=None, date_to=None, place=None, source=None,
               month_day=None, either=None) -> set[int] | None:
    """Ids passing the filters, or None when no filter is set."""
    if not (date_from or date_to or place or source or month_day or either):
        return None
    return {pid for pid, p in index.passages.items()
            if passes(p, date_from, date_to, place, source, month_day, either)}


def passes(passage, date_from=None, date_to=None, place=None, source=None, month_day=None, either=None) -> bool:
    """Whether one passage passes the filters."""
    dated = (date_passes(passage.date, date_from, date_to, month_day, either) if not passage.date_end
             else any(date_passes(day, date_from, date_to, month_day, either)
                      for day in days_of(passage.date, passage.date_end)))
    return (dated
            and not (place and place not in passage.place) and not (source and source not in passage.source))


def date_passes(date: str | None, date_from=None, date_to=None, month_day=None, either=None) -> bool:
    """Whether a session date passes a date filter (no filter: every date; an undated session
    passes no filter)."""
    if not (date_from or date_to or month_day or either):
        return True
    if not date:
        return False
    if either and not any(date_passes(date, **one) for one in either):
        return False
    if date_from and date < date_from or date_to and date > date_to:
        return False
    # a day every year (3, 4), or a part of a month every year (3, 11, 20); month 0: every month
    return not month_day or (month_day[0] in (0, int(date[5:7]))
                             and month_day[1] <= int(date[8:10]) <= month_day[-1])


def come_by_today(dates, today=None) -> list[str]:
    """The dates (ISO, sorted) up to today, or all of them when none is: which is the last time
    something was studied (`上次`), as a record dated later is a typo or a plan, no last time."""
    now = (today or date.today()).isoformat()
    dated = [d for d in dates if d]
    return [d for d in dated if d <= now] or dated


def relative_filter(today, unit: str, back: int, day_of_week: int = 0) -> dict:
    """The date filter of a year, month or week (`unit`) `back` before today's (0: this one): what
    `去年`, `last month`, `上周`, `le mois dernier`… stand for. `past-day`, `past-week`,
    `past-month` and `past-year` are the `back` days, weeks… up to today (`最近三个月`, `the past
    year`, `за последние две недели`). A week's `day_of_week` (1 Monday … 7 Sunday) is that day
    alone (`上周三`)."""
    if unit == "past-day":       # `近7天`: today and the six days before it
        return {"date_from": (today - timedelta(days=max(back - 1, 0))).isoformat(), "date_to": today.isoformat()}
    if unit.startswith("past-"):
        return {"date_from": _back_from(today, unit[5:], back).isoformat(), "date_to": today.isoformat()}
    if unit == "day":            # `昨天`, `三天前`: that day
        day = (today - timedelta(days=back)).isoformat()
        return {"date_from": day, "date_to": day}
    if unit == "weekday":       # `周三那次`: the last Wednesday up to today
        day = (today - timedelta(days=(today.isoweekday() - day_of_week) % 7)).isoformat()
        return {"date_from": day, "date_to": day}
    if unit == "week":          # Monday to Sunday, as Chinese calendars count a week
        monday = today - timedelta(days=today.weekday() + 7 * back)
        if day_of_week:
            day = (monday + timedelta(days=day_of_week - 1)).isoformat()
            return {"date_from": day, "date_to": day}
        return {"date_from": monday.isoformat(), "date_to": (monday + timedelta(days=6)).isoformat()}
    if unit == "year":
        year = today.year - back
        return {"date_from": f"{year}-01-01", "date_to": f"{year}-12-31"}
    year, month = _months_before(today, back)
    return {"date_from": f"{year}-{month:02d}-01",
            "date_to": f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"}


_WEEKDAY_NAMES = ("一 Monday", "二 Tuesday", "三 Wednesday", "四 Thursday", "五 Friday", "六 Saturday", "日 Sunday")
_UNIT_CN = {"day": "天", "week": "周", "month": "个月", "year": "年"}


def describe_relative(unit: str, back: int, day_of_week: int = 0) -> str:
    """What relative_filter's arguments stand for, as the page names them: `上周 last week`, `最近3个月
    the past 3 months`, `上周三 Wednesday last week`."""
    if unit.startswith("past-"):
        step = unit[5:]
        return f"最近{back}{_UNIT_CN[step]} the past {back} {step}s" if back > 1 else f"最近一{_UNIT_CN[step]} the past {step}"
    if unit == "day":
        return {0: "今天 today", 1: "昨天 yesterday", 2: "前天 the day before yesterday"}.get(
            back, f"{back}天前 {back} days ago")
    if unit == "weekday":
        day_cn, day_en = _WEEKDAY_NAMES[day_of_week - 1].split(" ")
        return f"最近的周{day_cn} the last {day_en}"
    if unit == "week":
        word = {0: "本周 this week", 1: "上周 last week"}.get(back, f"{back}周前 {back} weeks ago")
        if day_of_week:
            cn, en = word.split(" ", 1)
            day_cn, day_en = _WEEKDAY_NAMES[day_of_week - 1].split(" ")
            return f"{cn}{day_cn} {day_en} {en}"
        return word
    if unit == "month":
        return {0: "本月 this month", 1: "上个月 last month"}.get(back, f"{back}个月前 {back} months ago")
    return {0: "今年 this year", 1: "去年 last year"}.get(back, f"{back}年前 {back} years ago")


def _back_from(today, unit: str, count: int):
    """The day `count` days, weeks, months or years before `today` (a month's last day when that
    month is shorter: three months before May 31 is February 28 or 29)."""
    if unit in ("day", "week"):
        return today - timedelta(days=count * (7 if unit == "week" else 1))
    year, month = _months_before(today, count * (12 if unit == "year" else 1))
    return today.replace(year=year, month=month, day=min(today.day, calendar.monthrange(year, month)[1]))


def _months_before(today, count: int) -> tuple[int, int]:
    """(year, month) `count` months before today's month."""
    months = today.year * 12 + today.month - 1 - count
    return months // 12, months % 12 + 1


def describe_date(f: dict) -> str:
    """A date filter (`date_from`/`date_to`, or `month_day`: every year; or `either` of several) as
    the page shows it."""
    if f.get("either"):
        return " 或 or ".join(describe_date(one) for one in f["either"])
    if f.get("month_day") and len(f["month_day"]) == 3 and f["month_day"][1:] == (1, 31):
        return "每年 every year %d月" % f["month_day"][0]
    if f.get("month_day") and len(f["month_day"]) == 3:
        return "每年 every year %d月%d日–%d日" % f["month_day"]
    if f.get("month_day") and f["month_day"][0] == 0:
        return "每月 every month %d日" % f["month_day"][1]
    if f.get("month_day"):
        return "每年 every year %d月%d日" % f["month_day"]
    if f.get("date_from") and f.get("date_from") == f.get("date_to"):
        return f["date_from"]
    return f"{f.get('date_from') or '…'} – {f.get('date_to') or '…'}"


def iso_or_none(value, name: str, end: bool = False) -> str | None:
    """A date as given (`2020-03-04`, `2020年3月4日`) in ISO form; a month or a year alone
    (`2020年3月`, `2020-03`, `2020`) as its first day, or its last with `end` (a range's end);
    None for none; a ValueError naming the field (`name`) and how to write it for anything else."""
    if value is None or not str(value).strip():
        return None
    iso = parse_date(str(value))
    if iso is not None:
        return iso
    span = month_or_year_span(str(value))
    if span is None:
        raise ValueError(f"{name} '{value}' is not a date{_why_not(str(value))}; write it like 2020-03-04 or "
                         f"2020年3月4日, a month like 2020-03 or 2020年3月, or a year like 2020")
    return span[1] if end else span[0]


def date_range(date_from, date_to) -> tuple[str | None, str | None]:
    """A filter's start and end dates in ISO form (`iso_or_none`); a ValueError when the start
    comes after the end, which no session could pass."""
    start, end = iso_or_none(date_from, "the start date"), iso_or_none(date_to, "the end date", end=True)
    if start and end and start > end:
        raise ValueError(f"the start date ({start}) is after the end date ({end}): no session can "
                         f"fall between them; swap the two dates")
    return start, end


def _why_not(value: str) -> str:
    """What is wrong with a filter field's date, when it can be said: ` (February 2020 has 29 days)`,
    ` (it has no year)`; else ""."""
    value = re.sub(r"^\s*(\d{4})\s*[-/.]\s*(\d{1,2})\s*$", r"\1年\2月", value)     # `2020-13`
    written = date_that_is_none(value)
    if written:
        return f" ({why_not_a_date(written)[1]})"
    if month_day_without_year(value.strip()):
        return " (it has no year)"
    return ""


def why_nothing_passes(index: PassageIndex, dates: tuple, places: tuple, filters: dict) -> str:
    """Why no passage of `index` passes `filters`, with what the records hold instead (their
    `dates` and `places`, each once, or files); "" when some passage passes."""
    if not len(index):
        return ("索引里还没有段落 the index holds no passages yet: put record files (.txt, .docx) in "
                "seeds/ and run `studyqa index`")
    allowed = filter_ids(index, **filters)
    if allowed is None or allowed:
        return ""
    date_filter = {k: filters[k] for k in DATE_KEYS if filters.get(k)}
    reasons = []
    if date_filter and not any(date_passes(d, **date_filter) for d in dates):
        reasons.append(f"没有学习日期在 {describe_date(date_filter)} 之内的记录 no session falls within "
                       f"{describe_date(date_filter)}; " + dates_held(dates, date_filter))
    sources = sorted({p.source for p in index.passages.values()}) if filters.get("source") else []
    for key, zh, en, held in (("place", "地点", "place", places), ("source", "文件", "file", sources)):
        if filters.get(key) and not any(filters[key] in value for value in held):
            reasons.append(f"没有{zh}含“{filters[key]}”的记录 no session's {en} contains '{filters[key]}'; "
                           f"记录中的{zh} the records' {en}s: {_some(held)}")
    if not reasons:     # each filter alone lets some through, not all of them together
        reasons.append("没有同时符合这些筛选条件的记录 no session passes all these filters together; "
                       "loosen one of them")
    return "; ".join(reasons)


def dates_held(dates: tuple, date_filter: dict) -> str:
    """The records' dates as the explanation of an empty date filter gives them: their span and
    the nearest session before and after the filter."""
    if not dates:
        return "记录中没有日期 no record states a date (`时间：2020年3月4日`)"
    held = (f"记录的学习日期 the records' sessions: {format_date_cn(dates[0])}"
            + (f" – {format_date_cn(dates[-1])}" if len(dates) > 1 else "") + f"（{len(dates)} 个日期 dates）")
    if date_filter.get("month_day") or date_filter.get("either"):
        return held
    before = [d for d in dates if date_filter.get("date_from") and d < date_filter["date_from"]]
    after = [d for d in dates if date_filter.get("date_to") and d > date_filter["date_to"]]
    nearest = [f"之前 before: {format_date_cn(before[-1])}"] if before else []
    nearest += [f"之后 after: {format_date_cn(after[0])}"] if after else []
    return held + (f"; 最近的 nearest: {', '.join(nearest)}" if nearest else "")


def _some(values, n: int = 8) -> str:
    """Up to `n` of `values`, then how many more."""
    values = list(values)
    shown = "、".join(values[:n])
    return shown + (f" 等 and {len(values) - n} more" if len(values) > n else "")
