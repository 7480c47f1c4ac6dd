"""French, German, Spanish and Russian questions about the sessions: their dates, and whether
they ask when, where or what was studied.

`Qu'avons-nous étudié le 4 mars 2020 ?`, `Was haben wir am 4. März 2020 gelernt?`, `¿Qué estudiamos
el 4 de marzo de 2020?`, `Что мы изучали 4 марта 2020 года?`: a date next to a word about studying
is written the Chinese way (`2020年3月4日`, `3月11日`, `2020年3月`, `2020年`) for zh.date_filter, exactly
as crosslingual.split_session_date_english does for English, so it is the same filter with the same
fallback (no session that day: the whole question is searched, and the page says so); `Quand…`,
`Wo…`, `Thema`, `¿Qué estudiamos?` are read as zh.asks_when_studied, zh.asks_about_session and
zh.asks_for_sessions read them in Chinese. Words of these languages are otherwise left to the
sentence model."""
from __future__ import annotations

import re

from .crosslingual import Unit, without
from .zh import date_filter, day_after, days_in_month_of, first_that_is_none, is_date_alone, signed_count, written_range, written_through

# Month names by their stems: `mars`, `März`/`Maerz`, `marzo`, and Russian's cases (`марта`, `марте`).
_MONTH_STEMS = [
    ("janvier", "januar", "jänner", "enero", "январ"),
    ("février", "fevrier", "februar", "feber", "febrero", "феврал"),
    ("mars", "märz", "maerz", "marzo", "март"),
    ("avril", "april", "abril", "апрел"),
    ("mai(?!\\w)", "mayo", "ма[йяе]"),          # `mai` whole: not `maintenant`
    ("juin", "juni", "junio", "июн"),
    ("juillet", "juli", "julio", "июл"),
    ("août", "aout", "august", "agosto", "август"),
    ("septembre", "september", "septiembre", "setiembre", "сентябр"),
    ("octobre", "oktober", "octubre", "октябр"),
    ("novembre", "november", "noviembre", "ноябр"),
    ("décembre", "decembre", "dezember", "diciembre", "декабр"),
]
_MONTH = r"(?P<month>" + "|".join(stem for stems in _MONTH_STEMS for stem in stems) + r")\w*"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PART = (r"(?P<part>début|mi|fin|anfang|mitte|ende|principios|mediados|finales|fines|начале|середине|конце)"
         r"(?:\s*-\s*|\s+)(?:de\s+)?")
_PART_ZH = {"début": "上旬", "anfang": "上旬", "principios": "上旬", "начале": "上旬",
            "mi": "中旬", "mitte": "中旬", "mediados": "中旬", "середине": "中旬",
            "fin": "下旬", "ende": "下旬", "finales": "下旬", "fines": "下旬", "конце": "下旬"}
_DATES = [re.compile(form, re.I) for form in (
    # début mars 2020, Mitte März, a mediados de marzo, в начале марта 2020 года
    _PART + _MONTH + r"(?:\s+(?:de\s+|del\s+)?" + _YEAR + r")?",
    # 4 mars 2020, 4. März 2020, 4 de marzo de 2020, 4 марта 2020 года, 1er mars, 4 марта
    r"(?<!\d)(?P<day>\d{1,2})(?:er|\.|º|°)?\s+(?:de\s+)?" + _MONTH + r"(?:\s+(?:de\s+|del\s+)?" + _YEAR + r")?",
    # mars 2020, im März 2020, en marzo de 2020, в марте 2020 года
    _MONTH + r"\s+(?:de\s+|del\s+)?" + _YEAR,
    # en 2020, im Jahr 2020, en el año 2020, в 2020 году
    r"\b(?:en|im(?:\s+jahr)?|in|en\s+el\s+año|в)\s+" + _YEAR + r"\b",
    # German writes a year alone: `Was haben wir 2019 gelernt?`, `Was wurde 2020 gelernt?` (right
    # after `wir` or `wurde`; not `die Ziele 2020`)
    r"(?:(?<=\bwir\s)|(?<=\bwurde\s)|(?<=\bwurden\s))" + _YEAR + r"\b",
    # a year right after a word for the session (`la première séance de 2023`, `la última sesión de
    # 2023`, `die erste Sitzung 2023`): the sessions of that year
    r"(?:(?<=séance\s)|(?<=sesión\s)|(?<=session\s)|(?<=sitzung\s)|(?<=занятие\s)|(?<=занятия\s)|(?<=занятии\s))"
    r"(?:(?:de|del)\s+)?" + _YEAR + r"\b",
)]
# Words about studying (a session's date is near them, not an event's).
_STUDIED = re.compile(r"\b(?:étud|appris|apprend|séance|session|formation|"
                      r"studier|gelernt|lern|sitzung|schulung|"
                      r"estudi|aprend|sesión|"
                      r"изуч|учил|занят|заним|сесси|семинар)\w*", re.I)
# An event's date in the text follows these (`la réunion tenue le 23 février`).
_EVENT = re.compile(r"\b(?:tenue?s?|convoquée?s?|publiée?s?|abgehalten|stattgefunden|veröffentlicht|"
                    r"celebrad[ao]s?|convocad[ao]s?|publicad[ao]s?|состоявш\w*|проведенн\w*|прошедш\w*)"
                    r"\s+(?:(?:le|am|el|on|de)\s+)?$", re.I)

