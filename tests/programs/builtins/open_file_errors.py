# open() errors on missing files and bad modes (no files are created).
try:
    open("tests/programs/builtins/does_not_exist.txt")
except FileNotFoundError as e:
    print(type(e).__name__, e.errno, e.strerror, e.filename)
try:
    open("x", "rz")
except ValueError as e:
    print(type(e).__name__, e)
with open("tests/programs/builtins/open_file_errors.py") as f:
    first = f.readline()
print(repr(first))
with open("tests/programs/builtins/open_file_errors.py", "rb") as f:
    print(f.read(8))
