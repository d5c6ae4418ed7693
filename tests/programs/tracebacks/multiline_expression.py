# A failing expression spread over several lines: the traceback shows all of its lines.
def total(prices, counts):
    return sum(
        price * counts[name]
        for name, price in prices.items()
    )


print(total({"a": 2}, {"a": 3}))
print(total({"a": 2, "b": 5}, {"a": 3}))
