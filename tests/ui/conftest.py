"""Window fixtures for the window tests only: elsewhere a half-edited UI file must not break
collection."""

from tests.fix_ui import isolated_qsettings, main_window, ui_loop  # noqa: F401
from tests.ui.fix_connections import no_message_boxes, open_dialog  # noqa: F401
from tests.ui.fix_language import russian  # noqa: F401
from tests.ui.fix_sql_preview import preview  # noqa: F401
