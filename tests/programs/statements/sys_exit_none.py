# sys.exit() and SystemExit(None) exit with status 0; SystemExit can be caught.
import sys
try:
    sys.exit(5)
except SystemExit as e:
    print("caught", type(e).__name__, e.code, e.args)
try:
    raise SystemExit("msg")
except SystemExit as e:
    print("caught", e.code)
print("exiting cleanly")
sys.exit()
