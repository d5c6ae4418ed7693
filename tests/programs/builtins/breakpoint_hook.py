# breakpoint() through sys.breakpointhook and PYTHONBREAKPOINT, down to pdb reading a replaced sys.stdin.
import os
os.environ["PYTHONBREAKPOINT"] = "builtins.print"
breakpoint("via", "print", sep="-")
os.environ["PYTHONBREAKPOINT"] = "0"
print(breakpoint())
os.environ["PYTHONBREAKPOINT"] = "nosuchmodule.hook"
print(breakpoint())
import sys
sys.breakpointhook = lambda *a, **k: ("custom", a, k)
print(breakpoint(1, x=2))
del sys.breakpointhook
try:
    breakpoint()
except RuntimeError as e:
    print("RuntimeError", e)
sys.breakpointhook = sys.__breakpointhook__
os.environ["PYTHONBREAKPOINT"] = ""
import io, pdb
def f():
    x = 41
    breakpoint()
    return x + 1
# pdb reads commands from stdin: give it a script.
sys.stdin = io.StringIO("p x\nx = 100\ncontinue\n")
print(f())
