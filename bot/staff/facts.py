"""Staff update dated facts with four eyes: an editor proposes a new minimum wage table with its
period and source, a second editor approves it, and the bot uses it within a minute
(bot/answers/fact_updates.py). Every proposal and decision stays in `fact_revisions` as the history.

Checked before a proposal is stored (and again before approval): real dates in order; amounts as
decimals with at most two decimals (cents); youth amounts consistent with the youth percentages
of the period (2026: 80 / 60 / 50 / 39.5 / 34.5 / 30 %; from 2027 the planned shares); an https
source; no period overlapping an approved or seed period.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from urllib.parse import urlparse

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.answers.fact_updates import (
    ANSWER_CHECKED,
    HELP_POINT,
    MINIMUM_WAGE,
    approved_wage_periods,
    merged,
)
from bot.answers.minimum_wage import ADULT_AGE, WageTable, wage_table
from bot.db.fact_models import FactRevision
from bot.staff.revisions import LibraryError, NotAllowed
from bot.staff.staff_language import S_, Msg

PROPOSED, APPROVED, REJECTED = "proposed", "approved", "rejected"
AGES = (21, 20, 19, 18, 17, 16, 15)
BBL_AGES = (20, 19, 18)
# Youth minimum wage as a share of the adult amount (facts.md §1.1; §10.2 from 2027, planned).
SHARES_2026 = {20: Decimal("80"), 19: Decimal("60"), 18: Decimal("50"), 17: Decimal("39.5"),
               16: Decimal("34.5"), 15: Decimal("30")}
CENT = Decimal("0.01")


@dataclass(frozen=True)
class WageProposal:
    valid_from: dt.date
    valid_until: dt.date
    hourly: dict[int, Decimal]
    bbl: dict[int, Decimal]
    source_url: str

    def value(self) -> str:
        return json.dumps({"hourly": {str(a): str(v) for a, v in self.hourly.items()},
                           "bbl": {str(a): str(v) for a, v in self.bbl.items()}}, sort_keys=True)


def _date(text: str, label: Msg) -> dt.date:
    try:
        return dt.date.fromisoformat((text or "").strip())
    except ValueError:
        raise LibraryError(S_("{label}: write a date as YYYY-MM-DD"), label=label) from None


def _amount(text: str, label: Msg) -> Decimal | None:
    text = (text or "").strip().replace(",", ".")
    if not text:
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise LibraryError(S_("{label}: not an amount"), label=label) from None
    if not amount.is_finite() or amount <= 0 or amount >= 100 or amount != amount.quantize(CENT):
        raise LibraryError(S_("{label}: an hourly amount in euros with at most two decimals, "
                              "for example 14.99"), label=label)
    return amount.quantize(CENT)


def youth_shares(table: WageTable, day: dt.date) -> dict[int, Decimal]:
    """The youth percentages that apply from `day`: the planned ones once they start."""
    planned = [c for c in table.planned if c.start <= day and c.youth_percent]
    return planned[-1].youth_percent if planned else SHARES_2026


def https_source(form: dict[str, str], refusal: str) -> str:
    """The form's source URL when it is a printable https address, else LibraryError with
    `refusal` (a message marked with S_)."""
    source = (form.get("source_url") or "").strip()
    try:
        parts = urlparse(source)
        ok = parts.scheme == "https" and bool(parts.hostname)
    except ValueError:  # e.g. "https://[" (an unclosed IPv6 address)
        ok = False
    if not ok or len(source) > 500 or not source.isprintable():
        raise LibraryError(refusal)
    return source


def parse_wage_proposal(form: dict[str, str], table: WageTable | None = None) -> WageProposal:
    """A minimum wage proposal from the form fields, or LibraryError saying what is wrong."""
    table = table or wage_table()
    valid_from = _date(form.get("valid_from", ""), Msg(S_("Valid from")))
    valid_until = _date(form.get("valid_until", ""), Msg(S_("Valid until")))
    if valid_until < valid_from:
        raise LibraryError(S_("Valid until must not be before valid from"))
    hourly = {age: a for age in AGES
              if (a := _amount(form.get(f"hourly_{age}", ""),
                               Msg(S_("Age {age}"), {"age": age}))) is not None}
    if ADULT_AGE not in hourly:
        raise LibraryError(S_("The amount for 21 and older is needed"))
    shares = youth_shares(table, valid_from)
    for age, amount in hourly.items():
        if age == ADULT_AGE:
            continue
        expected = (hourly[ADULT_AGE] * shares[age] / 100).quantize(CENT, ROUND_HALF_UP)
        if abs(amount - expected) > CENT:
            raise LibraryError(S_("Age {age}: {amount} is not {share} of {adult} ({expected}), "
                                  "the share that applies from {day}"),
                               age=age, amount=amount, share=f"{shares[age]}%",
                               adult=hourly[ADULT_AGE], expected=expected, day=valid_from)
    bbl = {age: a for age in BBL_AGES
           if (a := _amount(form.get(f"bbl_{age}", ""),
                            Msg(S_("bbl age {age}"), {"age": age}))) is not None}
    source = https_source(form, S_("Source: the https address of the official page"))
    return WageProposal(valid_from, valid_until, hourly, bbl, source)


def check_no_overlap(session: Session, proposal: WageProposal, url: str | None = None) -> None:
    from bot.db.session import database_url

    table = merged(wage_table(), approved_wage_periods(url or database_url()))
    for period in table.periods:
        if period.start <= proposal.valid_until and proposal.valid_from <= period.until:
            raise LibraryError(S_("The period overlaps the one from {start} to {until}"),
                               start=period.start, until=period.until)


def propose_wage(session: Session, form: dict[str, str], who: str, url: str | None = None,
                 now: dt.datetime | None = None) -> FactRevision:
    proposal = parse_wage_proposal(form)
    check_no_overlap(session, proposal, url)
    revision = FactRevision(fact=MINIMUM_WAGE, valid_from=proposal.valid_from,
                            valid_until=proposal.valid_until, value=proposal.value(),
                            source_url=proposal.source_url, status=PROPOSED, proposed_by=who,
                            proposed_at=now or dt.datetime.utcnow())
    session.add(revision)
    session.flush()
    return revision


POINT_STATUSES = ("open", "planned", "unconfirmed", "closed")
POINT_FIELDS = ("address", "phone", "email", "opening_hours", "status")
FIELD_NAMES = {"address": S_("Address"), "phone": S_("Phone"), "email": S_("E-mail"),
               "opening_hours": S_("Opening hours"), "status": S_("Status")}
_PHONE = re.compile(r"\+?[0-9][0-9 -]{5,19}")
_EMAIL = re.compile(r"[^@\s<>]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
OPEN_ENDED = dt.date(9999, 12, 31)


def parse_point_proposal(form: dict[str, str], names: set[str], today: dt.date) -> dict:
    """A change to a help point's record (or only "checked today"), or LibraryError."""
    name = (form.get("point") or "").strip()
    if name not in names:
        raise LibraryError(S_("Choose a help point on record"))
    fields = {}
    for field in POINT_FIELDS:
        value = " ".join((form.get(field) or "").split())
        if value:
            if not value.isprintable() or len(value) > 300:
                raise LibraryError(S_("{field}: plain text, at most 300 characters"),
                                   field=Msg(FIELD_NAMES[field]))
            fields[field] = value
    if "phone" in fields and not _PHONE.fullmatch(fields["phone"]):
        raise LibraryError(S_("Phone: digits, spaces and dashes, e.g. 013 542 85 00"))
    if "email" in fields and not _EMAIL.fullmatch(fields["email"]):
        raise LibraryError(S_("E-mail: an address such as info@gemeente.nl"))
    if "status" in fields and fields["status"] not in POINT_STATUSES:
        raise LibraryError(S_("Status: open, planned, unconfirmed or closed"))
    if not fields and form.get("checked") != "yes":
        raise LibraryError(S_("Change a field, or tick that the record was checked today"))
    source = https_source(form, S_("Source: the https address where you checked this"))
    return {"name": name, "fields": fields, "checked": today.isoformat(), "source": source}


