# Deeply nested expressions given to eval: SyntaxError/RecursionError/MemoryError, never a crash.
for depth in [50, 200, 100000]:
    source = "(" * depth + "1" + ")" * depth
    try:
        print(depth, eval(source))
    except (SyntaxError, RecursionError, MemoryError) as e:
        print(depth, type(e).__name__, e)
source = "[" * 300 + "]" * 300
try:
    print(len(eval(source)))
except (SyntaxError, RecursionError) as e:
    print(type(e).__name__, e)
