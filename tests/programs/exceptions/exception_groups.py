# ExceptionGroup and except*: splitting by type, nested groups, unhandled remainder.
eg = ExceptionGroup("many", [ValueError("v1"), TypeError("t1"), ValueError("v2")])
print(repr(eg), str(eg), len(eg.exceptions))
try:
    raise eg
except* ValueError as group:
    print("values:", [str(e) for e in group.exceptions])
except* TypeError as group:
    print("types:", [str(e) for e in group.exceptions])
match, rest = eg.split(ValueError)
print(repr(match), repr(rest))
print(eg.subgroup(lambda e: "2" in str(e)))
try:
    ExceptionGroup("bad", [])
except ValueError as e:
    print(type(e).__name__, e)
try:
    ExceptionGroup("bad", [1])
except ValueError as e:
    print(type(e).__name__, e)
print(type(BaseExceptionGroup("m", [KeyboardInterrupt()])).__name__, type(BaseExceptionGroup("m", [ValueError()])).__name__)
