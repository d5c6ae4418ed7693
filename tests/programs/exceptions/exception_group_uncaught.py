# An uncaught ExceptionGroup prints its sub-exceptions in a tree.
def task(n):
    raise ValueError(f"task {n} failed")


errors = []
for n in range(2):
    try:
        task(n)
    except ValueError as e:
        errors.append(e)
raise ExceptionGroup("tasks failed", errors)
