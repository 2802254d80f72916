"""Audit log: hash chain on both databases; on PostgreSQL written by triggers and append-only

Revision ID: 0006
Revises: 0005

On PostgreSQL:
- every change to a domain table queues a deferred row trigger; at commit it logs
  the change ("db.insert/update/delete", the table, before/after) unless the
  transaction already wrote an entry of its own through the program (a service
  entry says what happened in domain words, so the row-level one would only
  repeat it). A change made with raw SQL is therefore always logged.
- `audit_log` entries get `at`, `db_user`, `source` and `txid` from the server,
  and are chained at commit under an advisory lock (services/audit_chain.py has
  the same formula in Python, used on SQLite and by `helsestudio audit verify`).
- UPDATE, DELETE and TRUNCATE of `audit_log` raise, for every role (the table
  owner included, as long as it does not switch the triggers off).
The group roles, grants and row-level security are not made here: creating roles
needs CREATEROLE, so `helsestudio db roles --apply` does it (services/db_roles.py).
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# Domain tables and their primary-key columns (the entity id of a row-level entry).
# Frozen here as the schema is at 0006; a test checks every model table has the trigger,
# so a later migration that adds a table must add it (hs_audit_row_trigger below).
AUDITED_TABLES = {
    "roles": ("code",), "users": ("id",), "settings": ("key",), "rooms": ("id",),
    "booking_categories": ("code",), "platforms": ("code",), "booking_series": ("id",),
    "bookings": ("id",), "crisis_periods": ("id",), "studio_closures": ("day",),
    "units": ("id",), "people": ("id",), "course_types": ("id",), "course_sessions": ("id",),
    "session_instructors": ("session_id", "person_id"), "enrolments": ("id",),
    "completions": ("id",), "external_qualifications": ("id",), "import_mappings": ("name",),
    "certificate_counters": ("year",), "certificates": ("id",), "signing_keys": ("key_id",),
}

# `SET search_path FROM CURRENT` pins the functions to the schema they were created in
# (they are SECURITY DEFINER: a caller must not be able to slip in their own audit_log).
FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION hs_audit_field(v text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT '|' || CASE WHEN v IS NULL THEN '-' ELSE length(v)::text || ':' || v END
$$;

-- Same text as services/audit_chain.canonical_text.
CREATE OR REPLACE FUNCTION hs_audit_canonical(e audit_log, p_seq bigint, p_prev text) RETURNS text
LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
  SELECT 'hs-audit-v1'
    || hs_audit_field(p_seq::text) || hs_audit_field(p_prev)
    || hs_audit_field(to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'))
    || hs_audit_field(e.db_user) || hs_audit_field(e.source) || hs_audit_field(e.actor)
    || hs_audit_field(e.action) || hs_audit_field(e.entity) || hs_audit_field(e.entity_id)
    || hs_audit_field(e.before::text) || hs_audit_field(e.after::text) || hs_audit_field(e.reason)
$$;

CREATE OR REPLACE FUNCTION hs_audit_stamp() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  -- The server, not the client, says when, by which login, and from where.
  NEW.at := clock_timestamp();
  NEW.db_user := session_user;
  NEW.txid := txid_current();
  NEW.source := CASE WHEN pg_trigger_depth() > 1 THEN 'db' ELSE 'app' END;
  NEW.seq := NULL;
  NEW.prev_hash := NULL;
  NEW.row_hash := NULL;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION hs_audit_chain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  last_seq bigint;
  last_hash text;
  new_seq bigint;
  new_prev text;
BEGIN
  -- Runs at commit (deferred): one writer at a time extends the chain, and holds the
  -- lock only for the rest of its commit. Read committed sees the previous holder's rows.
  PERFORM pg_advisory_xact_lock(hashtext('helsestudio.audit_chain'), hashtext(TG_RELID::text));
  SELECT seq, row_hash INTO last_seq, last_hash
    FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1;
  new_seq := coalesce(last_seq, 0) + 1;
  new_prev := coalesce(last_hash, repeat('0', 64));
  UPDATE audit_log
     SET seq = new_seq, prev_hash = new_prev,
         row_hash = encode(sha256(convert_to(hs_audit_canonical(NEW, new_seq, new_prev), 'UTF8')), 'hex')
   WHERE id = NEW.id;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION hs_audit_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  -- The one update allowed: hs_audit_chain filling in the chain of a new entry.
  IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 AND OLD.row_hash IS NULL
     AND (OLD.id, OLD.at, OLD.actor, OLD.action, OLD.entity, OLD.entity_id, OLD.before::text,
          OLD.after::text, OLD.reason, OLD.source, OLD.db_user, OLD.txid)
         IS NOT DISTINCT FROM
         (NEW.id, NEW.at, NEW.actor, NEW.action, NEW.entity, NEW.entity_id, NEW.before::text,
          NEW.after::text, NEW.reason, NEW.source, NEW.db_user, NEW.txid) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE OR REPLACE FUNCTION hs_audit_row() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  old_j jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
  new_j jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
  before_j jsonb;
  after_j jsonb;
  ident text;
BEGIN
  -- Runs at commit (deferred), so a service entry flushed after the row change counts.
  IF EXISTS (SELECT 1 FROM audit_log WHERE txid = txid_current() AND source = 'app') THEN
    RETURN NULL;
  END IF;
  SELECT string_agg(coalesce(new_j, old_j) ->> k, '/' ORDER BY n) INTO ident
    FROM unnest(TG_ARGV) WITH ORDINALITY AS pk(k, n);
  IF TG_OP = 'UPDATE' THEN
    SELECT jsonb_object_agg(o.key, o.value), jsonb_object_agg(o.key, new_j -> o.key)
      INTO before_j, after_j
      FROM jsonb_each(old_j) AS o WHERE o.value IS DISTINCT FROM new_j -> o.key;
    IF before_j IS NULL THEN
      RETURN NULL;  -- an UPDATE that changed nothing
    END IF;
  ELSE
    before_j := old_j;
    after_j := new_j;
  END IF;
  INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after, reason)
  VALUES (clock_timestamp(), session_user, 'db.' || lower(TG_OP), TG_TABLE_NAME,
          left(coalesce(ident, ''), 64), before_j::json, after_j::json,
          coalesce(current_setting('helsestudio.reason', true), ''));
  RETURN NULL;
END $$;
"""

