"""PostgreSQL counterparts of the SQLite triggers of 0002 (points summary) and 0003 (year lock).

The revisions keep one description of each trigger (event, condition, body in SQLite's dialect);
on PostgreSQL each becomes a plpgsql function plus a trigger calling it, with the few spellings
that differ translated here. Kept in this package (not in app/) so that a revision does what it
did whatever the app becomes.
"""

from __future__ import annotations

import re

# SQLite spelling → PostgreSQL spelling, for the expressions the trigger texts use.
_REPLACEMENTS = (
    # a year from a date or datetime column (SQLite stores them as ISO text)
    ("CAST(substr(", "CAST(EXTRACT(YEAR FROM "),
    (", 1, 4) AS INTEGER)", ") AS INTEGER)"),
    # booleans are real booleans on the server
    ("inputs_changed = 0", "NOT inputs_changed"),
    ("inputs_changed = 1", "inputs_changed = TRUE"),
    ("'筹备中', 0)", "'筹备中', FALSE)"),
    ("!= '离任'), 0)", "!= '离任'), FALSE)"),
    ("printf('%04d-01-01', year)", "make_date(year, 1, 1)"),
)


# JSON columns have no equality operator on the server ("operator does not exist: json = json"):
# the triggers compare their text, as SQLite does.
_JSON_COLUMNS = r"\b(OLD|NEW)\.(category_caps|params|grades|requirements)\b"


def to_postgresql(sql: str) -> str:
    for old, new in _REPLACEMENTS:
        sql = sql.replace(old, new)
    sql = re.sub(_JSON_COLUMNS, r"\1.\2::text", sql)
    return re.sub(r" IS NOT (?!NULL\b)", " IS DISTINCT FROM ", sql)


def _quote_columns(event: str) -> str:
    # "trigger" is a column of point_rule and a keyword of the server's CREATE TRIGGER.
    return re.sub(r"(?<=[ ,])trigger(?=[ ,])", '"trigger"', event)


def create_statements(name: str, event: str, when: str, body: str) -> list[str]:
    """CREATE FUNCTION + CREATE TRIGGER for one row trigger. ``event`` is e.g.
    "AFTER UPDATE OF a, b ON t"; ``when`` may hold subqueries (tested inside the function);
    ``body`` is one or more SQL statements ending in ";"."""
    body = to_postgresql(body)
    if when:
        body = f"IF {to_postgresql(when)} THEN {body} END IF;"
    returns = "RETURN NULL;"
    if event.startswith("BEFORE"):
        returns = "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW;"
    return [
        f"CREATE OR REPLACE FUNCTION {name}_fn() RETURNS trigger LANGUAGE plpgsql AS $body$ "
        f"BEGIN {body} {returns} END $body$",
        f"DROP TRIGGER IF EXISTS {name} ON {event.rsplit(' ON ', 1)[1]}",
        f"CREATE TRIGGER {name} {_quote_columns(event)} FOR EACH ROW EXECUTE FUNCTION {name}_fn()",
    ]


def drop_statements(name: str, event: str) -> list[str]:
    table = event.rsplit(" ON ", 1)[1]
    return [f"DROP TRIGGER IF EXISTS {name} ON {table}", f"DROP FUNCTION IF EXISTS {name}_fn()"]


def raise_if(condition_select: str) -> str:
    """SQLite's ``SELECT RAISE(ABORT, 'msg') WHERE EXISTS (…)`` as a plpgsql statement."""
    match = re.fullmatch(r"SELECT RAISE\(ABORT, '([^']*)'\) WHERE (EXISTS .*)", condition_select)
    if match is None:
        raise ValueError(condition_select)
    message, condition = match.groups()
    return f"IF {to_postgresql(condition)} THEN RAISE EXCEPTION '{message}'; END IF;"
