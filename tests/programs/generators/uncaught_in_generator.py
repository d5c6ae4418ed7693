# An uncaught exception raised inside a generator: the traceback shows the consumer and the generator.
def parse(lines):
    for line in lines:
        yield int(line)


total = 0
for n in parse(["1", "2", "three"]):
    total += n
    print(total)
