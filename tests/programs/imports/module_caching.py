# sys.modules caches modules: a second import does not re-execute; deleting the entry re-imports.
import sys
sys.path.insert(0, sys.path[0] + "/pkgs")
import plainmod
import plainmod as again
print(plainmod is again, plainmod.bump(), again.bump())
del sys.modules["plainmod"]
import plainmod as fresh
print(fresh is again, fresh.counter, again.counter)
sys.modules["virtual_mod"] = type(sys)("virtual_mod")
sys.modules["virtual_mod"].answer = 42
import virtual_mod
print(virtual_mod.answer)
