# args: one "two words" --flag=3
# sys.argv holds the script path then the arguments (the args line above has no quoting).
import sys
print(sys.argv[0], sys.argv[1:], len(sys.argv))
