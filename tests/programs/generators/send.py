# send(): priming with None, sending to a just-started generator, running averages.
def averager():
    total = count = 0
    avg = None
    while True:
        value = yield avg
        total += value
        count += 1
        avg = total / count


a = averager()
print(a.send(None), a.send(10), a.send(20), a.send(0))
b = averager()
try:
    b.send(5)
except TypeError as e:
    print(type(e).__name__, e)