# German puts it before: `die am 4. März abgehaltene Konferenz` (not `die am 11. März abgehaltene
# Sitzung`, a session)
_EVENT_AFTER = re.compile(r"\s+(?:ab)?(?:gehalten|stattgefunden|veranstaltet|durchgeführt|einberufen|eröffnet|"
                          r"veröffentlicht|erschienen|verabschiedet|beschlossen|abgeschlossen)(?:e|en|er|es|em)\s+"
                          r"(?!(?:lern)?sitzung|lerneinheit|schulung)", re.I)


# A month with a year said relative to today (`en mars de l'année dernière`, `im März letzten Jahres`,
# `en marzo del año pasado`, `в марте прошлого года`), or the last such month (`en mars dernier`, `im
# letzten März`, `el marzo pasado`): written with its year (`mars 2025`) before dates are read, as
# crosslingual.written_out_english writes `March last year`
_YEAR_SAID_EU = {"l'année dernière": -1, "l'an dernier": -1, "l'année passée": -1, "cette année": 0,
                 "letzten jahres": -1, "vergangenen jahres": -1, "vorigen jahres": -1, "dieses jahres": 0,
                 "año pasado": -1, "este año": 0, "прошлого года": -1, "этого года": 0}
_MONTH_YEAR_SAID_EU = re.compile(_MONTH + r"\s+(?:de\s+|del\s+|des\s+)?(?P<said>"
                                 + "|".join(w.replace(" ", r"\s+") for w in _YEAR_SAID_EU) + r")(?!\w)", re.I)
_LAST_MONTH_NAMED_EU = re.compile(r"(?:(?:im\s+)?(?:letzten|vergangenen)\s+" + _MONTH.replace("(?P<month>", "(?P<month_before>")
                                  + r"|" + _MONTH + r"\s+(?:dernier|passé|pasado))(?!\w)", re.I)


def written_out_european(question: str, today) -> str:
    """`Qu'avons-nous étudié en mars de l'année dernière ?` -> `… en mars 2025 ?` (today in 2026),
    `… en mars dernier ?` -> `… en mars 2026 ?` (asked in December); the question as it is when it
    says no such month."""
    def with_year(m: re.Match) -> str:
        said = re.sub(r"\s+", " ", m.group("said").lower())
        return f"{m.group('month')} {today.year + _YEAR_SAID_EU[said]}"

    def last_named(m: re.Match) -> str:
        word = m.group("month") or m.group("month_before")
        month = _month_number(word)
        return f"{word} {today.year - (month >= today.month)}"
    question = _MONTH_YEAR_SAID_EU.sub(with_year, question or "")
    return _LAST_MONTH_NAMED_EU.sub(last_named, question)


def date_alone_european(question: str) -> str | None:
    """A question that is a French, German, Spanish or Russian date and nothing else (`4 mars
    2020`, `11. März`), written the Chinese way for zh.date_filter; else None."""
    text = re.sub(r"^\s*[¿¡]|[?.!]\s*$", "", question).strip()
    text = re.sub(r"\s+(?:года?|году|г\.)$", "", re.sub(r"^(?:le|am|el|du|vom|del|в|на)\s+", "", text, flags=re.I))
    m = next(filter(None, (pattern.fullmatch(text) for pattern in _DATES)), None)
    return (_written(m) or None) if m else None


def _written(m: re.Match) -> str:
    """A date matched by _DATES written the Chinese way (`2020年3月4日`, `3月中旬`); "" for a day
    that is none (`45 mars`, `30 février`)."""
    written = _written_as_is(m)
    return written if date_filter(written) else ""


def _written_as_is(m: re.Match) -> str:
    g = m.groupdict()
    month, day, year, part = g.get("month"), g.get("day"), g.get("year"), g.get("part")
    return ((f"{int(year)}年" if year else "") + (f"{_month_number(month)}月" if month else "")
            + (f"{int(day)}日" if day else "") + (_PART_ZH[part.lower()] if part else ""))


def date_that_is_none_european(question: str) -> str | None:
    """The first session date a French, German, Spanish or Russian question names that no calendar
    has (`le 30 février 2020`), written the Chinese way (`2020年2月30日`); None if none."""
    found = sorted((m for pattern in _DATES for m in pattern.finditer(question)), key=lambda m: m.start())
    if not (_STUDIED.search(question) or is_date_alone(question, found)):
        return None
    return first_that_is_none(map(_written_as_is, found))


def mentions_studying_european(question: str) -> bool:
    """`étudié`, `Sitzung`, `estudiamos`, `занятие`…: the question is about the sessions."""
    return bool(_STUDIED.search(question))


def _month_number(word: str) -> int:
    word = word.lower()
    for number, stems in enumerate(_MONTH_STEMS, start=1):
        if any(re.match(stem, word) for stem in stems):
            return number
    raise ValueError(word)


