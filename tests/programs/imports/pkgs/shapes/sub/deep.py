from .. import circle
from ..square import Square
print("loading", __name__)


def combined(n):
    return circle.area(n) + Square(n).area()
