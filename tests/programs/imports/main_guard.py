# __name__ is "__main__" in the script and the module name in imported modules.
import sys
sys.path.insert(0, sys.path[0] + "/lib")
import mainguard
print(__name__, mainguard.__name__, mainguard.main())
if __name__ == "__main__":
    print("script guard taken")
print(sys.modules["__main__"].__name__, "mainguard" in sys.modules)
