"""The frozen data model every layer speaks.

Standard library only. ``None`` always means "not set"; an empty tuple means
"set to empty" (Go's nil versus empty slice), and the two are never merged.
Facts are kinds and parameters, never sentences: ``render`` says them in words.
"""

from __future__ import annotations

from cmdresolve.model.forms import Command, ExecForm, ShellForm
from cmdresolve.model.image import IMAGE_FIELDS, ImageConfig, ImageSource, SourceKind
from cmdresolve.model.origins import (
    Arg,
    Note,
    NoteKind,
    Origin,
    values,
    values_or_none,
    with_origin,
)
from cmdresolve.model.resolution import Resolution
from cmdresolve.model.span import InputError, Span
from cmdresolve.model.steps import Step, StepKind
from cmdresolve.model.unknowns import (
    Failure,
    FailureKind,
    Finding,
    Notice,
    NoticeKind,
    Unknown,
    UnknownKind,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model.unknowns import Severity

__all__ = [
    "IMAGE_FIELDS",
    "Arg",
    "Command",
    "ExecForm",
    "Failure",
    "FailureKind",
    "Finding",
    "ImageConfig",
    "ImageSource",
    "InputError",
    "Note",
    "NoteKind",
    "Notice",
    "NoticeKind",
    "Origin",
    "Resolution",
    "Severity",
    "ShellForm",
    "SourceKind",
    "Span",
    "Step",
    "StepKind",
    "Unknown",
    "UnknownKind",
    "values",
    "values_or_none",
    "with_origin",
]
