"""A module with PEP 562 hooks."""
visible = 1


def __getattr__(name):
    if name == "computed":
        return "computed!"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return ["visible", "computed", "extra"]
