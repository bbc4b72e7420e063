"""The rollout review manifest: every target's plan (schemas, files, checksums) and the exact SQL
of each distinct file once, and the check that a rollout runs only what it lists.

A report over a fleet (``rollout --report``) embeds it as a single-database report embeds its
manifest (``core.report``): same envelope, same content hash, its own format name, so a
single-database report never passes for a rollout's and the other way round.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from schemadesk.core.audit import redact_sql
from schemadesk.core.messages_reports import say
from schemadesk.core.report.json_fields import ManifestError, get, objects, strings
from schemadesk.core.report.manifest import canonical_json, sha256
from schemadesk.core.report_texts import CHECKSUM_ALGORITHM
from schemadesk.core.rollout.models import RolloutPlan, TargetPlan

ROLLOUT_FORMAT = "schemadesk-rollout-review/1"

Json = dict[str, Any]


@dataclass(frozen=True, slots=True)
class ReviewedFile:
    """A distinct migration file (name and checksum) and the exact SQL it runs as rendered for
    one schema (``rendered_for``); other schemas run it with their own names substituted."""

    file: str
    checksum: str
    sql: str
    sql_sha256: str
    rendered_for: str  # target/schema

    def to_json(self) -> Json:
        return {
            "file": self.file,
            "checksum": self.checksum,
            "sql": self.sql,
            "sql_sha256": self.sql_sha256,
            "rendered_for": self.rendered_for,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ReviewedFile:
        return cls(
            file=get(data, "file", str),
            checksum=get(data, "checksum", str),
            sql=get(data, "sql", str),
            sql_sha256=get(data, "sql_sha256", str),
            rendered_for=get(data, "rendered_for", str),
        )


@dataclass(frozen=True, slots=True)
class ReviewedStep:
    """One migration a target was to run: its module, schema, file and checksum."""

    module: str
    schema: str
    file: str
    checksum: str

    def to_json(self) -> Json:
        return {
            "module": self.module,
            "schema": self.schema,
            "file": self.file,
            "checksum": self.checksum,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ReviewedStep:
        return cls(
            module=get(data, "module", str),
            schema=get(data, "schema", str),
            file=get(data, "file", str),
            checksum=get(data, "checksum", str),
        )


@dataclass(frozen=True, slots=True)
class ReviewedTarget:
    """A target as reviewed: where it was (user@host:port/db), its stage and every step."""

    name: str
    stage: str
    where: str
    protected: bool
    steps: tuple[ReviewedStep, ...]

    def to_json(self) -> Json:
        return {
            "name": self.name,
            "stage": self.stage,
            "where": self.where,
            "protected": self.protected,
            "steps": [s.to_json() for s in self.steps],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ReviewedTarget:
        return cls(
            name=get(data, "name", str),
            stage=get(data, "stage", str),
            where=get(data, "where", str),
            protected=get(data, "protected", bool),
            steps=tuple(objects(data, "steps", ReviewedStep.from_json)),
        )


@dataclass(frozen=True, slots=True)
class RolloutManifest:
    """Everything a rollout review report shows and ``rollout --reviewed`` compares."""

    created: str
    os_user: str
    title: str
    checksum_algorithm: str
    stages: tuple[str, ...]
    files: tuple[ReviewedFile, ...]
    targets: tuple[ReviewedTarget, ...]
    format: str = ROLLOUT_FORMAT

    def to_json(self) -> Json:
        return {
            "format": self.format,
            "created": self.created,
            "os_user": self.os_user,
            "title": self.title,
            "checksum_algorithm": self.checksum_algorithm,
            "stages": list(self.stages),
            "files": [f.to_json() for f in self.files],
            "targets": [t.to_json() for t in self.targets],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RolloutManifest:
        """The manifest ``data`` describes; ``ManifestError`` unless it is exactly one."""
        manifest = cls(
            format=get(data, "format", str),
            created=get(data, "created", str),
            os_user=get(data, "os_user", str),
            title=get(data, "title", str),
            checksum_algorithm=get(data, "checksum_algorithm", str),
            stages=strings(data, "stages"),
            files=tuple(objects(data, "files", ReviewedFile.from_json)),
            targets=tuple(objects(data, "targets", ReviewedTarget.from_json)),
        )
        if manifest.to_json() != data:  # unknown keys, or a value in another shape
            raise ManifestError(say("manifest-more"))
        return manifest

    @property
    def content_sha256(self) -> str:
        """The hash the approver notes: over the canonical JSON, as for a single report."""
        return sha256(canonical_json(self.to_json()))

    @property
    def step_count(self) -> int:
        return sum(len(t.steps) for t in self.targets)


def _steps(target: TargetPlan) -> tuple[ReviewedStep, ...]:
    steps = target.plan.steps if target.plan is not None else ()
    return tuple(
        ReviewedStep(s.module, target.schemas.get(s.module, "public"), s.filename, s.checksum)
        for s in steps
    )


def rollout_manifest(
    plan: RolloutPlan, *, os_user: str, created: datetime | None = None
) -> RolloutManifest:
    """The manifest of a planned rollout: each target's steps, each distinct file's SQL once."""
    files: dict[tuple[str, str], ReviewedFile] = {}
    for target in plan.targets:
        for step in target.plan.steps if target.plan is not None else ():
            if (step.filename, step.checksum) in files:
                continue
            text = redact_sql(step.sql)
            schema = target.schemas.get(step.module, "public")
            files[(step.filename, step.checksum)] = ReviewedFile(
                step.filename, step.checksum, text, sha256(text), f"{target.target.name}/{schema}"
            )
    targets = tuple(
        ReviewedTarget(t.target.name, t.target.stage, t.where, t.protected, _steps(t))
        for t in plan.targets
    )
    when = (created or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
    steps = sum(len(t.steps) for t in targets)
    return RolloutManifest(
        created=when,
        os_user=os_user,
        title=f"roll out {steps} migration(s) to {len(targets)} target(s)",
        checksum_algorithm=CHECKSUM_ALGORITHM,
        stages=plan.stages,
        files=tuple(files.values()),
        targets=targets,
    )


def rollout_differences(reviewed: RolloutManifest, plan: RolloutPlan) -> list[str]:
    """Every way ``plan`` departs from the review, naming target and file. A target may need
    fewer steps than reviewed (a resumed rollout), never another or an edited one."""
    entries = {t.name: t for t in reviewed.targets}
    found: list[str] = []
    for target in plan.targets:
        steps = _steps(target)
        name = target.target.name
        entry = entries.get(name)
        if entry is None:
            if steps:
                first = f"{steps[0].schema}/{steps[0].file}"
                found.append(
                    say("rollout-target-unreviewed", target=name, file=first, n=len(steps) - 1)
                )
            continue
        if steps and entry.where != target.where:
            found.append(
                say("rollout-target-moved", target=name, planned=target.where, reviewed=entry.where)
            )
        old = {(s.module, s.schema, s.file): s.checksum for s in entry.steps}
        for step in steps:
            was = old.get((step.module, step.schema, step.file))
            if was is None:
                file = f"{step.schema}/{step.file}"
                found.append(say("rollout-not-reviewed", target=name, file=file))
            elif was != step.checksum:
                file = f"{step.schema}/{step.file}"
                found.append(
                    say(
                        "rollout-changed",
                        target=name,
                        file=file,
                        planned=step.checksum[:12],
                        reviewed=was[:12],
                    )
                )
    return found
