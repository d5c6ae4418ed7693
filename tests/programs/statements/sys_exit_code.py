# sys.exit with an integer status: output before it is flushed, finally blocks run.
import sys
print("before exit")
try:
    sys.exit(3)
finally:
    print("finally runs")
print("not reached")