def propose_point(session: Session, form: dict[str, str], who: str, names: set[str],
                  today: dt.date, now: dt.datetime | None = None) -> FactRevision:
    doc = parse_point_proposal(form, names, today)
    revision = FactRevision(fact=HELP_POINT, valid_from=today, valid_until=OPEN_ENDED,
                            value=json.dumps({k: doc[k] for k in ("name", "fields", "checked")},
                                             sort_keys=True),
                            source_url=doc["source"], status=PROPOSED, proposed_by=who,
                            proposed_at=now or dt.datetime.utcnow())
    session.add(revision)
    session.flush()
    return revision


def propose_answer_check(session: Session, form: dict[str, str], who: str, topics: set[str],
                         today: dt.date, now: dt.datetime | None = None) -> FactRevision:
    """ "I checked this answer against its sources today": used once a second editor approves."""
    topic = (form.get("topic") or "").strip()
    if topic not in topics:
        raise LibraryError(S_("Choose an answer of the library"))
    source = https_source(form, S_("Source: the https address where you checked this"))
    revision = FactRevision(fact=ANSWER_CHECKED, valid_from=today, valid_until=OPEN_ENDED,
                            value=json.dumps({"topic": topic, "checked": today.isoformat()},
                                             sort_keys=True),
                            source_url=source, status=PROPOSED, proposed_by=who,
                            proposed_at=now or dt.datetime.utcnow())
    session.add(revision)
    session.flush()
    return revision


def _pending(session: Session, revision_id: int) -> FactRevision:
    revision = session.get(FactRevision, revision_id)
    if revision is None or revision.status != PROPOSED:
        raise LibraryError(S_("This proposal is not waiting any more"))
    return revision


def approve(session: Session, revision_id: int, who: str, url: str | None = None,
            now: dt.datetime | None = None) -> FactRevision:
    revision = _pending(session, revision_id)
    if revision.proposed_by == who:
        raise NotAllowed(S_("A second editor must approve this: you proposed it"))
    if revision.fact in (HELP_POINT, ANSWER_CHECKED):  # validated when proposed; no overlap
        revision.status, revision.decided_by = APPROVED, who
        revision.decided_at = now or dt.datetime.utcnow()
        return revision
    doc = json.loads(revision.value)
    form = {"valid_from": revision.valid_from.isoformat(),
            "valid_until": revision.valid_until.isoformat(), "source_url": revision.source_url,
            **{f"hourly_{a}": v for a, v in doc["hourly"].items()},
            **{f"bbl_{a}": v for a, v in (doc.get("bbl") or {}).items()}}
    check_no_overlap(session, parse_wage_proposal(form), url)  # still true now?
    revision.status, revision.decided_by = APPROVED, who
    revision.decided_at = now or dt.datetime.utcnow()
    return revision


def reject(session: Session, revision_id: int, who: str,
           now: dt.datetime | None = None) -> FactRevision:
    revision = _pending(session, revision_id)
    revision.status, revision.decided_by = REJECTED, who
    revision.decided_at = now or dt.datetime.utcnow()
    return revision


def history(session: Session) -> list[FactRevision]:
    return list(session.execute(select(FactRevision).order_by(FactRevision.id.desc())).scalars())


def amounts_of(revision: FactRevision) -> dict[str, dict[str, str]]:
    return json.loads(revision.value)
