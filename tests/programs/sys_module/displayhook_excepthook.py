# sys.excepthook replaced: an uncaught exception goes to the custom hook instead of the default printer.
import sys


def hook(exc_type, exc, tb):
    print("custom hook:", exc_type.__name__, exc, file=sys.stderr)
    print("line", tb.tb_next.tb_lineno if tb.tb_next else tb.tb_lineno)


sys.excepthook = hook


def fail():
    raise ValueError("handled by hook")


fail()
