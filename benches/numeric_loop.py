# Integer and float arithmetic in tight loops.
def integers(n):
    total = 0
    for i in range(n):
        total += (i * i) % 7 - (i >> 3) + (i & 15)
    return total


def floats(n):
    x = 0.0
    step = 1.0 / n
    for i in range(n):
        t = i * step
        x += t * t - 0.5 * t + 1.25
    return x


def collatz_steps(limit):
    longest = 0
    for start in range(1, limit):
        n = start
        steps = 0
        while n != 1:
            n = n // 2 if n % 2 == 0 else 3 * n + 1
            steps += 1
        longest = max(longest, steps)
    return longest


print(integers(2_500_000), round(floats(1_500_000), 6), collatz_steps(40_000))