# A span a date opens or closes (`depuis 2023`, `seit März 2023`, `desde 2023`, `с 2023 года`; `avant
# 2021`, `vor 2021`, `antes de 2021`, `до 2021 года`; `entre 2022 et 2023`, `zwischen 2022 und 2023`,
# `de 2022 à 2023`, `von März bis Juni 2023`, `с 2022 по 2023 год`), written the Chinese way for
# zh.date_filter (`2023年以来`, `2021年以前`, `2022年到2023年`); a year alone counts after these words
_YEAR_ALONE_EU = re.compile(_YEAR + r"\b(?:\s+(?:год\w*|г\.))?", re.I)
_MONTH_ALONE_EU = re.compile(r"(?:de\s+)?" + _MONTH + r"\b", re.I)
_FROM_EU = r"depuis|à\s+partir\s+d[eu]|seit|ab|desde|a\s+partir\s+de|начиная\s+с|с"
_RANGE_FROM_EU = r"de|du|del|von|vom|desde|с"
_BEFORE_EU = r"avant|vor|antes\s+de(?:l)?|до"
_BETWEEN_EU = r"entre|zwischen|между"
# after a date: from the day after it (`après mars 2023`: from April); until one: to its end
_AFTER_EU = r"après|nach|después\s+de(?:l)?|после"
_UNTIL_EU = r"jusqu'(?:à|au|en)|bis(?:\s+(?:zum|zur|ende))?|hasta"
_SPAN_WORD_EU = re.compile(r"(?<!\w)(?P<word>" + "|".join((_AFTER_EU, _UNTIL_EU, _FROM_EU, _RANGE_FROM_EU,
                                                             _BEFORE_EU, _BETWEEN_EU))
                           + r")\s+(?:(?:le|el|la|l'|dem|der)\s+)?", re.I)
_TO_EU = re.compile(r"\s+(?:à|au|" + _UNTIL_EU + r"|al?|по|до|et|und|y|и)\s+"
                    r"(?:(?:le|el|la|l'|dem|der)\s+)?", re.I)


def _date_eu_at(question: str, at: int) -> tuple[str, int] | None:
    """A date written at `question[at:]` (day and month, month and year, or a year alone, each
    perhaps without its year) the Chinese way, and where it ends; None when none is there."""
    for pattern in (_DATES[1], _DATES[2], _YEAR_ALONE_EU, _MONTH_ALONE_EU):
        m = pattern.match(question, at)
        if m:
            written = _written_as_is(m)
            return (written, m.end()) if written else None
    return None


_DAY_ALONE_EU = re.compile(r"(?P<day>\d{1,2})(?:er|\.|º|°)?(?=\s)", re.I)


def _span_european(question: str) -> tuple[str, int, int] | None:
    """The first span a French, German, Spanish or Russian question names, written the Chinese way,
    with where it starts and ends; None when it names none. A day alone before the second date
    takes its month and year (`du 4 au 11 mars 2020`, `vom 4. bis 11. März`); a date of no year
    opening a span (`depuis le 4 mars`) is written as `3月4日以来` is, whose year is the last such
    day's up to today (zh.written_out_dates)."""
    for word in _SPAN_WORD_EU.finditer(question):
        said = word.group("word").lower()
        first = _date_eu_at(question, word.end())
        if not first and (day := _DAY_ALONE_EU.match(question, word.end())):
            first = f"{int(day.group('day'))}日", day.end()
        if not first:
            continue
        written, end = first
        joined = _TO_EU.match(question, end)
        second = _date_eu_at(question, joined.end()) if joined else None
        if second and re.fullmatch(_RANGE_FROM_EU + "|" + _BETWEEN_EU + "|" + _FROM_EU, said, re.I):
            span = written_range(written, second[0])     # a first day alone takes the second's month
            if span:
                return span, word.start(), _with_year_word(question, second[1])
            continue
        if not date_filter(written) or re.fullmatch(r"\d+日", written):
            continue        # a day alone opens no span (`с 2 коллегами`: with two colleagues)
        if re.fullmatch(_FROM_EU, said, re.I):
            return f"{written}以来", word.start(), _with_year_word(question, end)
        if re.fullmatch(_BEFORE_EU, said, re.I):
            return f"{written}以前", word.start(), _with_year_word(question, end)
        if re.fullmatch(_AFTER_EU, said, re.I) and (following := day_after(written)):
            return f"{following}以来", word.start(), _with_year_word(question, end)
        if re.fullmatch(_UNTIL_EU, said, re.I) and (through := written_through(written)):
            return through, word.start(), _with_year_word(question, end)
    return None


def _with_year_word(question: str, end: int) -> int:
    """Where a date ends with the word for year after it (`2023 года`, `2023 год`), if there is one."""
    tail = re.match(r"\s+(?:год\w*|г\.)", question[end:])
    return end + tail.end() if tail else end


_YEAR_LISTED_EU = re.compile(r"\s*(?:,|\bet\b|\bund\b|\by\b|\bи\b)\s*(?:(?:en|in|в)\s+)?(?P<year>(?:19|20)\d\d)\b"
                             r"(?:\s+(?:год[ауе]?|годах)\b)?", re.I)


# A quarter or a half of a year (`au premier trimestre 2020`, `im zweiten Quartal 2020`, `en el segundo
# semestre de 2020`, `во втором полугодии 2020 года`), written `2020年第1季度`, `2020年下半年` as English's are
_ORDINAL_PART_EU = (("premi", "1er", "erst", "primer", "перв"), ("deuxi", "second", "2e", "zweit", "segund", "втор"),
                    ("troisi", "3e", "dritt", "tercer", "трет"), ("quatri", "4e", "viert", "cuart", "четв"),
                    ("derni", "letzt", "últim", "ultim", "последн"))
_PART_OF_YEAR_EU = re.compile(
    r"(?:(?:au|du|le|pendant\s+le|im|in\s+der|en\s+el|el|del|durante\s+el|в|во)\s+)?"
    r"(?P<which>" + "|".join(stem for stems in _ORDINAL_PART_EU for stem in stems) + r")\w*\s+"
    r"(?P<part>trimestre|semestre|quartal|halbjahr|jahreshälfte|квартал|полугоди)\w*\s+"
    r"(?:(?:de|d'|del|des\s+jahres)\s*)?" + _YEAR + r"(?:\s+(?:год\w*|г\.))?", re.I)


