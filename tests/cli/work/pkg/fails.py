def inner():
    raise ValueError("from a module run with -m")

inner()
