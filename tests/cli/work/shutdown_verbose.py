"""Runs a child interpreter with the given options (-v) and prints what its shutdown says
about the finalization steps, __main__ and a module of its own, then what the child's
finalizers printed. With --all first, also sys and builtins, and an object the module keeps."""
import subprocess
import sys

CHILD = """
import shutdown_helper
class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("del", self.name)
first = Noisy("first")
second = Noisy("second")
if ALL:
    shutdown_helper.kept = Noisy("kept by shutdown_helper")
print("end of program")
"""

everything = sys.argv[1:2] == ["--all"]
options = sys.argv[2:] if everything else sys.argv[1:]
child = CHILD.replace("ALL", str(everything))
done = subprocess.run([sys.executable, *options, "-c", child], capture_output=True, text=True)
names = ("__main__", "shutdown_helper") + (("sys", "builtins") if everything else ())
for line in done.stderr.splitlines():
    words = line.split()
    if line.startswith(("# clear ", "# restore ")):
        print(line)
    elif line.startswith(("# cleanup", "# destroy")) and words[-1] in names:
        print(line)
print(done.stdout, end="")
print("status", done.returncode)
