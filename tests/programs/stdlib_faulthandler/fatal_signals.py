# A fatal signal with faulthandler enabled (by enable(), -X faulthandler, PYTHONFAULTHANDLER,
# -X dev) writes "Fatal Python error" and the traceback, then the process dies by the signal;
# without it, or after disable(), nothing is written. Run in child interpreters; thread
# identifiers are masked.
import os
import re
import subprocess
import sys

CRASH = '''
import faulthandler
def crash():
    faulthandler.{helper}()
def outer():
    crash()
{setup}
outer()
'''


def child(helper, setup='', options=(), env=None):
    code = CRASH.format(helper=helper, setup=setup)
    environ = dict(os.environ)
    environ.pop('PYTHONFAULTHANDLER', None)
    environ.pop('PYTHONDEVMODE', None)
    environ.update(env or {})
    result = subprocess.run([sys.executable, *options, '-c', code], capture_output=True,
                            text=True, env=environ)
    print(helper, setup or '-', options, env, '->', result.returncode)
    print(re.sub(r'0x[0-9a-f]{16}', '0xTHREAD', result.stderr), end='')
    print(repr(re.sub(r'0x[0-9a-f]{16}', '0xTHREAD', result.stdout)))


child('_sigsegv', 'faulthandler.enable()')
child('_read_null', 'faulthandler.enable(all_threads=False)')
child('_sigabrt', 'faulthandler.enable()')
child('_sigfpe', 'faulthandler.enable()')
child('_sigsegv')
child('_sigsegv', 'faulthandler.enable(); faulthandler.disable()')
child('_sigsegv', options=['-X', 'faulthandler'])
child('_sigabrt', env={'PYTHONFAULTHANDLER': '1'})
child('_sigsegv', env={'PYTHONFAULTHANDLER': ''})
child('_sigsegv', options=['-E'], env={'PYTHONFAULTHANDLER': '1'})
child('_sigsegv', options=['-X', 'dev'])
child('_sigsegv', 'import sys; faulthandler.enable(sys.stdout)')
