# A circular import between two modules of a package: partially initialised modules.
import sys
sys.path.insert(0, sys.path[0] + "/pkgs")
import cyc.a
print(cyc.a.VALUE_A, cyc.b.VALUE_B, sorted(k for k in sys.modules if k.startswith("cyc")))
