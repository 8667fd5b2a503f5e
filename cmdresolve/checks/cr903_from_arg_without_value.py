"""## What it does
Reports a `FROM` whose image name reads a build ARG that has no value: declared
without a default (or not declared at all) and not given with `--build-arg`.

## Why is this bad?
BuildKit substitutes an unset ARG with nothing, so `FROM python:3$MINOR` builds
from `python:3` and `FROM $REGISTRY/app` fails. The image the answer is built from
then depends on a `--build-arg` the real build is usually given (in CI, a Makefile,
a compose file) and this run was not: the argv, env, working directory and user
shown are those of the image the name expands to here. Give the same `--build-arg`
as the real build to resolve the image it uses. When the name left is empty or not
a valid reference, BuildKit refuses the build, and so does cmdresolve (exit 2).

## Example
```dockerfile
ARG PYTHON_VERSION
FROM python:${PYTHON_VERSION}-slim
CMD ["python3"]
```

## Use instead
```dockerfile
ARG PYTHON_VERSION=3.12
FROM python:${PYTHON_VERSION}-slim
CMD ["python3"]
```
or `cmdresolve Dockerfile --build-arg PYTHON_VERSION=3.12`.

## References
- moby/buildkit `frontend/dockerfile/dockerfile2llb/convert.go :: buildMetaArgs`
  (an ARG without a default or build arg sets nothing), `buildDispatchStates` (the
  FROM word is expanded with the global ARGs only) and `resolveBaseImage`
- BuildKit checks InvalidDefaultArgInFrom and UndefinedArgInFrom; no hadolint rule
"""

from __future__ import annotations

from cmdresolve.model import Finding, Resolution, StepKind
from cmdresolve.model.facts import N_

TYPE_CHECKING = False
if TYPE_CHECKING:
    from cmdresolve.model import Severity

CODE = "CR903"
NAME = "from-arg-without-value"
SEVERITY: Severity = "warning"
SUMMARY = N_("FROM reads a build ARG with no value, so the base image depends on --build-arg")


def check(result: Resolution) -> list[Finding]:
    """The finding carries the step's parameters (``base``, ``args``, ``image``)."""
    return [
        Finding(CODE, NAME, SEVERITY, step.params, step.span)
        for step in result.steps
        if step.kind is StepKind.DOCKERFILE_FROM_UNSET_ARG
    ]
