"""The migration engine's database half: ledgers, apply, rehearsal, accepting checksums.

Coroutines for the gateway loop (``Gateway.call`` / ``Gateway.submit``). For the window:

- ``service.snapshots_of(database, project)`` → ``ModuleSnapshot`` per module (config, files,
  ``ModuleStatus`` with drift diffs from git); ``service.plan_of(snapshots)`` → ``Plan``.
- The one way to run a plan: ``db.actions.run_migrations(database, project, plan,
  rehearse=False, run_as=None, on_event=cb, cancel=flag)`` → ``ApplyResult`` (front ends call
  it through ``usecases.migrations``); ``cb`` receives an ``ApplyEvent`` per migration
  (started / applied / skipped / failed / cancelled), on the gateway thread; ``flag.is_set()``
  is checked between migrations. ``rehearse=True``: the same plan in one transaction, rolled
  back (``not_rehearsed`` lists no-transaction files); ``rehearse.py`` says how it proves
  nothing was kept.
- ``service.accept_checksum(database, snapshot, filename)``: its own explicit action.
- ``service.ledgers_of(database)`` (``ledger.find_ledgers(conn)``): every pgdbm-shaped ledger.

Changing verbs refuse read-only profiles (``ReadOnlyViolation``). Lower level, on a connection:
``runner.apply_plan``, ``runner.rehearse_plan``, ``runner.accept_checksum`` (``run_state``: what
a run holds; ``locate``: where a file failed, from one run of it),
``ledger.read_ledger``, ``ledger.create_ledger``.
"""