AUDIT_LOG_TRIGGERS = """
CREATE TRIGGER hs_audit_stamp BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION hs_audit_stamp();
CREATE CONSTRAINT TRIGGER hs_audit_chain AFTER INSERT ON audit_log
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION hs_audit_chain();
CREATE TRIGGER hs_audit_guard BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION hs_audit_guard();
CREATE TRIGGER hs_audit_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION hs_audit_guard();
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;
"""


def hs_audit_row_trigger(table: str, key_columns: tuple[str, ...]) -> str:
    args = ", ".join(f"'{c}'" for c in key_columns)
    return (f"CREATE CONSTRAINT TRIGGER hs_audit AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION hs_audit_row({args})")


def _backfill_chain() -> None:
    """Chain the entries written before this revision, oldest first (both databases)."""
    from helsestudio.models.base import UTCDateTime
    from helsestudio.services.audit_chain import GENESIS, StoredEntry, entry_hash

    log = sa.table(
        "audit_log", sa.column("id", sa.Integer), sa.column("at", UTCDateTime()),
        sa.column("actor", sa.String), sa.column("action", sa.String), sa.column("entity", sa.String),
        sa.column("entity_id", sa.String), sa.column("before", sa.JSON), sa.column("after", sa.JSON),
        sa.column("reason", sa.Text),
    )
    bind = op.get_bind()
    rows = bind.execute(sa.select(
        log.c.id, log.c.at, log.c.actor, log.c.action, log.c.entity, log.c.entity_id,
        sa.cast(log.c.before, sa.Text), sa.cast(log.c.after, sa.Text), log.c.reason,
    ).order_by(log.c.id)).all()
    prev = GENESIS
    links = []
    for seq, (rid, at, actor, action, entity, entity_id, before, after, reason) in enumerate(rows, 1):
        entry = StoredEntry(rid, None, None, None, at, None, "app", actor, action, entity,
                            entity_id, before, after, reason)
        digest = entry_hash(entry, seq, prev)
        links.append({"b_id": rid, "seq": seq, "prev": prev, "digest": digest})
        prev = digest
    if links:
        bind.execute(sa.text("UPDATE audit_log SET seq = :seq, prev_hash = :prev, row_hash = :digest "
                             "WHERE id = :b_id"), links)


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("seq", sa.BigInteger))
        batch.add_column(sa.Column("prev_hash", sa.String(64)))
        batch.add_column(sa.Column("row_hash", sa.String(64)))
        batch.add_column(sa.Column("source", sa.String(8), nullable=False, server_default="app"))
        batch.add_column(sa.Column("db_user", sa.String(128)))
        batch.add_column(sa.Column("txid", sa.BigInteger))
        batch.create_unique_constraint("uq_audit_log_seq", ["seq"])
    op.create_index("ix_audit_log_txid", "audit_log", ["txid"])
    _backfill_chain()
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(FUNCTIONS)
    op.execute(AUDIT_LOG_TRIGGERS)
    for table, keys in AUDITED_TABLES.items():
        op.execute(hs_audit_row_trigger(table, keys))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in AUDITED_TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS hs_audit ON {table}")
        for trigger in ("hs_audit_stamp", "hs_audit_chain", "hs_audit_guard", "hs_audit_no_truncate"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON audit_log")
        for function in ("hs_audit_row()", "hs_audit_guard()", "hs_audit_chain()", "hs_audit_stamp()",
                         "hs_audit_canonical(audit_log, bigint, text)", "hs_audit_field(text)"):
            op.execute(f"DROP FUNCTION IF EXISTS {function}")
    op.drop_index("ix_audit_log_txid", "audit_log")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_constraint("uq_audit_log_seq", type_="unique")
        for column in ("txid", "db_user", "source", "row_hash", "prev_hash", "seq"):
            batch.drop_column(column)