def _part_of_year_european(question: str) -> tuple[str, int, int] | None:
    m = _PART_OF_YEAR_EU.search(question)
    if not m:
        return None
    which = m.group("which").lower()
    n = next(i for i, stems in enumerate(_ORDINAL_PART_EU, start=1) if which.startswith(stems))
    half = m.group("part").lower().startswith(("semestre", "halbjahr", "jahreshälfte", "полугоди"))
    if half:
        if n > 2 and n != 5:
            return None
        return f"{m.group('year')}年" + ("上半年" if n == 1 else "下半年"), m.start(), m.end()
    return f"{m.group('year')}年第{4 if n == 5 else n}季度", m.start(), m.end()


def split_session_date_european(question: str) -> tuple[str | None, str]:
    """(the session date a French, German, Spanish or Russian question names, written the Chinese
    way: `2020年3月4日`, `3月11日`, `2020年3月`, `2020年`, or a span: `2023年以来`; or None) and the
    question without it. Only in a question about studying."""
    if not _STUDIED.search(question):
        return None, question
    span = _part_of_year_european(question) or _span_european(question)
    if span and not _EVENT.search(question[:span[1]]) and not _EVENT_AFTER.match(question, span[2]):
        return span[0], without(question, span[1], span[2])
    passed_over = -1
    for m in sorted((m for pattern in _DATES for m in pattern.finditer(question)), key=lambda m: m.start()):
        if m.start() < passed_over:
            continue
        if _EVENT.search(question[:m.start()]):
            passed_over = m.end()       # `tenue le 23 février 2020`: nor is its `février 2020` a session's
            continue
        written = _written(m)
        if not written:
            # `le 30 février 2020`: no such day, nor is its `février 2020` the month meant
            passed_over = m.end() if _written_as_is(m) else passed_over
            continue
        end = m.end()
        tail = re.match(r"\s+(?:год[ауе]?\b|г\.)", question[end:])     # `2020 года`, `в 2020 году`
        if tail and m.group("year"):
            end += tail.end()
        if _EVENT_AFTER.match(question, end):
            passed_over = end
            continue
        start = m.start()
        listed = [written]
        if m.groupdict().get("day"):
            # `le 4 mars et le 11 mars 2020`, `am 4. und 11. März`: either date
            listed, start, end = _dates_listed_with(question, m, written, start, end)
        while re.fullmatch(r"\d{4}年", listed[-1]) and (more := _YEAR_LISTED_EU.match(question, end)):
            listed, end = listed + [f"{more.group('year')}年"], more.end()     # `en 2024 et 2025`
        # `le 4 mars`, `am 4. März`, `в марте`: the word that brought the date goes with it
        lead = re.search(r"\b(?:les|le|am|el|los|del|au|du|vom|im|en|in|a|à la|de la|à|в|на)\s+$", question[:start], re.I)
        if lead:
            start = lead.start()
        return "和".join(listed), without(question, start, end)
    return None, question


# Dates listed together: days before a date (`les 4 et 11 mars`, `am 4. und 11. März`, `el 4 y el 11
# de marzo`, `4 и 11 марта`) are in its month; whole dates after it (`le 4 mars et le 11 mars`) are
# read as they are, and a year at the end is every date's.
_JOINER_EU = r"\s*(?:,|\bet\b|\bund\b|\boder\b|\bou\b|\by\b|\bo\b|\bи\b|\bили\b)\s*(?:(?:le|am|el|au)\s+)?"
_DAYS_BEFORE = re.compile(r"(?P<days>(?:(?<!\d)\d{1,2}(?:er|\.|º|°)?" + _JOINER_EU + r")+)$", re.I)
_JOINER_AFTER = re.compile(_JOINER_EU, re.I)


def _dates_listed_with(question: str, m: re.Match, written: str, start: int, end: int) -> tuple[list[str], int, int]:
    """The dates listed with the day-and-month date `m` (`written` the Chinese way, spanning
    start:end), each written so, and where the list starts and ends."""
    listed = [written]
    before = _DAYS_BEFORE.search(question[:start])
    days = days_in_month_of(written, re.findall(r"(?<!\d)\d{1,2}", before.group("days"))) if before else []
    if days:
        listed, start = days + listed, before.start()
    while (joiner := _JOINER_AFTER.match(question, end)) and joiner.end() > end:
        following = _DATES[1].match(question, joiner.end())
        if not following or not _written(following):
            break
        listed.append(_written(following))
        end = following.end()
        tail = re.match(r"\s+(?:год[ауе]?\b|г\.)", question[end:])
        if tail and following.group("year"):
            end += tail.end()
    year = re.match(r"\d{4}年", listed[-1])
    if year and len(listed) > 1:
        listed = [one if "年" in one else year.group() + one for one in listed]
    return listed, start, end


# Asking when something was studied (`Quand avons-nous étudié…`, `An welchem Tag…`, `¿Qué día…`,
# `Когда мы изучали…`), or where, in what form or on what topic: the sessions' headers answer.
_WHEN = re.compile(r"\b(?:quand|quel jour|quelle date|wann|an welchem (?:tag|datum)|cuándo|qué día|qué fecha|"
                   r"когда|в какой день|какого числа)\b", re.I)
_WHERE_HOW = re.compile(r"\b(?:où|wo|dónde|где|en ligne|hors ligne|présentiel|online|offline|präsenz|en línea|"
                        r"presencial|онлайн|офлайн|очно|forme|form|forma|formato|форме|thème|sujet|thema|tema|"
                        r"тема|темой)\b", re.I)


