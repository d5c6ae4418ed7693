"""What the reference sides of `cargo xtask bench` share; xtask runs it ahead of each stage's
script, in one `-c` program.

The corpus paths come on stdin, one per line, and every file is read into memory before any
timing. A stage's script finds the files its function rejects in an untimed pass (which also
warms up), times its passes with `best_of`, and ends with `report`, whose last line is for the
caller: `RESULT files=N rejected=K bytes=B seconds=S`.
"""

import sys
import time

PASSES = 3


def read_corpus():
    """The corpus as (path, bytes) pairs, in the order given."""
    paths = [line for line in sys.stdin.read().splitlines() if line]
    sources = []
    for path in paths:
        with open(path, "rb") as f:
            sources.append((path, f.read()))
    return sources


def accepted_by(run, sources):
    """The sources `run` takes without raising (one at a time, untimed), and how many it
    rejected."""
    accepted, skipped = [], 0
    for item in sources:
        try:
            run([item])
        except Exception:
            skipped += 1
        else:
            accepted.append(item)
    return accepted, skipped


def best_of(run, sources, clock=time.perf_counter, passes=PASSES):
    """The shortest of `passes` timed runs of `run` over all of `sources`, in seconds of
    `clock` (wall time unless the stage says otherwise)."""
    best = float("inf")
    for _ in range(passes):
        start = clock()
        run(sources)
        best = min(best, clock() - start)
    return best


def report(what, sources, skipped, best, skipped_note="rejected and skipped", passes=PASSES):
    """Prints the human line and the caller's RESULT line."""
    total = sum(len(data) for _, data in sources)
    print(
        f"CPython {sys.version.split()[0]} {what}: {len(sources)} files "
        f"({skipped} {skipped_note}), {total} bytes, best of {passes}: "
        f"{best:.3f} s, {total / best / 1e6:.2f} MB/s"
    )
    print(f"RESULT files={len(sources)} rejected={skipped} bytes={total} seconds={best!r}")
