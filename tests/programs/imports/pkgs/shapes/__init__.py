"""A helper package for the import programs."""
print("shapes package initialised, __name__ =", __name__)
from .square import Square
from . import circle
DEFAULT = "square"
