# if/elif/else, while with break/continue/else, for with else, nested loops.
for n in range(-1, 4):
    if n < 0:
        print(n, "negative")
    elif n == 0:
        print(n, "zero")
    elif n % 2:
        print(n, "odd")
    else:
        print(n, "even")
i = 0
while i < 10:
    i += 1
    if i % 3:
        continue
    if i > 7:
        break
    print("while", i)
else:
    print("never printed")
for x in []:
    pass
else:
    print("for-else on empty")
for x in range(5):
    if x == 2:
        break
else:
    print("not printed")
while False:
    pass
else:
    print("while-else")
for a in range(3):
    for b in range(3):
        if b > a:
            break
        print(a, b, end="; ")
print()
