import sys
from psycopg import sql
from schemadesk.core.migrations import script, observed
from schemadesk.core.migrations.observed import StepObservation
mode = sys.argv.pop(1)
if mode == "count":
    script.observe_query = lambda key: sql.SQL("SELECT count(*) FROM pg_locks WHERE pid = pg_backend_pid()")
    observed.Observer.observe = lambda self, m, f, rows: StepObservation(m, f)
elif mode == "select1":
    script.observe_query = lambda key: sql.SQL("SELECT 1")
    observed.Observer.observe = lambda self, m, f, rows: StepObservation(m, f)
from tests.bench import bench_rehearsal_observe as b
raise SystemExit(b.main())
