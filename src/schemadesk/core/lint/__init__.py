"""Lint of migration files before they run: squawk's rules on the rendered SQL, mapped back to
the template's line and column, plus schemadesk's own rules where the project, the profile or
the catalog know more than a file alone."""

from __future__ import annotations

from schemadesk.core.lint.engine import LintInput, inputs_of, lint_file, lint_files
from schemadesk.core.lint.models import LintConfig, LintFinding, load_lint_config
from schemadesk.core.lint.squawk import SquawkMissing, squawk_path

__all__ = [
    "LintConfig",
    "LintFinding",
    "LintInput",
    "SquawkMissing",
    "inputs_of",
    "lint_file",
    "lint_files",
    "load_lint_config",
    "squawk_path",
]