def asks_when_studied_european(question: str) -> bool:
    """`Quand avons-nous étudié la biosécurité ?`: the answer is dates (zh.asks_when_studied)."""
    return bool(_WHEN.search(question) and _STUDIED.search(question))


def asks_about_session_european(question: str) -> bool:
    """When, where, how or on what topic something was studied (`Où s'est tenue la séance du 4
    mars ?`): the answer is in the sessions' headers (zh.asks_about_session)."""
    return asks_when_studied_european(question) or bool(_WHERE_HOW.search(question)
                                                        and _STUDIED.search(question))


# Words of a question that, once its date is read, asks only what was studied, or the session's
# topic (`Qu'avons-nous étudié ?`, `Was war das Thema der Sitzung?`, `¿Qué estudiamos?`, `Что мы
# изучали?`): function words, question words and words about the session.
_SESSION_ONLY = frozenset("""
qu que quoi quel quelle quels quelles avons nous a on ce est il y était été le la les l de du des
lors pendant à au dans
thème sujet texte discours document documents
was wer welche welcher welches haben wir hat man war ist wurde wurden das der die den dem des thema text rede material
in bei während
qué que cuál cuáles fue era es el la los las lo de del nosotros hemos tema texto discurso material
en durante
что какой какая какое какие какую каким мы была был было были на о об тема текст речь материал материалы
в во
""".split())


def asks_for_sessions_european(content: str) -> bool:
    """True when a French, German, Spanish or Russian question, its date read, names nothing to
    look for: its answer is the sessions themselves (zh.asks_for_sessions)."""
    words = re.findall(r"[^\W\d_]+", content.lower())
    return bool(words) and bool(_STUDIED.search(content)) and all(
        word in _SESSION_ONLY or _STUDIED.fullmatch(word) for word in words)


# A session named by its place in time (`la dernière séance`, `die letzte Sitzung`, `la primera
# sesión`, `последнее занятие`), as zh.split_session_order reads `上次学习`: the order word right
# before a word for the session; only it is taken out (the session word stays, as in the question).
_ORDER_EU = {"dernière": -1, "avant-dernière": -2, "première": 1, "deuxième": 2, "seconde": 2, "troisième": 3,
             "letzte": -1, "letzten": -1, "vorletzte": -2, "vorletzten": -2, "erste": 1, "ersten": 1,
             "zweite": 2, "zweiten": 2, "dritte": 3, "dritten": 3,
             "última": -1, "ultima": -1, "penúltima": -2, "penultima": -2, "primera": 1, "segunda": 2,
             "tercera": 3,
             "последнее": -1, "последнем": -1, "последнего": -1, "предпоследнее": -2, "предпоследнем": -2,
             "предпоследнего": -2, "первое": 1, "первом": 1, "первого": 1,
             "второе": 2, "втором": 2, "второго": 2, "третье": 3, "третьем": 3, "третьего": 3}
# the fourth to the tenth, in each language's forms before a word for the session
for _n, (_fr, _de, _es, _ru) in enumerate((("quatrième", "viert", "cuarta", "четв[её]рт"),
                                           ("cinquième", "fünft", "quinta", "пят"),
                                           ("sixième", "sechst", "sexta", "шест"),
                                           ("septième", "siebt", "séptima", "седьм"),
                                           ("huitième", "acht", "octava", "восьм"),
                                           ("neuvième", "neunt", "novena", "девят"),
                                           ("dixième", "zehnt", "décima", "десят")), start=4):
    _ORDER_EU.update({_fr: _n, f"{_de}e": _n, f"{_de}en": _n, _es: _n,
                      **{f"{_ru}{ending}": _n for ending in ("ое", "ом", "ого")}})
# an ordinal written in figures: `2e séance`, `3ème séance`, `1re séance`, `die 2. Sitzung`, `la 2.ª
# sesión`, `2ª sesión`, `на 3-м занятии`
_ORDINAL_FIGURES_EU = r"(?P<figures>\d{1,2})(?:e|ème|eme|re|ère|er|\.\s*ª?|ª|º|-(?:е|м|го|ом|ое|ем))"
# not right after a hyphen: `avant-dernière` is not `dernière`
_SESSION_ORDER_EU = re.compile(r"(?<![\w-])(?:(?P<which>" + "|".join(sorted(_ORDER_EU, key=len, reverse=True)) + r")|"
                               + _ORDINAL_FIGURES_EU + r")\s+"
                               r"(?=(?:séance|session|sitzung|lernsitzung|lerneinheit|sesión|занят|семинар)\w*)",
                               re.I)


_LAST_TIME_EU = re.compile(r"(?<!\w)(?:la\s+dernière\s+fois|la\s+última\s+vez|zuletzt|das\s+letzte\s+Mal|"
                           r"beim\s+letzten\s+Mal|в\s+последний\s+раз|в\s+прошлый\s+раз)(?!\w)", re.I)
# `l'avant-dernière fois`, `das vorletzte Mal`, `la penúltima vez`, `в позапрошлый раз`: the one before
_TIME_BEFORE_LAST_EU = re.compile(r"(?<!\w)(?:l'avant-dernière\s+fois|(?:das|beim)\s+vorletzten?\s+Mal|la\s+penúltima\s+vez|"
                                  r"в\s+позапрошлый\s+раз)(?!\w)", re.I)


