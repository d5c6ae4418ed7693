# __exit__ receives the exception type, value and traceback; a truthy non-bool return suppresses.
class Inspect:
    def __enter__(self):
        return self

    def __exit__(self, t, v, tb):
        print(t, repr(v), type(tb).__name__, tb.tb_lineno if tb else None)
        return "yes"


with Inspect():
    int("x")
with Inspect():
    pass
print("end")
