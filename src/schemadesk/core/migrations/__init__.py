"""The migration engine's pure half: pgdbm-compatible files, templates, status and plans.

No Qt, no connections. What the window and the command line use:

- ``project.find_project(folder)`` / ``load_project(path)`` / ``single_module(dir, schema, module)``
  → ``Project`` with ``ModuleConfig`` per module (and ``assumptions`` when auto-discovered).
- ``files.discover(folder)`` → ``MigrationFile`` per ``*.sql`` (pgdbm's order and checksum,
  whole-file problems: empty, BOM, not UTF-8).
- ``template.render(text, schema)`` → ``Rendered``: the text pgdbm would send, ``problems``
  (``FileProblem`` with line/column), ``placeholders`` (``PlaceholderSpan``: file span, rendered
  span, replacement, context) and ``source_position(rendered_offset)`` → (line, column).
- ``status.compute_status(module, files, ledger_rows | None, find_drift=...)`` → ``ModuleStatus``
  whose rows are ``MigrationStatus`` (state applied/pending/drifted/missing/blocked, both
  checksums, applied_at, applied_by, execution_time_ms, problems, ``DriftDiff``).
- ``git_drift.find_recorded_version(file, recorded_checksum)`` → ``DriftDiff`` or None.
- ``plan.build_plan([(module, files, status), ...])`` → ``Plan`` of ``PlanStep`` (rendered SQL,
  lock statement, no-transaction statements), with ``blockers`` and ``warnings``.
- ``statements``: every engine statement as ``psycopg.sql`` (lock, ledger DDL, insert, ...).

The database half (ledger reads, apply, rehearsal, accepting checksums) is
``schemadesk.db.migrations``.
"""
