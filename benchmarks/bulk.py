"""1,000 generated Dockerfiles resolved in one process; target < 1 s.

Usage: ``python benchmarks/bulk.py [COUNT]``. The Dockerfiles vary in form (exec
and shell CMD/ENTRYPOINT, SHELL, multi-stage, continuations, ENV/WORKDIR/ARG).
"""

from __future__ import annotations

import sys
import time

from cmdresolve.resolve.docker.run import merge_docker_run
from cmdresolve.resolve.dockerfile.stages import build_image
from cmdresolve.sources.dockerfile import parse_dockerfile, parse_trigger

TEMPLATES = (
    "FROM scratch\nENV APP=/srv/{i}\nWORKDIR $APP\n"
    'ENTRYPOINT ["/bin/app{i}", "--serve"]\nCMD ["--port", "{i}"]\n',
    "FROM scratch AS build\nARG V={i}\nRUN make \\\n    all\nFROM build\n"
    'SHELL ["/bin/bash", "-c"]\nCMD echo run {i} && exec app\n',
    '# escape=`\nFROM scratch\nRUN <<EOF\nCMD ["x"]\nEOF\n'
    "ENTRYPOINT exec server `\n  --id {i}\nCMD ['a','b']\n",
    'FROM scratch AS base\nONBUILD CMD ["trigger{i}"]\nFROM base\nUSER {i}\nLABEL a=b c="d e"\n',
)


def generate(count: int) -> list[str]:
    return [TEMPLATES[i % len(TEMPLATES)].replace("{i}", str(i)) for i in range(count)]


def main(count: int = 1000) -> int:
    texts = generate(count)
    start = time.perf_counter()
    resolved = 0
    for i, text in enumerate(texts):
        df = parse_dockerfile(text, f"Dockerfile.{i}")
        build = build_image(df, lookup=lambda ref: None, parse_trigger=parse_trigger)
        if merge_docker_run(build.config, None).argv is not None:
            resolved += 1
    seconds = time.perf_counter() - start
    verdict = "ok" if seconds < 1.0 else "OVER TARGET"
    print(
        f"{count} Dockerfiles resolved in {seconds * 1000:.0f} ms ({resolved} with an argv); "
        f"target < 1000 ms {verdict}"
    )
    return 0 if seconds < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
