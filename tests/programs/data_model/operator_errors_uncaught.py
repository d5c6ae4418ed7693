# An uncaught TypeError from an unsupported operand pair between user classes.
class Apple:
    pass


class Orange:
    pass


basket = [Apple(), Orange()]
print(len(basket))
total = basket[0] + basket[1]
