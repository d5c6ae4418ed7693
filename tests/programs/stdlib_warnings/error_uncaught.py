# A warning turned into an error: the traceback ends at the warn() call.
import warnings

def deprecated_api():
    warnings.warn("deprecated_api is going away", DeprecationWarning, stacklevel=2)

def caller():
    deprecated_api()

warnings.simplefilter("error")
try:
    caller()
except DeprecationWarning as e:
    print("caught:", e)
caller()