def split_session_order_european(question: str) -> tuple[int | None, str]:
    """(which session a French, German, Spanish or Russian question names by its order: 1 the
    first by date, -1 the latest; or None) and the question without the order word."""
    m = _SESSION_ORDER_EU.search(question)
    if not m:
        # `la dernière fois`, `la última vez`, `zuletzt`, `в последний раз` (as English `last time`)
        before = _TIME_BEFORE_LAST_EU.search(question) if _STUDIED.search(question) else None
        if before:
            return -2, without(question, before.start(), before.end())
        last = _LAST_TIME_EU.search(question) if _STUDIED.search(question) else None
        return (-1, without(question, last.start(), last.end())) if last else (None, question)
    if m.group("figures"):
        order = int(m.group("figures"))
        return (order, without(question, m.start(), m.end())) if order else (None, question)
    which = m.group("which").lower()
    return next(n for word, n in _ORDER_EU.items() if re.fullmatch(word, which)), without(question, m.start(), m.end())


# A year, month or week said relative to today (`le mois dernier`, `letzten Monat`, `el año pasado`,
# `на прошлой неделе`), or a span up to today (`au cours des trois derniers mois`, `in den letzten
# zwei Wochen`, `en el último año`, `за последние три месяца`), in a question about studying:
# (unit, how many back)
_RELATIVE_EU = [
    # the one before the last, and the genitive forms (`la deuxième séance du mois dernier`, `des
    # letzten Monats`, `прошлого месяца`): first, as the longer words
    (r"(?:im\s+)?vorletzten\s+Jahr|vorletztes\s+Jahr", ("year", 2)), (r"(?:im\s+)?vorletzten\s+Monat", ("month", 2)),
    (r"(?:in\s+der\s+)?vorletzten\s+Woche|vorletzte\s+Woche", ("week", 2)),
    (r"(?:el|del)\s+año\s+antepasado", ("year", 2)), (r"(?:la\s+)?semana\s+antepasada", ("week", 2)),
    (r"в\s+позапрошлом\s+году", ("year", 2)), (r"в\s+позапрошлом\s+месяце", ("month", 2)),
    (r"на\s+позапрошлой\s+неделе", ("week", 2)),
    (r"du\s+mois\s+(?:dernier|passé)", ("month", 1)), (r"de\s+la\s+semaine\s+(?:dernière|passée)", ("week", 1)),
    (r"(?:des\s+)?(?:letzten|vergangenen)\s+Monats", ("month", 1)), (r"(?:des\s+)?(?:letzten|vergangenen)\s+Jahres", ("year", 1)),
    (r"прошлого\s+месяца", ("month", 1)), (r"прошлого\s+года", ("year", 1)), (r"прошлой\s+недели", ("week", 1)),
    (r"(?:l'année dernière|l'an dernier|l'année passée)", ("year", 1)), (r"cette année", ("year", 0)),
    (r"(?:le mois dernier|le mois passé)", ("month", 1)), (r"ce mois(?:-ci)?", ("month", 0)),
    (r"(?:la\s+)?semaine (?:dernière|passée)", ("week", 1)), (r"cette semaine", ("week", 0)),
    (r"(?:im\s+)?(?:letzten|vergangenen)\s+Jahr|letztes\s+Jahr|vergangenes\s+Jahr", ("year", 1)),
    (r"(?:in\s+)?diesem\s+Jahr|dieses\s+Jahr", ("year", 0)),
    (r"(?:im\s+)?(?:letzten|vergangenen)\s+Monat", ("month", 1)), (r"(?:in\s+)?diesem\s+Monat|diesen\s+Monat", ("month", 0)),
    (r"(?:in\s+der\s+)?(?:letzten|vergangenen)\s+Woche|letzte\s+Woche|vergangene\s+Woche", ("week", 1)),
    (r"(?:in\s+)?dieser\s+Woche|diese\s+Woche", ("week", 0)),
    (r"(?:el|del)\s+año\s+pasado", ("year", 1)), (r"este\s+año", ("year", 0)),
    (r"(?:el|del)\s+mes\s+pasado", ("month", 1)), (r"este\s+mes", ("month", 0)),
    (r"(?:la\s+)?semana\s+pasada", ("week", 1)), (r"esta\s+semana", ("week", 0)),
    (r"в\s+прошлом\s+году", ("year", 1)), (r"в\s+этом\s+году", ("year", 0)),
    (r"в\s+прошлом\s+месяце", ("month", 1)), (r"в\s+этом\s+месяце", ("month", 0)),
    (r"на\s+прошлой\s+неделе", ("week", 1)), (r"на\s+этой\s+неделе", ("week", 0)),
]
# (each pattern whole within the word bounds: `letzte Woche` is not inside `vorletzte Woche`)
_RELATIVE_EU_RE = [(re.compile(r"(?<!\w)(?:" + pattern + r")(?!\w)", re.I), read) for pattern, read in _RELATIVE_EU]
_NUMBERS_EU = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
               "neuf": 9, "dix": 10, "onze": 11, "douze": 12,
               "einem": 1, "einen": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
               "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12,
               "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9,
               "diez": 10, "once": 11, "doce": 12,
               "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8,
               "девять": 9, "десять": 10, "одиннадцать": 11, "двенадцать": 12,
               "двух": 2, "трёх": 3, "трех": 3, "четырёх": 4, "четырех": 4, "пяти": 5}
