"""Numbers, money and dates as the user's language writes them ("1.234,5" in pt-BR, "1,234.5" in English).

Every number, cost and date the UI shows goes through these helpers instead of ``f"{n:,}"`` or
``strftime``: they use ``QLocale()``, the default locale :func:`ui.i18n.install` sets for the chosen
language (the system's own locale when it speaks that language).

Money is always US dollars (OpenAI bills in USD) and says so in both languages: pt-BR writes
"US$ 1,23" (the Brazilian way of writing US dollars, which a Brazilian never confuses with reais, R$);
English writes "$1.23 USD" (an American reads the usual "$1.23"; anyone else sees which dollar).
"""

from __future__ import annotations

import datetime as dt
import math

from PySide6.QtCore import QDate, QDateTime, QLocale


def _locale() -> QLocale:
    loc = QLocale()
    # The C locale (LANG=C: containers, CI) writes no digit groups, which makes big numbers hard to read:
    # write them as American English does (what f"{n:,}" gave before).
    return QLocale("en_US") if loc.language() == QLocale.Language.C else loc


def number(n: int | float) -> str:
    """A whole number with the locale's digit grouping: ``1,234,567`` / ``1.234.567``."""
    if isinstance(n, float):
        if not math.isfinite(n):
            return str(n)
        n = round(n)
    return _locale().toString(int(n))


def decimal(x: float, digits: int = 1) -> str:
    """``x`` with exactly ``digits`` decimals and grouping: ``1,234.5`` / ``1.234,5``."""
    if not math.isfinite(x):
        return str(x)
    return _locale().toString(float(x), "f", digits)


def significant(x: float, digits: int = 4) -> str:
    """``x`` to ``digits`` significant digits, no trailing zeros (losses, rewards): ``0.1235`` / ``0,1235``."""
    if not math.isfinite(x):
        return str(x)
    return _locale().toString(float(x), "g", digits)


def percent(fraction: float, digits: int = 0) -> str:
    """A fraction as a percentage: ``0.25`` → ``25%`` (the locale's decimal sign when ``digits`` > 0)."""
    loc = _locale()
    return decimal(fraction * 100, digits) + loc.percent()


def money_usd(usd: float, digits: int = 2) -> str:
    """An amount in US dollars that names its currency: ``$1.23 USD`` in English, ``US$ 1,23`` in pt-BR.

    ``digits`` > 2 for the tiny per-call costs of the Playground (``$0.0042 USD``).
    """
    loc = _locale()
    amount = abs(float(usd))
    sign = loc.negativeSign() if usd < 0 else ""
    if loc.language() == QLocale.Language.English:
        return f"{sign}{loc.toCurrencyString(amount, '$', digits)} USD"
    return sign + loc.toCurrencyString(amount, "US$", digits)


def call_cost(usd: float) -> str:
    """The cost of one model call, tiny as it is: ``$0.0042 USD`` (4 decimals under a dollar), ``< $0.0001 USD``."""
    if usd < 0.0001:
        return "< " + money_usd(0.0001, 4)
    return money_usd(usd, 4 if usd < 1 else 2)


def _to_qdatetime(moment: float | int | str | dt.datetime) -> QDateTime:
    if isinstance(moment, str):
        moment = dt.datetime.fromisoformat(moment)
    if isinstance(moment, dt.datetime):
        if moment.tzinfo is None:  # the store writes naive timestamps in UTC
            moment = moment.replace(tzinfo=dt.UTC)
        moment = moment.timestamp()
    return QDateTime.fromMSecsSinceEpoch(round(float(moment) * 1000))  # local time


def date_time(moment: float | int | str | dt.datetime | None) -> str:
    """A moment (Unix seconds, ISO text or datetime; naive means UTC) in local time, short form:
    ``3/4/25 2:05 PM`` / ``04/03/2025 14:05``. ``None`` gives ``""``."""
    if moment is None or moment == "":
        return ""
    try:
        return _locale().toString(_to_qdatetime(moment), QLocale.FormatType.ShortFormat)
    except ValueError:  # not a timestamp: show it as it is rather than nothing
        return str(moment)


def time_of_day(moment: float | int | str | dt.datetime | None) -> str:
    """A moment's local time of day, short form: ``2:05 PM`` / ``14:05`` (``""`` for ``None``)."""
    if moment is None or moment == "":
        return ""
    try:
        return _locale().toString(_to_qdatetime(moment).time(), QLocale.FormatType.ShortFormat)
    except ValueError:
        return str(moment)


def date(day: dt.date | float | int | str | dt.datetime | None) -> str:
    """A day, short form: ``3/4/25`` / ``04/03/2025`` (a moment is shown as its local day)."""
    if day is None or day == "":
        return ""
    if isinstance(day, dt.date) and not isinstance(day, dt.datetime):
        return _locale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)
    try:
        return _locale().toString(_to_qdatetime(day).date(), QLocale.FormatType.ShortFormat)
    except ValueError:
        return str(day)
