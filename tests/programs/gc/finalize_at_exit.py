# At exit, as CPython's finalization: atexit handlers run, cyclic garbage is collected (its
# __del__ runs), then __main__'s globals are released in order, so objects left in globals
# are finalized and a cycle among them is collected after; a file a program never closed is
# flushed and closed (checked in a child interpreter).
import atexit
import os
import subprocess
import sys
import tempfile


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('del', self.name)


cycle = Noisy('cycle garbage')
cycle.me = cycle
del cycle

zulu = Noisy('zulu')
_private = Noisy('_private')
alpha = Noisy('alpha')
looped = Noisy('looped')
looped.me = looped

path = os.path.join(tempfile.mkdtemp(), 'unclosed.txt')
child = f'f = open({path!r}, "w"); f.write("written without close\\n")'
subprocess.run([sys.executable, '-c', child], check=True)
with open(path) as f:
    print('the child wrote:', repr(f.read()))
os.remove(path)
os.rmdir(os.path.dirname(path))


def report():
    print('atexit runs first')


atexit.register(report)
print('end of program')