_NUMBER_EU = r"(\d{1,3}|" + "|".join(sorted(_NUMBERS_EU, key=len, reverse=True)) + r")"
_SPAN_UNITS_EU = {"jour": "day", "semaine": "week", "mois": "month", "année": "year", "an": "year",
                  "tag": "day", "woche": "week", "monat": "month", "jahr": "year",
                  "día": "day", "semana": "week", "mes": "month", "año": "year",
                  "дн": "day", "день": "day", "дня": "day", "недел": "week", "месяц": "month", "год": "year", "лет": "year"}
_SPAN_EU = [re.compile(r"(?<!\w)" + pattern + r"(?!\w)", re.I) for pattern in (
    # au cours des trois derniers mois, ces deux dernières semaines, la dernière année
    r"(?:(?:au\s+cours|pendant|durant|lors)\s+(?:des|de\s+la|de\s+l')|dans\s+les|ces|les|la)\s*"
    r"(?:" + _NUMBER_EU + r"\s+)?derni(?:ers|ères|ère|er)\s+(jour|semaine|mois|année|an)s?",
    # in den letzten drei Monaten, in der letzten Woche → calendar (above); seit einem Jahr
    r"(?:in\s+den|während\s+der|die)\s+(?:letzten|vergangenen)\s+" + _NUMBER_EU + r"\s+(Tag|Woche|Monat|Jahr)\w*",
    # en los últimos tres meses, en el último año, durante las últimas dos semanas
    r"(?:en|durante)\s+(?:los|las|el|la)\s+últim[oa]s?\s+(?:" + _NUMBER_EU + r"\s+)?(día|semana|mes|año)(?:s|es)?",
    # за последние три месяца, за последний год, за последнюю неделю
    r"за\s+последн\w+\s+(?:" + _NUMBER_EU + r"\s+)?(день|дня|дн|недел|месяц|год|лет)\w*",
)]


# `il y a trois semaines`, `vor zwei Monaten`, `hace dos años`, `две недели назад`: that week, month or year back
_AGO_UNITS_EU = {"semaine": "week", "mois": "month", "an": "year", "année": "year", "woche": "week", "monat": "month",
                 "jahr": "year", "semana": "week", "mes": "month", "año": "year", "недел": "week", "месяц": "month",
                 "год": "year", "лет": "year"}
_AGO_EU = [re.compile(r"(?<!\w)" + pattern + r"(?!\w)", re.I) for pattern in (
    r"il\s+y\s+a\s+" + _NUMBER_EU + r"\s+(semaine|mois|année|an)s?",
    r"vor\s+" + _NUMBER_EU + r"\s+(Woche|Monat|Jahr)\w*",
    r"hace\s+" + _NUMBER_EU + r"\s+(semana|mes|año)(?:s|es)?",
    _NUMBER_EU + r"\s+(недел|месяц|год|лет)\w*\s+назад")]
# `mercredi dernier`, `letzten Mittwoch`, `el miércoles pasado`, `в прошлую среду`: the last such day
_WEEKDAYS_EU = (("lundi", "montag", "lunes", "понедельник"), ("mardi", "dienstag", "martes", "вторник"),
                ("mercredi", "mittwoch", "miércoles", "miercoles", "сред"), ("jeudi", "donnerstag", "jueves", "четверг"),
                ("vendredi", "freitag", "viernes", "пятниц"), ("samedi", "samstag", "sonnabend", "sábado", "sabado", "суббот"),
                ("dimanche", "sonntag", "domingo", "воскресен"))
_WEEKDAY_WORD_EU = r"(?P<day>" + "|".join(w for words in _WEEKDAYS_EU for w in words) + r")\w*"
_WEEKDAY_EU = re.compile(r"(?<!\w)(?:(?:le\s+|el\s+)?" + _WEEKDAY_WORD_EU.replace("(?P<day>", "(?P<day_fr>") + r"\s+(?:dernier|passé|pasado)"
                         r"|(?:(?:am|el)\s+)?(?:letzten|vergangenen)\s+" + _WEEKDAY_WORD_EU.replace("(?P<day>", "(?P<day_de>")
                         + r"|в\s+прошл\w+\s+" + _WEEKDAY_WORD_EU + r")(?!\w)", re.I)


def _weekday_number(word: str) -> int:
    word = word.lower()
    return next(n for n, words in enumerate(_WEEKDAYS_EU, start=1) if word.startswith(words))


def split_relative_date_european(question: str) -> tuple[tuple | None, str]:
    """((unit, back) of a year, month or week said relative to today, or of a span up to today,
    or None) and the question without it."""
    if not _STUDIED.search(question):
        return None, question
    for pattern in _AGO_EU:
        m = pattern.search(question)
        if m:
            count = m.group(1)
            count = int(count) if count.isdigit() else _NUMBERS_EU[count.lower()]
            unit = next(u for stem, u in _AGO_UNITS_EU.items() if m.group(2).lower().startswith(stem))
            if count:
                return (unit, count), without(question, m.start(), m.end())
    m = _WEEKDAY_EU.search(question)
    if m:
        day = m.group("day_fr") or m.group("day_de") or m.group("day")
        return ("weekday", 0, _weekday_number(day)), without(question, m.start(), m.end())
    for pattern in _SPAN_EU:
        m = pattern.search(question)
        if m:
            count, unit = m.group(1) or "1", m.group(2).lower()
            count = int(count) if count.isdigit() else _NUMBERS_EU[count.lower()]
            if count:
                return ("past-" + _SPAN_UNITS_EU[unit], count), without(question, m.start(), m.end())
    for pattern, read in _RELATIVE_EU_RE:
        m = pattern.search(question)
        if m:
            return read, without(question, m.start(), m.end())
    return None, question


