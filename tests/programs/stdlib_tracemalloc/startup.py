# tracemalloc started at start-up: -X tracemalloc[=N] and PYTHONTRACEMALLOC (ignored under -E),
# the option over the variable, 0 for off, and the fatal errors for invalid frame counts. Run
# in child interpreters.
import os
import subprocess
import sys

CODE = 'import sys, _tracemalloc as t; print(t.is_tracing(), t.get_traceback_limit(), "tracemalloc" in sys.modules)'


def child(options=(), env=None):
    environ = {k: v for k, v in os.environ.items() if k != 'PYTHONTRACEMALLOC'}
    environ.update(env or {})
    result = subprocess.run([sys.executable, *options, '-c', CODE], capture_output=True,
                            text=True, env=environ)
    print(options, env, '->', result.returncode, repr(result.stdout), repr(result.stderr))


child()
child(['-X', 'tracemalloc'])
child(['-X', 'tracemalloc=5'])
child(['-X', 'tracemalloc=0'])
child(env={'PYTHONTRACEMALLOC': '3'})
child(env={'PYTHONTRACEMALLOC': '0'})
child(['-E'], env={'PYTHONTRACEMALLOC': '3'})
child(['-X', 'tracemalloc=2'], env={'PYTHONTRACEMALLOC': '7'})
child(['-X', 'tracemalloc=x'])
child(env={'PYTHONTRACEMALLOC': 'x'})
