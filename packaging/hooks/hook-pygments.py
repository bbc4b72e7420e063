"""Pygments for schemadesk: the SQL lexers only (highlighter.py uses PostgresLexer).

Overrides PyInstaller's own pygments hook, which collects every lexer, formatter and style
(about 1.8 MB compressed) because Pygments loads them by name.
"""

hiddenimports = ["pygments.lexers.sql"]