# Several sessions named by their order (`les deux dernières séances`, `die letzten drei Sitzungen`,
# `las dos últimas sesiones`, `последние два занятия`), as zh.split_sessions_counted reads `最近两次学习`
_SESSION_WORD_EU = r"(?=(?:séance|session|formation|sitzung|lernsitzung|lerneinheit|schulung|sesi|занят|семинар|сесси)\w*)"
_COUNT_EU = "(?P<count>" + _NUMBER_EU.removeprefix("(")
_SESSIONS_COUNTED_EU = [re.compile(r"(?<!\w)" + pattern + r"\s+" + _SESSION_WORD_EU, re.I) for pattern in (
    r"(?:les|des|ces|nos)\s+" + _COUNT_EU + r"\s+(?P<which>dernières|derniers|premières|premiers)",
    r"(?:die|den|der|unsere[nr]?)\s+(?P<which>letzten|ersten)\s+" + _COUNT_EU,
    r"(?:las|los|nuestras)\s+" + _COUNT_EU + r"\s+(?P<which>últimas|primeras)",
    r"(?:las|los|nuestras)\s+(?P<which>últimas|primeras)\s+" + _COUNT_EU,
    r"(?P<which>последние|первые|последних|первых)\s+" + _COUNT_EU,
)]


def split_sessions_counted_european(question: str) -> tuple[int | None, str]:
    """(how many of the latest (-n) or earliest (n) sessions a French, German, Spanish or Russian
    question names, or None) and the question without those words (the session word stays)."""
    for pattern in _SESSIONS_COUNTED_EU:
        m = pattern.search(question)
        if m:
            written = m.group("count")
            last = m.group("which").lower().startswith(("derni", "letzt", "últim", "послед"))
            count = signed_count(int(written) if written.isdigit() else _NUMBERS_EU[written.lower()], last)
            if count is not None:
                return count, without(question, m.start(), m.end())
    return None, question


# Ordinals, as the records number meetings (`la douzième réunion`, `der zwölften Sitzung`, `la
# duodécima reunión`, `двенадцатого заседания` -> 第十二次会议), from the third to the twentieth,
# each language's stems (every ending: `zwölfte`, `zwölften`), and digits with an ordinal's mark
# (`12e`, `12.`, `12ª`, `12-го`).
_ORDINAL_STEMS = {
    3: ("troisième", "dritt", "tercer", "трет"), 4: ("quatrième", "viert", "cuart", "четв[её]рт"),
    5: ("cinquième", "fünft", "quint", "пят"), 6: ("sixième", "sechst", "sext", "шест"),
    7: ("septième", "siebt", "séptim", "седьм"), 8: ("huitième", "acht", "octav", "восьм"),
    9: ("neuvième", "neunt", "noven", "девят"), 10: ("dixième", "zehnt", "décim", "десят"),
    11: ("onzième", "elft", "undécim", "одиннадцат"), 12: ("douzième", "zwölft", "duodécim", "двенадцат"),
    13: ("treizième", "dreizehnt", "decimotercer", "тринадцат"), 14: ("quatorzième", "vierzehnt", "decimocuart", "четырнадцат"),
    15: ("quinzième", "fünfzehnt", "decimoquint", "пятнадцат"), 16: ("seizième", "sechzehnt", "decimosext", "шестнадцат"),
    17: ("dix-septième", "siebzehnt", "decimoséptim", "семнадцат"), 18: ("dix-huitième", "achtzehnt", "decimoctav", "восемнадцат"),
    19: ("dix-neuvième", "neunzehnt", "decimonoven", "девятнадцат"), 20: ("vingtième", "zwanzigst", "vigésim", "двадцат"),
}
# a stem and the endings it takes (`zwölfte`, `duodécima`, `двенадцатого`); `acht` and `пят` alone
# are other words (eight, five), so an ending is required where the stem is a word of its own
_ORDINAL_WORD = re.compile(r"(?<!\w)(" + "|".join(sorted((stem for stems in _ORDINAL_STEMS.values() for stem in stems),
                                                        key=len, reverse=True))
                           + r")(e[nmrs]?|[oa]s?|[ыоа]й|ого|ому|ое|ая|ую|ых|ым|ыми|ый|ий|ьего|ьей|ье|ья)?(?!\w)", re.I)
_ORDINAL_DIGITS = re.compile(r"(?<![\w.])(\d{1,3})(?:e|ème|\.(?=\s+\w)|ª|º|°|-(?:го|й|я|е|м))(?!\w)", re.I)
_BY_STEM = {stem: n for n, stems in _ORDINAL_STEMS.items() for stem in stems}


def ordinal_units(question: str) -> list[Unit]:
    """The ordinals a French, German, Spanish or Russian question holds, each as a unit translating
    to 第N in Chinese numerals (the English ones are crosslingual.Lexicon.units')."""
    from .zh import chinese_numeral

    units = []
    for m in _ORDINAL_WORD.finditer(question):
        stem = m.group(1).lower()
        n = next((n for pattern, n in _BY_STEM.items() if re.fullmatch(pattern, stem)), None)
        if n and (m.group(2) or stem.endswith("ième")):
            units.append(Unit(m.group(), [f"第{chinese_numeral(n)}"]))
    for m in _ORDINAL_DIGITS.finditer(question):
        if 0 < int(m.group(1)) < 1000:
            units.append(Unit(m.group(), [f"第{chinese_numeral(int(m.group(1)))}"]))
    return units
