"""Full-text search index, in each database's own engine.

PostgreSQL: a generated tsvector column over search_document with the
``norwegian`` configuration, and a GIN index on it. SQLite: an FTS5 table over
search_stems (stemmed in Python), kept in step by triggers.
"""

from django.db import migrations

POSTGRES = [
    "ALTER TABLE directory_organisation ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('norwegian'::regconfig, search_document)) STORED",
    "CREATE INDEX directory_organisation_search_idx ON directory_organisation "
    "USING gin (search_vector)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS directory_organisation_search_idx",
    "ALTER TABLE directory_organisation DROP COLUMN IF EXISTS search_vector",
]

SQLITE = [
    "CREATE VIRTUAL TABLE directory_organisation_fts USING fts5("
    "search_stems, content='directory_organisation', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER directory_organisation_fts_insert AFTER INSERT ON directory_organisation "
    "BEGIN INSERT INTO directory_organisation_fts(rowid, search_stems) "
    "VALUES (new.id, new.search_stems); END",
    "CREATE TRIGGER directory_organisation_fts_delete AFTER DELETE ON directory_organisation "
    "BEGIN INSERT INTO directory_organisation_fts(directory_organisation_fts, rowid, search_stems) "
    "VALUES ('delete', old.id, old.search_stems); END",
    "CREATE TRIGGER directory_organisation_fts_update AFTER UPDATE OF search_stems "
    "ON directory_organisation BEGIN "
    "INSERT INTO directory_organisation_fts(directory_organisation_fts, rowid, search_stems) "
    "VALUES ('delete', old.id, old.search_stems); "
    "INSERT INTO directory_organisation_fts(rowid, search_stems) "
    "VALUES (new.id, new.search_stems); END",
    "INSERT INTO directory_organisation_fts(directory_organisation_fts) VALUES ('rebuild')",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS directory_organisation_fts_update",
    "DROP TRIGGER IF EXISTS directory_organisation_fts_delete",
    "DROP TRIGGER IF EXISTS directory_organisation_fts_insert",
    "DROP TABLE IF EXISTS directory_organisation_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor, [])
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_search_stems")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        )
    ]
