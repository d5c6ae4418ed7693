# sys.exit with a large code and with a non-int, non-None object (printed, status 1).
import sys
print("exit with a list")
sys.exit([1, 2])
